import "server-only";
// `npm run train`: the data, the feature extraction shards and the two trainings, in order.
import path from "node:path";
import { seededRandom } from "@/lib/random";
import { featureDim, modelKey, type EmbeddingManifest } from "@/lib/embedding/manifest";
import { loadFeatureExtractor } from "@/lib/embedding/manifest-embedder";
import { readManifest, readPostprocess } from "@/lib/embedding/model-files";
import { splitParts } from "./eval/feature-cache";
import { meanOf } from "./eval/pca";
import { centreAndProject, joinParts } from "@/lib/embedding/postprocess";
import { dot, l2NormalizeInPlace } from "@/lib/embedding/vectors";
import { tfjsWasm } from "@/lib/embedding/tfjs-runtime";
// Training needs the gradients the inference runtime leaves out; the union package registers
// them on the shared tfjs-core (tfjs-core's own ESM entry for them does not resolve in Node).
import "@tensorflow/tfjs";
import { ridgeProjection, trainStudentHead, trainTeacherHead, type Matrix, type StudentData, type TeacherData } from "./head";
import { backgroundPhotos, catalogViews, HELD_OUT_RULE, isHeldOutImage, readCatalog, type CatalogImage, type TrainView } from "./catalog-views";
import { extractViews } from "./extract";
import { cachePart, featuresName, readAllParts } from "./feature-store";
import { studentManifest } from "./student";
import { publishModel } from "./publish-model";
import { GEM_POWER, sameFeatures, withPooling, type Pooling } from "./pooling";
import { conceptIcons, conceptNames, conceptViews, ICON_THEMES, isHeldOutConcept, type ConceptIcon } from "./concept-icons";

export interface TrainOptions {
  root: string;
  /** Model folder whose backbones (and fitted whitening, as a starting point) the head builds on. */
  from: string;
  /** How the backbones' maps are pooled: as `from` does ("mean"), or by GeM. */
  pooling: Pooling;
  out: string;
  student: string;
  studentSize: number;
  /** The catalog's JSONL (the demo catalog's, or a snapshot of a live one: training/live-catalog.ts). */
  catalog: string;
  /** What the catalog is, for the manifest: "demo catalog", or the live catalog's address. */
  catalogSource: string;
  /** For a live catalog: the newest pin's creation time, recorded so the next run knows what is new. */
  catalogNewest: string | null;
  cache: string;
  seed: number;
  epochs: number;
  /** Weight of the multi-artist concept objective (0: the drawings are identities only). */
  conceptWeight: number;
  /** Distil a new student from the teacher already in `out`, leaving the teacher as it is. */
  studentOnly: boolean;
  /** Write the new teacher even when it does not beat the one in `out` on the held-out views. */
  force: boolean;
}

export interface TrainingSetup {
  options: TrainOptions;
  /** The model in `from`, as it is. */
  from: EmbeddingManifest;
  /** Its backbones pooled as `pooling` says: the features the new head reads. */
  base: EmbeddingManifest;
  studentBase: EmbeddingManifest;
  catalog: CatalogImage[];
  /** Drawings of concepts by several icon themes; empty where none is installed. */
  icons: ConceptIcon[];
  concepts: string[];
  views: TrainView[];
}

export async function trainingSetup(options: TrainOptions): Promise<TrainingSetup> {
  const from = await readManifest(options.from);
  const base = withPooling(from, options.pooling);
  const catalog = readCatalog(options.catalog);
  const backgrounds = await backgroundPhotos(catalog);
  const icons = conceptIcons();
  const concepts = conceptNames(icons);
  const views = [...catalogViews(catalog, backgrounds, options.seed), ...conceptViews(icons, concepts, backgrounds, options.seed, catalog.length)];
  const studentBase = studentManifest(base, path.basename(options.student), 1, options.studentSize);
  return { options, from, base, studentBase, catalog, icons, concepts, views };
}

/** Where the features a manifest reads are cached: one folder name per set of backbones and poolings. */
function featureCachePrefix(setup: TrainingSetup, manifest: EmbeddingManifest): string {
  const { cache, seed } = setup.options;
  return path.join(cache, `${featuresName(manifest)}-seed${seed}`);
}

function cachePrefixes(setup: TrainingSetup) {
  return { teacher: featureCachePrefix(setup, setup.base), student: featureCachePrefix(setup, setup.studentBase) };
}

/** Features of views i with i % of === shard, for the teacher's and the student's backbones. */
export async function extractShard(setup: TrainingSetup, shard: number, of: number, log: (line: string) => void): Promise<void> {
  const prefixes = cachePrefixes(setup);
  const known = {
    teacher: readAllParts(prefixes.teacher, featureDim(setup.base)),
    student: readAllParts(prefixes.student, featureDim(setup.studentBase)),
  };
  const withStudent = sharedSlice(setup) === null;
  const mine = setup.views.filter((v, i) => i % of === shard && !(known.teacher.get(v.key) && (!withStudent || known.student.get(v.key))));
  if (mine.length === 0) return;
  const extractions = [{ extractor: await loadFeatureExtractor(setup.base, setup.options.root), cache: cachePart(prefixes.teacher, featureDim(setup.base), shard) }];
  if (withStudent) {
    extractions.push({ extractor: await loadFeatureExtractor(setup.studentBase, setup.options.root), cache: cachePart(prefixes.student, featureDim(setup.studentBase), shard) });
  }
  await extractViews(mine, extractions, log);
  for (const e of extractions) e.extractor.dispose();
}

/**
 * Where the student's backbone is one of the teacher's at the same input size, its features
 * are a slice of the teacher's: [from, to) of the teacher's raw row.
 */
function sharedSlice(setup: TrainingSetup): [number, number] | null {
  const s = setup.studentBase.backbones[0]!;
  let offset = 0;
  for (const b of setup.base.backbones) {
    const width = b.parts.reduce((sum, p) => sum + p.dim, 0);
    if (b.name === s.name && b.input.width === s.input.width && b.input.height === s.input.height) return [offset, offset + width];
    offset += width;
  }
  return null;
}

export function trainingFeatures(setup: TrainingSetup) {
  const prefixes = cachePrefixes(setup);
  const teacher = readAllParts(prefixes.teacher, featureDim(setup.base));
  const slice = sharedSlice(setup);
  const student = slice ? null : readAllParts(prefixes.student, featureDim(setup.studentBase));
  const studentRow = (key: string) => (slice ? teacher.get(key)?.subarray(...slice) : student!.get(key));
  const rows = setup.views
    .map((view) => ({ view, teacher: teacher.get(view.key), student: studentRow(view.key) }))
    .filter((r): r is { view: TrainView; teacher: Float32Array; student: Float32Array } => r.teacher !== undefined && r.student !== undefined);
  return rows;
}

interface Split {
  rows: ReturnType<typeof trainingFeatures>;
  train: number[];
  /** Views of the held-out catalog images. */
  validation: number[];
  /** Rows of the catalog's clean shots: the gallery every query searches. */
  clean: number[];
  /** Views of the drawings of held-out concepts. */
  conceptValidation: number[];
  /** Clean views of the drawings of the concepts trained on. */
  conceptTrainClean: number[];
}

function split(setup: TrainingSetup, rows: ReturnType<typeof trainingFeatures>): Split {
  const heldOut = setup.catalog.map((c) => isHeldOutImage(c.file));
  const sp: Split = { rows, train: [], validation: [], clean: [], conceptValidation: [], conceptTrainClean: [] };
  rows.forEach((r, i) => {
    const { concept, kind, image } = r.view;
    if (concept === undefined) {
      if (kind === "clean") sp.clean.push(i);
      (heldOut[image] ? sp.validation : sp.train).push(i);
    } else if (isHeldOutConcept(concept)) {
      sp.conceptValidation.push(i);
    } else {
      sp.train.push(i);
      if (kind === "clean") sp.conceptTrainClean.push(i);
    }
  });
  return sp;
}

function matrix(rows: Float32Array[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => data.set(r, i * cols));
  return { data, rows: rows.length, cols };
}

function project(x: Float32Array, mean: Float32Array, projection: Float32Array, dim: number): Float32Array {
  return l2NormalizeInPlace(centreAndProject(x, mean, projection, dim));
}

/**
 * Recall@1/@10 of the held-out images' phone-style views against every clean catalog shot
 * (the query's image must be found), and the unrelated-pair score at the 99th percentile.
 */
export function heldOutRecall(sp: Split, queries: Float32Array[], gallery: Float32Array[]): { r1: number; r10: number; byKind: Record<string, number>; unrelatedP99: number } {
  const galleryImages = sp.clean.map((i) => sp.rows[i]!.view.image);
  let r1 = 0;
  let r10 = 0;
  let n = 0;
  const hits: Record<string, [number, number]> = {};
  const unrelated: number[] = [];
  sp.validation.forEach((row, q) => {
    const view = sp.rows[row]!.view;
    if (view.kind === "clean") return;
    const v = queries[q]!;
    const sims = gallery.map((g) => dot(v, g));
    const own = galleryImages.indexOf(view.image);
    if (own < 0) return;
    // A NaN score (a diverged head) ranks last.
    const better = Number.isNaN(sims[own]!) ? sims.length : sims.filter((s) => s > sims[own]!).length;
    r1 += better < 1 ? 1 : 0;
    r10 += better < 10 ? 1 : 0;
    n++;
    const k = (hits[view.kind] ??= [0, 0]);
    k[0] += better < 10 ? 1 : 0;
    k[1]++;
    for (let j = q % 7; j < sims.length; j += 37) if (j !== own) unrelated.push(Math.max(0, sims[j]!));
  });
  unrelated.sort((a, b) => a - b);
  const byKind = Object.fromEntries(Object.entries(hits).map(([kind, [h, c]]) => [kind, round(h / c)]));
  return { r1: r1 / n, r10: r10 / n, byKind, unrelatedP99: unrelated[Math.floor(unrelated.length * 0.99)] ?? 0 };
}

/**
 * The multi-artist test: each view of a held-out concept's drawing searches the clean shots of
 * all held-out drawings and of the catalog (its own drawing left out); a hit is another
 * artist's drawing of the same concept. Null without icon themes.
 */
export function heldOutConcepts(sp: Split, embed: (rows: number[]) => Float32Array[]): { r1: number; r10: number; byKind: Record<string, number> } | null {
  if (sp.conceptValidation.length === 0) return null;
  const galleryRows = [...sp.conceptValidation.filter((i) => sp.rows[i]!.view.kind === "clean"), ...sp.clean];
  const gallery = embed(galleryRows);
  const queries = embed(sp.conceptValidation);
  let r1 = 0;
  let r10 = 0;
  const hits: Record<string, [number, number]> = {};
  sp.conceptValidation.forEach((row, q) => {
    const view = sp.rows[row]!.view;
    const ranked = galleryRows
      .map((g, j) => ({ view: sp.rows[g]!.view, score: dot(queries[q]!, gallery[j]!) }))
      .filter((g) => g.view.image !== view.image)
      .sort((a, b) => b.score - a.score);
    const first = ranked.findIndex((g) => g.view.concept === view.concept);
    r1 += first === 0 ? 1 : 0;
    r10 += first >= 0 && first < 10 ? 1 : 0;
    const k = (hits[view.kind] ??= [0, 0]);
    k[0] += first >= 0 && first < 10 ? 1 : 0;
    k[1]++;
  });
  const n = sp.conceptValidation.length;
  return { r1: r1 / n, r10: r10 / n, byKind: Object.fromEntries(Object.entries(hits).map(([kind, [h, c]]) => [kind, round(h / c)])) };
}

/**
 * The one held-out score that picks an epoch and decides whether a new version replaces the
 * current one: catalog R@10, averaged with held-out concepts' R@10 where there are drawings.
 */
function heldOutScore(catalog: { r10: number }, concepts: { r10: number } | null): number {
  return concepts ? (catalog.r10 + concepts.r10) / 2 : catalog.r10;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

async function nextVersion(dir: string): Promise<number> {
  try {
    return (await readManifest(dir)).version + 1;
  } catch {
    return 1;
  }
}

interface Teacher {
  manifest: EmbeddingManifest;
  mean: Float32Array;
  projection: Float32Array;
  heldOut: ReturnType<typeof heldOutRecall>;
}

/**
 * Joined backbone parts → linear head, starting from the fitted whitening; written to `--out`
 * as a new version if it beats the one there (null if not).
 */
async function trainTeacher(setup: TrainingSetup, sp: Split, joined: Float32Array[], tf: Awaited<ReturnType<typeof tfjsWasm>>, rand: () => number, log: (line: string) => void): Promise<Teacher | null> {
  const { options, base } = setup;
  const { rows } = sp;
  const mean = meanOf(sp.train.map((i) => joined[i]!));
  // `from`'s whitening, fitted on its own pooling, is still a fair start for another pooling of
  // the same maps: every part is L2-normalized before it, and the head is trained from there.
  const basePost = await readPostprocess(options.from, setup.from);
  const startKey = modelKey(setup.from);
  const embedAll = (projection: Float32Array, only: number[]) => only.map((i) => project(joined[i]!, mean, projection, base.dim));
  const validateTeacher = (projection: Float32Array) => heldOutRecall(sp, embedAll(projection, sp.validation), embedAll(projection, sp.clean));
  const conceptsOf = (projection: Float32Array) => heldOutConcepts(sp, (only) => embedAll(projection, only));
  const before = heldOutRecall(sp, sp.validation.map((i) => project(joined[i]!, basePost.mean, basePost.projection, base.dim)), sp.clean.map((i) => project(joined[i]!, basePost.mean, basePost.projection, base.dim)));
  const conceptsBefore = heldOutConcepts(sp, (only) => only.map((i) => project(joined[i]!, basePost.mean, basePost.projection, base.dim)));
  log(`teacher before training (${startKey}): held-out R@1 ${before.r1.toFixed(3)} R@10 ${before.r10.toFixed(3)} ${JSON.stringify(before.byKind)}`);
  log(conceptsBefore ? `  held-out concepts (another artist's drawing): R@1 ${conceptsBefore.r1.toFixed(3)} R@10 ${conceptsBefore.r10.toFixed(3)} ${JSON.stringify(conceptsBefore.byKind)}` : `  no icon themes installed (${ICON_THEMES.join(", ")}): no concept objective`);

  // A pin without a category teaches its identity only (index -1 is masked out of the loss).
  const categories = [...new Set(setup.catalog.map((c) => c.category).filter((c) => c !== ""))].sort();
  const centred = (i: number) => {
    const x = Float32Array.from(joined[i]!);
    for (let j = 0; j < x.length; j++) x[j]! -= mean[j]!;
    return x;
  };
  const teacherData: TeacherData = {
    x: matrix(sp.train.map(centred)),
    identity: Int32Array.from(sp.train, (i) => rows[i]!.view.image),
    category: Int32Array.from(sp.train, (i) => (rows[i]!.view.concept === undefined ? categories.indexOf(setup.catalog[rows[i]!.view.image]!.category) : -1)),
    concept: Int32Array.from(sp.train, (i) => rows[i]!.view.concept ?? -1),
    identities: setup.catalog.length + setup.icons.length,
    categories: categories.length,
    concepts: setup.concepts.length,
  };
  const teacherProjection = await trainTeacherHead(tf, teacherData, basePost.projection, base.dim, {
    epochs: options.epochs,
    batch: 256,
    learningRate: 3e-3,
    scale: 16,
    categoryWeight: 0.5,
    conceptWeight: options.conceptWeight,
    validate: (p) => heldOutScore(validateTeacher(p), conceptsOf(p)),
  }, rand, log);
  const after = validateTeacher(teacherProjection);
  const conceptsAfter = conceptsOf(teacherProjection);
  log(`teacher after training: held-out R@1 ${after.r1.toFixed(3)} R@10 ${after.r10.toFixed(3)} ${JSON.stringify(after.byKind)}`);
  if (conceptsAfter) log(`  held-out concepts: R@1 ${conceptsAfter.r1.toFixed(3)} R@10 ${conceptsAfter.r10.toFixed(3)} ${JSON.stringify(conceptsAfter.byKind)}`);
  const heldOutConceptFigures = (c: typeof conceptsAfter) => (c ? { r1: round(c.r1), r10: round(c.r10), byKind: c.byKind } : undefined);
  const themes = [...new Set(setup.icons.map((i) => i.theme))];

  const teacherManifest: EmbeddingManifest = {
    ...base,
    id: path.basename(options.out),
    version: await nextVersion(options.out),
    minRelevantScore: round(after.unrelatedP99),
    fitted: {
      data: `${options.catalogSource} (${setup.catalog.length} images, ${categories.length} categories): clean shot, ${rows.filter((r) => r.view.kind === "camera" && r.view.concept === undefined).length / setup.catalog.length} phone-style composites on photos with crops around the object, a degraded copy; ${setup.icons.length} drawings of ${setup.concepts.length} concepts by ${themes.length} icon themes (${themes.join(", ")}): clean shot and a phone-style composite`,
      objectives: `normalized softmax over identities (catalog images and drawings; proxies) + 0.5 × normalized softmax over categories + ${options.conceptWeight} × normalized softmax over concepts drawn by several artists, scale 16`,
      ...(options.catalogNewest ? { catalogNewest: options.catalogNewest } : {}),
      ...(options.pooling === "gem" ? { pooling: `GeM, power ${GEM_POWER}, in place of every spatial average` } : {}),
      initialisedFrom: startKey,
      seed: options.seed,
      epochs: options.epochs,
      heldOut: HELD_OUT_RULE,
      trainViews: sp.train.length,
      heldOutViews: sp.validation.length,
      heldOutBefore: { r1: round(before.r1), r10: round(before.r10), byKind: before.byKind },
      heldOutAfter: { r1: round(after.r1), r10: round(after.r10), byKind: after.byKind },
      heldOutConceptsBefore: heldOutConceptFigures(conceptsBefore),
      heldOutConceptsAfter: heldOutConceptFigures(conceptsAfter),
    },
  };
  delete teacherManifest.space;
  // A new version is served only if it beats the current one on the same held-out views.
  const current = await scoredModel(setup, options.out, sp, joined, log);
  const score = heldOutScore(after, conceptsAfter);
  const currentKey = current && modelKey(current.manifest);
  if (current && score <= current.score && !options.force) {
    log(`kept ${currentKey}: the new head's held-out score ${score.toFixed(4)} does not beat its ${current.score.toFixed(4)}; nothing written (--force writes it anyway)`);
    return null;
  }
  await publishModel(options.out, teacherManifest, { mean, projection: teacherProjection });
  log(`wrote ${modelKey(teacherManifest)} to ${path.relative(options.root, options.out)} (held-out score ${score.toFixed(4)}${current ? ` against ${currentKey}'s ${current.score.toFixed(4)}` : ""})`);
  log(`  its photo cut-off (minRelevantPhotoScore) is calibrated by npm run eval-phone-photos on an app serving it; until then photos use minRelevantScore`);
  return { manifest: teacherManifest, mean, projection: teacherProjection, heldOut: after };
}

/**
 * The model in `dir` scored on this split's held-out views: null when there is none, or when it
 * reads other features than these.
 */
async function scoredModel(setup: TrainingSetup, dir: string, sp: Split, joined: Float32Array[], log: (line: string) => void): Promise<(Teacher & { score: number }) | null> {
  let manifest: EmbeddingManifest;
  try {
    manifest = await readManifest(dir);
  } catch {
    return null;
  }
  // A model reading other features (another pooling) is scored on its own features of the same views.
  const own = sameFeatures(manifest, setup.base) ? joined : await heldOutFeatures(setup, manifest, sp, log);
  if (manifest.fitted?.heldOut !== HELD_OUT_RULE) {
    // Kept conservative: the current model keeps serving unless the new one beats it anyway.
    log(`${modelKey(manifest)} was trained with another held-out split: it has seen some of these held-out views, and the comparison favours it (--force writes the new version anyway)`);
  }
  const { mean, projection } = await readPostprocess(dir, manifest);
  const embed = (only: number[]) => only.map((i) => project(own[i]!, mean, projection, manifest.dim));
  const heldOut = heldOutRecall(sp, embed(sp.validation), embed(sp.clean));
  const concepts = heldOutConcepts(sp, embed);
  log(`${modelKey(manifest)} on the same held-out views: R@1 ${heldOut.r1.toFixed(3)} R@10 ${heldOut.r10.toFixed(3)} ${JSON.stringify(heldOut.byKind)}`);
  if (concepts) log(`  held-out concepts: R@1 ${concepts.r1.toFixed(3)} R@10 ${concepts.r10.toFixed(3)} ${JSON.stringify(concepts.byKind)}`);
  return { manifest, mean, projection, heldOut, score: heldOutScore(heldOut, concepts) };
}

/** `manifest`'s joined features of the held-out views and the gallery (rows of `sp`; others left empty). */
async function heldOutFeatures(setup: TrainingSetup, manifest: EmbeddingManifest, sp: Split, log: (line: string) => void): Promise<Float32Array[]> {
  const needed = [...new Set([...sp.validation, ...sp.clean, ...sp.conceptValidation])];
  const prefix = featureCachePrefix(setup, manifest);
  const cache = cachePart(prefix, featureDim(manifest), 0);
  for (const [key, row] of readAllParts(prefix, featureDim(manifest)).entries()) if (!cache.get(key)) cache.set(key, row);
  const extractor = await loadFeatureExtractor(manifest, setup.options.root);
  log(`${modelKey(manifest)} reads other features: computing them for the ${needed.length} held-out and gallery views`);
  const [raw] = await extractViews(needed.map((i) => sp.rows[i]!.view), [{ extractor, cache }], log);
  extractor.dispose();
  const dims = manifest.backbones.flatMap((b) => b.parts.map((p) => p.dim));
  const out = new Array<Float32Array>(sp.rows.length).fill(new Float32Array(0));
  needed.forEach((i, j) => {
    const r = raw![j];
    if (!r) throw new Error(`view ${sp.rows[i]!.view.key} failed to render for ${modelKey(manifest)}`);
    out[i] = joinParts(splitParts(r, dims), manifest.postprocess.sqrt);
  });
  return out;
}

export async function trainAll(setup: TrainingSetup, log: (line: string) => void): Promise<void> {
  const { options, base, studentBase } = setup;
  const rows = trainingFeatures(setup);
  const sp = split(setup, rows);
  log(`training on ${sp.train.length} views, validating on ${sp.validation.length} (${setup.catalog.length} catalog images)`);
  const tf = await tfjsWasm();
  const rand = seededRandom(options.seed);

  const teacherDims = base.backbones.flatMap((b) => b.parts.map((p) => p.dim));
  const joined = rows.map((r) => joinParts(splitParts(r.teacher, teacherDims), base.postprocess.sqrt));
  // --student-only: the teacher already in --out, scored on the same held-out views. The student
  // distils from these features, so that teacher must read them too.
  const current = options.studentOnly ? await readManifest(options.out).catch(() => null) : null;
  if (options.studentOnly && !(current && sameFeatures(current, base))) throw new Error(`--student-only needs a teacher in ${options.out} that reads these features (--pooling ${options.pooling})`);
  const teacher = options.studentOnly ? await scoredModel(setup, options.out, sp, joined, log) : await trainTeacher(setup, sp, joined, tf, rand, log);
  // No new teacher: the current student still lives in the current teacher's space.
  if (!teacher) return;
  const { mean, projection: teacherProjection, heldOut: after, manifest: teacherManifest } = teacher;

  // Student: its own backbone features → the teacher's vectors of the same views.
  const studentDims = studentBase.backbones.flatMap((b) => b.parts.map((p) => p.dim));
  const sJoined = rows.map((r) => joinParts(splitParts(r.student, studentDims), true));
  const sMean = meanOf(sp.train.map((i) => sJoined[i]!));
  const sCentred = (i: number) => {
    const x = Float32Array.from(sJoined[i]!);
    for (let j = 0; j < x.length; j++) x[j]! -= sMean[j]!;
    return x;
  };
  const teacherOf = (i: number) => project(joined[i]!, mean, teacherProjection, base.dim);
  // The student must find each view's own clean shot: a catalog image's or a drawing's.
  const galleryRows = [...sp.clean, ...sp.conceptTrainClean];
  const galleryIndex = new Map(galleryRows.map((row, g) => [rows[row]!.view.image, g]));
  const studentData: StudentData = {
    z: matrix(sp.train.map(sCentred)),
    target: matrix(sp.train.map(teacherOf)),
    identity: Int32Array.from(sp.train, (i) => galleryIndex.get(rows[i]!.view.image)!),
    gallery: matrix(galleryRows.map(teacherOf)),
  };
  const teacherGallery = sp.clean.map(teacherOf);
  const validateStudent = (projection: Float32Array) =>
    heldOutRecall(sp, sp.validation.map((i) => project(sJoined[i]!, sMean, projection, base.dim)), teacherGallery);
  const ridge = ridgeProjection(tf, studentData, 1);
  const sRidge = validateStudent(ridge);
  log(`student, ridge start: held-out R@10 ${sRidge.r10.toFixed(3)} against the teacher's catalog (teacher itself ${after.r10.toFixed(3)})`);
  const studentProjection = await trainStudentHead(tf, studentData, ridge, {
    epochs: options.epochs,
    batch: 256,
    learningRate: 2e-3,
    scale: 16,
    validate: (p) => validateStudent(p).r10,
  }, rand, log);
  const sAfter = validateStudent(studentProjection);
  log(`student after training: held-out R@10 ${sAfter.r10.toFixed(3)}, compatibility ${(sAfter.r10 / after.r10).toFixed(3)} of the teacher's`);
  const studentOut: EmbeddingManifest = {
    ...studentBase,
    version: await nextVersion(options.student),
    space: modelKey(teacherManifest),
    minRelevantScore: teacherManifest.minRelevantScore,
    fitted: {
      distilledFrom: modelKey(teacherManifest),
      objectives: "4 × (1 − cos) to the teacher's vector of the same view + softmax finding the teacher's catalog vector + the teacher's similarity distribution over the catalog as soft targets",
      seed: options.seed,
      epochs: options.epochs,
      heldOutRidge: { r10: round(sRidge.r10) },
      heldOutAfter: { r1: round(sAfter.r1), r10: round(sAfter.r10), byKind: sAfter.byKind },
      compatibility: round(sAfter.r10 / after.r10),
    },
  };
  await publishModel(options.student, studentOut, { mean: sMean, projection: studentProjection });
  log(`wrote ${modelKey(studentOut)} to ${path.relative(options.root, options.student)}`);
}
