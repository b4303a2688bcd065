// The trainable heads, in TensorFlow.js: a linear projection to the embedding, L2-normalized.
//  - Teacher (unified embedding): several objectives on one vector, as in Pinterest's unified
//    visual embedding — a normalized-softmax loss over identities (every view of a catalog image
//    or of one icon drawing against learned proxies), one over the catalog's categories, and one
//    over concepts drawn by several artists (training/concept-icons.ts).
//  - Student: regresses onto the teacher's vectors of the same views and keeps the teacher's
//    neighbourhoods: its query must find the teacher's catalog vector of its identity, with the
//    teacher's own similarity distribution over the catalog as soft targets.
// The heads are linear so the manifest's `projection` holds them and every runtime applies
// them the same way.
import type * as tfc from "@tensorflow/tfjs-core";

export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export interface TeacherData {
  /** Centred joined features, one row per view. */
  x: Matrix;
  identity: Int32Array;
  /** −1 where a view has no category (a concept's drawing). */
  category: Int32Array;
  /** −1 where a view has no concept (a catalog image). */
  concept: Int32Array;
  identities: number;
  categories: number;
  concepts: number;
}

export interface HeadOptions {
  epochs: number;
  batch: number;
  learningRate: number;
  /** Inverse temperature of the normalized softmax. */
  scale: number;
  /** Weight of the category loss next to the identity loss. */
  categoryWeight: number;
  /** Weight of the concept loss next to the identity loss. */
  conceptWeight: number;
  /** Called after each epoch with the current projection; returns a score to keep the best. */
  validate: (projection: Float32Array, epoch: number) => number;
}

function shuffled(n: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function rowsOf(m: Matrix, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * m.cols);
  idx.forEach((r, i) => out.set(m.data.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols));
  return out;
}

const unit = (tf: typeof tfc, t: tfc.Tensor2D) => tf.mul(t, tf.rsqrt(tf.add(tf.sum(tf.square(t), 1, true), 1e-12))) as tfc.Tensor2D;

/** Mean unit embedding per label under a projection (rows labelled −1 left out): proxies that start where the data is. */
function labelMeans(tf: typeof tfc, x: Matrix, w: tfc.Tensor2D, labels: Int32Array, count: number): tfc.Tensor2D {
  return tf.tidy(() => {
    const e = unit(tf, tf.matMul(tf.tensor2d(x.data, [x.rows, x.cols]), w, false, true));
    // oneHot of −1 is a row of zeros.
    const sums = tf.matMul(tf.oneHot(tf.tensor1d(labels, "int32"), count) as tfc.Tensor2D, e, true, false);
    return unit(tf, sums as tfc.Tensor2D);
  });
}

/** Mean normalized-softmax loss over the rows that have a label (label ≥ 0); 0 when none has. */
function labelledLoss(tf: typeof tfc, e: tfc.Tensor2D, proxies: tfc.Variable, of: Int32Array, rows: Int32Array, count: number, scale: number): tfc.Scalar {
  const labels = Array.from(rows, (i) => of[i]!);
  const labelled = labels.filter((l) => l >= 0).length;
  if (labelled === 0 || count === 0) return tf.scalar(0);
  const logits = tf.mul(tf.matMul(e, unit(tf, proxies as unknown as tfc.Tensor2D), false, true), scale);
  const perRow = tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(labels, "int32"), count), logits, undefined, undefined, tf.Reduction.NONE);
  const mask = tf.tensor1d(labels.map((l) => (l >= 0 ? 1 : 0)), "float32");
  return tf.div(tf.sum(tf.mul(perRow, mask)), labelled) as tfc.Scalar;
}

/**
 * Adam on a projection [rows, cols] from `init` (and any other trainable variables the loss
 * uses) over shuffled batches of `count` rows; validates after each epoch and returns the best
 * projection, the starting one included. `owned` tensors are disposed at the end.
 */
async function fitProjection(
  tf: typeof tfc,
  name: string,
  init: Float32Array,
  shape: [number, number],
  count: number,
  options: Pick<HeadOptions, "epochs" | "batch" | "learningRate" | "validate">,
  rand: () => number,
  log: (line: string) => void,
  batchLoss: (w: tfc.Variable, rows: Int32Array) => tfc.Scalar,
  owned: tfc.Tensor[] = [],
): Promise<Float32Array> {
  const w = tf.variable(tf.tensor2d(init, shape));
  const optimizer = tf.train.adam(options.learningRate);
  let best = { score: options.validate(init, 0), projection: init };
  log(`${name}: epoch 0 validation ${best.score.toFixed(4)}`);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = shuffled(count, rand);
    let total = 0;
    let batches = 0;
    for (let b = 0; b < order.length; b += options.batch) {
      const rows = order.subarray(b, b + options.batch);
      // Tensors made inside the loss are released by minimize's own scope.
      const cost = optimizer.minimize(() => batchLoss(w, rows), true)!;
      total += (await cost.data())[0]!;
      batches++;
      cost.dispose();
    }
    const projection = (await w.data()) as Float32Array;
    const score = options.validate(projection, epoch);
    log(`${name}: epoch ${epoch} loss ${(total / batches).toFixed(4)} validation ${score.toFixed(4)}`);
    if (score > best.score) best = { score, projection: Float32Array.from(projection) };
  }
  tf.dispose([w, ...owned]);
  optimizer.dispose();
  return best.projection;
}

/** Trains the teacher's projection [dim, cols] from `init`; returns the best validated one. */
export async function trainTeacherHead(tf: typeof tfc, data: TeacherData, init: Float32Array, dim: number, options: HeadOptions, rand: () => number, log: (line: string) => void): Promise<Float32Array> {
  const { x } = data;
  const start = tf.tensor2d(init, [dim, x.cols]);
  const idProxies = tf.variable(labelMeans(tf, x, start, data.identity, data.identities));
  const catProxies = tf.variable(labelMeans(tf, x, start, data.category, data.categories));
  const conceptProxies = tf.variable(labelMeans(tf, x, start, data.concept, Math.max(2, data.concepts)));
  start.dispose();
  return fitProjection(tf, "teacher head", init, [dim, x.cols], x.rows, options, rand, log, (w, rows) => {
    const e = unit(tf, tf.matMul(tf.tensor2d(rowsOf(x, rows), [rows.length, x.cols]), w, false, true));
    const idLoss = labelledLoss(tf, e, idProxies, data.identity, rows, data.identities, options.scale);
    const catLoss = labelledLoss(tf, e, catProxies, data.category, rows, data.categories, options.scale);
    const conceptLoss = labelledLoss(tf, e, conceptProxies, data.concept, rows, data.concepts, options.scale);
    return tf.addN([idLoss, tf.mul(catLoss, options.categoryWeight), tf.mul(conceptLoss, options.conceptWeight)]) as tfc.Scalar;
  }, [idProxies, catProxies, conceptProxies]);
}

export interface StudentData {
  /** Centred joined student features, one row per view. */
  z: Matrix;
  /** The teacher's unit embedding of the same view, [rows, dim]. */
  target: Matrix;
  /** Row of `gallery` that is the view's identity. */
  identity: Int32Array;
  /** The teacher's unit embeddings of the catalog shots the student must find. */
  gallery: Matrix;
}

/** Solves (A) X = B in place for symmetric positive-definite A [n, n] and B [n, m] (Cholesky). */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const l = Float64Array.from(a);
  for (let j = 0; j < n; j++) {
    let d = l[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) throw new RangeError("matrix is not positive definite");
    const djj = Math.sqrt(d);
    l[j * n + j] = djj;
    for (let i = j + 1; i < n; i++) {
      let s = l[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / djj;
    }
  }
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let s = x[i * m + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k * m + c]!;
      x[i * m + c] = s / l[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = x[i * m + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k * m + c]!;
      x[i * m + c] = s / l[i * n + i]!;
    }
  }
  return x;
}

/** Ridge regression from student features to teacher vectors, as a projection [dim, cols]. */
export function ridgeProjection(tf: typeof tfc, data: StudentData, lambda: number): Float32Array {
  const { gram, rhs } = tf.tidy(() => {
    const z = tf.tensor2d(data.z.data, [data.z.rows, data.z.cols]);
    const t = tf.tensor2d(data.target.data, [data.target.rows, data.target.cols]);
    return { gram: tf.matMul(z, z, true, false).dataSync(), rhs: tf.matMul(z, t, true, false).dataSync() };
  });
  const n = data.z.cols;
  const m = data.target.cols;
  const a = Float64Array.from(gram);
  for (let i = 0; i < n; i++) a[i * n + i]! += lambda;
  const x = choleskySolve(a, Float64Array.from(rhs), n, m);
  const out = new Float32Array(m * n);
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) out[c * n + i] = x[i * m + c]!;
  return out;
}

export async function trainStudentHead(tf: typeof tfc, data: StudentData, init: Float32Array, options: Omit<HeadOptions, "categoryWeight" | "conceptWeight">, rand: () => number, log: (line: string) => void): Promise<Float32Array> {
  const { z, target, gallery } = data;
  const dim = target.cols;
  const galleryT = tf.tensor2d(gallery.data, [gallery.rows, gallery.cols]);
  return fitProjection(tf, "student head", init, [dim, z.cols], z.rows, options, rand, log, (v, rows) => {
    const e = unit(tf, tf.matMul(tf.tensor2d(rowsOf(z, rows), [rows.length, z.cols]), v, false, true));
    const tb = tf.tensor2d(rowsOf(target, rows), [rows.length, dim]);
    const ids = tf.oneHot(tf.tensor1d(Array.from(rows, (i) => data.identity[i]!), "int32"), gallery.rows);
    const align = tf.mean(tf.sub(1, tf.sum(tf.mul(e, tb), 1)));
    const studentLogits = tf.mul(tf.matMul(e, galleryT, false, true), options.scale);
    const teacherLogits = tf.mul(tf.matMul(tb, galleryT, false, true), options.scale);
    const find = tf.losses.softmaxCrossEntropy(ids, studentLogits);
    const keep = tf.losses.softmaxCrossEntropy(tf.softmax(teacherLogits), studentLogits);
    return tf.addN([tf.mul(align, 4), find, keep]) as tfc.Scalar;
  }, [galleryT]);
}
