// PCA whitening for the fitting script: mean, top eigenvectors of the covariance by subspace
// iteration (the covariance is a few thousand wide, too big for a dense eigensolver in JS),
// and the whitening projection. Matrix products go through TensorFlow.js when given.
import type * as tfc from "@tensorflow/tfjs-core";

/** Cyclic Jacobi eigendecomposition of a small symmetric matrix (row-major, n × n). */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (const x of m) norm += x * x;
  for (let sweep = 0; sweep < 30; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    // Relative: float rounding never lets the off-diagonal mass reach an absolute zero.
    if (off <= 1e-22 * norm) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  // Sort descending; vectors are columns of v.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j]! - m[i * n + i]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}

export function meanOf(rows: readonly Float32Array[]): Float32Array {
  const d = rows[0]?.length ?? 0;
  const acc = new Float64Array(d);
  for (const r of rows) for (let j = 0; j < d; j++) acc[j]! += r[j]!;
  return Float32Array.from(acc, (x) => x / rows.length);
}

export interface PcaFit {
  /** Descending eigenvalues of the kept components. */
  values: Float64Array;
  /** Row-major [k, d]: the whitening projection, rows = eigenvector / sqrt(eigenvalue + eps). */
  projection: Float32Array;
}

/**
 * Top-k whitening projection of mean-centred rows. Subspace iteration on k + oversample
 * vectors with Rayleigh–Ritz at every step; `eps` (relative to the top eigenvalue) keeps
 * near-empty directions from being blown up.
 */
export function fitWhitening(tf: typeof tfc, rows: readonly Float32Array[], mean: Float32Array, k: number, iterations = 12, eps = 1e-4): PcaFit {
  const n = rows.length;
  const d = mean.length;
  const p = Math.min(d, k + 32);
  const centred = new Float32Array(n * d);
  rows.forEach((r, i) => {
    for (let j = 0; j < d; j++) centred[i * d + j] = r[j]! - mean[j]!;
  });
  const cov = tf.tidy(() => {
    const x = tf.tensor2d(centred, [n, d]);
    return tf.div(tf.matMul(x, x, true, false), n);
  });
  let basis = tf.tidy(() => tf.randomNormal([d, p], 0, 1, "float32", 7) as tfc.Tensor2D);
  let values: Float64Array = new Float64Array(p);
  try {
    for (let it = 0; it < iterations; it++) {
      const next = tf.tidy(() => tf.matMul(cov, basis) as tfc.Tensor2D);
      basis.dispose();
      // Rayleigh–Ritz on the orthonormalized block: Y = QR, then eig of Qᵀ C Q.
      const q = orthonormalize(tf, next);
      next.dispose();
      const small = tf.tidy(() => tf.matMul(q, tf.matMul(cov, q), true, false));
      const eig = symmetricEigen(Float64Array.from(small.dataSync()), p);
      small.dispose();
      values = eig.values;
      basis = tf.tidy(() => tf.matMul(q, tf.tensor2d(Float32Array.from(eig.vectors), [p, p])) as tfc.Tensor2D);
      q.dispose();
    }
    const vecs = basis.dataSync();
    const projection = new Float32Array(k * d);
    const floor = (values[0] ?? 0) * eps;
    for (let c = 0; c < k; c++) {
      const scale = 1 / Math.sqrt(Math.max(0, values[c]!) + floor);
      for (let j = 0; j < d; j++) projection[c * d + j] = vecs[j * p + c]! * scale;
    }
    return { values: values.slice(0, k), projection };
  } finally {
    basis.dispose();
    cov.dispose();
  }
}

/** Q with orthonormal columns spanning Y's (Cholesky QR, twice, for float32 accuracy). */
function orthonormalize(tf: typeof tfc, y: tfc.Tensor2D): tfc.Tensor2D {
  let q = y.clone();
  for (let pass = 0; pass < 2; pass++) {
    const p = q.shape[1];
    const gram = tf.tidy(() => tf.matMul(q, q, true, false));
    const g = Float64Array.from(gram.dataSync());
    gram.dispose();
    // G = V Λ Vᵀ → G^{-1/2} = V Λ^{-1/2} Vᵀ; symmetric and stable where Cholesky may fail.
    const { values, vectors } = symmetricEigen(g, p);
    const inv = new Float32Array(p * p);
    const top = values[0] ?? 1;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let c = 0; c < p; c++) s += (vectors[i * p + c]! * vectors[j * p + c]!) / Math.sqrt(Math.max(values[c]!, top * 1e-12));
        inv[i * p + j] = s;
      }
    }
    const next = tf.tidy(() => tf.matMul(q, tf.tensor2d(inv, [p, p])) as tfc.Tensor2D);
    q.dispose();
    q = next;
  }
  return q;
}
