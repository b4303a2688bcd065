import "server-only";
// Offline evaluation of an image embedder and its ablations on a benchmark half (gallery.jsonl,
// queries.jsonl): recall@1/@10 and mAP@10 for clean and camera queries, per set of query views,
// as float, int8, 1-bit codes and 1-bit codes with float rescoring; the student's queries
// against the teacher's gallery (compatibility); model time per image.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CodeIndex } from "@/lib/client/on-device/code-index";
import type { Pin } from "@/lib/contracts";
import { hamming, nearestCodes, signCode } from "@/lib/embedding/binary";
import type { EmbeddingManifest } from "@/lib/embedding/manifest";
import { loadFeatureExtractor, loadManifestEmbedder, type FeatureExtractor } from "@/lib/embedding/manifest-embedder";
import { readManifest, readPostprocess } from "@/lib/embedding/model-files";
import { centreAndProject, joinParts, type Postprocess } from "@/lib/embedding/postprocess";
import { dot, l2NormalizeInPlace } from "@/lib/embedding/vectors";
import { ObjectLocalizer, PHOTO_OBJECTS } from "@/lib/detect/localizer";
import { isProductShot } from "@/lib/detect/plain-background";
import { MIN_REGION_SIDE, cropBox, cropRgb } from "@/lib/image/box";
import type { RgbImage } from "@/lib/image/types";
import { FeatureCache, concatParts, splitParts } from "./feature-cache";
import { featuresName } from "../feature-store";
import { decodeFile } from "./images";
import { int8Code, int8Cosine, meanAp10, recallAt, topKByBestView, type RankedQuery } from "./retrieval-metrics";

interface GalleryItem { file: string; group: string }
interface QueryItem { file: string; group: string; variant: "clean" | "camera" }

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as T);

/** Cache files are named by the features read, so models sharing them share features. */
function cacheName(manifest: EmbeddingManifest, data: string): string {
  return `bench-${featuresName(manifest)}-${path.basename(data)}`;
}

interface BenchRows {
  gallery: GalleryItem[];
  queries: QueryItem[];
  galleryRows: Float32Array[];
  /**
   * Per query: raw rows by view name: "full" and each saliency map of the manifest's query views,
   * and the same under "object1/", "object2/" for the localizer's objects in a photo.
   */
  queryViews: Map<string, Float32Array>[];
}

/** A picture's own view names, under `prefix`: the whole and its saliency crops. */
const ownNames = (saliency: readonly string[], prefix = "") => ["full", ...saliency].map((n) => prefix + n);

const objectPrefixes = Array.from({ length: PHOTO_OBJECTS }, (_, k) => `object${k + 1}/`);

/** Every view the server searches a picture by: its own, and its objects' own. */
function serverViews(manifest: EmbeddingManifest): string[] {
  const names = manifest.queryViews.saliency;
  return [...ownNames(names), ...objectPrefixes.flatMap((o) => ownNames(names, o))];
}

/** Raw rows for the gallery (one view) and the queries (their own views and their objects' views). */
async function benchFeatures(manifest: EmbeddingManifest, root: string, data: string, cache: FeatureCache): Promise<BenchRows> {
  const gallery = readJsonl<GalleryItem>(path.join(data, "gallery.jsonl"));
  const queries = readJsonl<QueryItem>(path.join(data, "queries.jsonl"));
  let extractor: FeatureExtractor | undefined;
  const need = async () => (extractor ??= await loadFeatureExtractor(manifest, root));
  const galleryRows: Float32Array[] = [];
  for (let i = 0; i < gallery.length; i += 8) {
    const chunk = gallery.slice(i, i + 8);
    const missing = chunk.filter((g) => !cache.get(`g:${g.file}`));
    if (missing.length > 0) {
      const images = await Promise.all(missing.map((g) => decodeFile(path.join(data, g.file))));
      const feats = await (await need()).features(images);
      missing.forEach((g, j) => cache.set(`g:${g.file}`, concatParts(feats[j]!.parts)));
      if (i % 200 === 0) {
        console.log(`gallery ${i}/${gallery.length}`);
        cache.save();
      }
    }
    for (const g of chunk) galleryRows.push(cache.get(`g:${g.file}`)!);
  }
  const names = manifest.queryViews.saliency;
  let localizer: ObjectLocalizer | undefined;
  const queryViews: Map<string, Float32Array>[] = [];
  for (const [i, q] of queries.entries()) {
    const key = (name: string) => `q:${q.file}#${name}`;
    const have = (name: string) => cache.get(key(name)) ?? cache.get(`${key(name)}:none`);
    // Like the server's own views of a picture: the whole and its saliency crops.
    const ownViews = async (image: RgbImage, prefix: string) => {
      const ex = await need();
      const [full] = await ex.features([image], true);
      cache.set(key(`${prefix}full`), concatParts(full!.parts));
      for (const name of names) {
        const [rect] = ex.viewRects(image, full!.maps, [name]);
        // A map with no hot blob gives no view; remember that too.
        if (!rect) cache.set(`${key(prefix + name)}:none`, new Float32Array(cache.width));
        else cache.set(key(prefix + name), concatParts((await ex.features([cropRgb(image, rect)]))[0]!.parts));
      }
    };
    if (serverViews(manifest).some((n) => !have(n))) {
      const image = await decodeFile(path.join(data, q.file));
      await ownViews(image, "");
      // A photo adds the objects the localizer finds in it (lib/server/search.ts); a product shot does not.
      const objects = isProductShot(image) ? [] : await (localizer ??= await ObjectLocalizer.load(root)).locate(image, PHOTO_OBJECTS);
      for (const [k, prefix] of objectPrefixes.entries()) {
        const box = objects[k]?.box;
        const crop = box ? cropBox(image, box) : null;
        if (crop && crop.width >= MIN_REGION_SIDE && crop.height >= MIN_REGION_SIDE) await ownViews(crop, prefix);
        else for (const n of ownNames(names, prefix)) cache.set(`${key(n)}:none`, new Float32Array(cache.width));
      }
      if (i % 50 === 0) {
        console.log(`queries ${i}/${queries.length}`);
        cache.save();
      }
    }
    const views = new Map<string, Float32Array>();
    for (const name of serverViews(manifest)) {
      const row = cache.get(key(name));
      if (row) views.set(name, row);
    }
    queryViews.push(views);
  }
  localizer?.dispose();
  cache.save();
  extractor?.dispose();
  return { gallery, queries, galleryRows, queryViews };
}

type Encode = (raw: Float32Array) => Float32Array;

function partDims(manifest: EmbeddingManifest): number[] {
  return manifest.backbones.flatMap((b) => b.parts.map((p) => p.dim));
}

function projected(manifest: EmbeddingManifest, post: Postprocess): Encode {
  const dims = partDims(manifest);
  return (raw) => l2NormalizeInPlace(centreAndProject(joinParts(splitParts(raw, dims), post.sqrt), post.mean, post.projection, post.dim));
}

/** The backbones alone (centred by the model's mean, no projection): what training starts from. */
function backboneEncoders(manifest: EmbeddingManifest, post: Postprocess): Array<{ name: string; encode: Encode }> {
  const dims = partDims(manifest);
  const offsets = dims.map((_, i) => dims.slice(0, i).reduce((a, b) => a + b, 0));
  const centredJoin = (raw: Float32Array, from: number, to: number) => {
    const joined = joinParts(splitParts(raw, dims).slice(from, to), post.sqrt);
    const start = offsets[from]!;
    for (let j = 0; j < joined.length; j++) joined[j]! -= post.mean[start + j]!;
    return l2NormalizeInPlace(joined);
  };
  const out: Array<{ name: string; encode: Encode }> = [];
  let part = 0;
  for (const b of manifest.backbones) {
    const from = part;
    const to = part + b.parts.length;
    out.push({ name: `${b.name} alone, float`, encode: (raw) => centredJoin(raw, from, to) });
    part = to;
  }
  out.push({ name: "backbones concatenated, float", encode: (raw) => centredJoin(raw, 0, dims.length) });
  return out;
}


export interface EvalRow { embedding: string; views: string; dim: number; clean: number[]; camera: number[] }

type Ranker = (views: Float32Array[]) => number[];

function evaluate(bench: BenchRows, queries: Float32Array[][], rank: Ranker) {
  const counts = new Map<string, number>();
  for (const g of bench.gallery) counts.set(g.group, (counts.get(g.group) ?? 0) + 1);
  const result: Record<"clean" | "camera", RankedQuery[]> = { clean: [], camera: [] };
  bench.queries.forEach((q, i) => {
    const top = rank(queries[i]!);
    result[q.variant].push({ ranked: top.map((r) => bench.gallery[r]!.group), group: q.group, relevant: counts.get(q.group) ?? 0 });
  });
  const figures = (qs: RankedQuery[]) => [recallAt(qs, 1), recallAt(qs, 10), meanAp10(qs)];
  return { clean: figures(result.clean), camera: figures(result.camera) };
}

const byCosine = (gallery: Float32Array[]): Ranker => (views) => topKByBestView(views.length, gallery.length, (v, r) => dot(views[v]!, gallery[r]!), 10);

/** 1-bit codes: the `shortList` nearest by Hamming distance (best view), then float rescoring. */
function byCodes(gallery: Float32Array[], shortList: number | null): Ranker {
  const width = signCode(gallery[0]!).length;
  const codes = new Uint8Array(gallery.length * width);
  gallery.forEach((g, i) => codes.set(signCode(g), i * width));
  return (views) => {
    const queryCodes = views.map(signCode);
    if (shortList === null) return topKByBestView(views.length, gallery.length, (v, r) => -hamming(queryCodes[v]!, codes, r * width), 10);
    const candidates = [...new Set(queryCodes.flatMap((c) => nearestCodes(c, codes, shortList)))];
    const best = candidates.map((r) => ({ r, s: Math.max(...views.map((v) => dot(v, gallery[r]!))) }));
    return best.sort((a, b) => b.s - a.s || a.r - b.r).slice(0, 10).map((x) => x.r);
  };
}

/**
 * The on-device index itself (CodeIndex: 1-bit codes scored with the float query's views), over
 * the gallery's codes; a pin's id is its gallery row.
 */
function byDeviceIndex(gallery: Float32Array[]): Ranker {
  const index = new CodeIndex("bench", gallery[0]!.length, gallery.length);
  index.add(gallery.map((g, i) => ({ code: signCode(g), pin: galleryPin(i) })));
  return (views) => index.search(views, 10).results.map((r) => Number(r.id));
}

/** A stand-in pin for a gallery row: the index needs one to return. */
function galleryPin(row: number): Pin {
  return {
    id: String(row),
    title: "",
    description: "",
    link: null,
    price: null,
    category: null,
    kind: "pin",
    imageUrl: "",
    thumbUrl: "",
    width: 1,
    height: 1,
    dominantColor: "#000000",
    createdAt: new Date(0).toISOString(),
  };
}

/**
 * Query views to compare: the full frame alone, with each saliency crop, with all of them, then
 * with the localizer's object crops, and with each object's own saliency crops too (the server's
 * whole-picture query).
 */
function viewSets(manifest: EmbeddingManifest): string[][] {
  const names = manifest.queryViews.saliency;
  const own = ownNames(names);
  const sets = [["full"], ...names.map((n) => ["full", n])];
  if (names.length > 1) sets.push(own);
  sets.push([...own, ...objectPrefixes.map((o) => `${o}full`)], serverViews(manifest));
  return sets;
}

/** "full + block11-rel + objects: full + block11-rel" for the objects' views, whatever their count. */
function viewsLabel(views: readonly string[]): string {
  const own = views.filter((v) => !v.includes("/"));
  const objects = [...new Set(views.filter((v) => v.includes("/")).map((v) => v.split("/")[1]!))];
  return objects.length === 0 ? own.join(" + ") : `${own.join(" + ")} + objects: ${objects.join(" + ")}`;
}

function pick(views: Map<string, Float32Array>, names: string[], encode: Encode): Float32Array[] {
  return names.filter((n) => views.has(n)).map((n) => encode(views.get(n)!));
}

export async function evaluateBench(modelDir: string, root: string, data: string, cacheDir: string, studentDir?: string): Promise<EvalRow[]> {
  const manifest = await readManifest(modelDir);
  const post = await readPostprocess(modelDir, manifest);
  const cache = new FeatureCache(path.join(cacheDir, cacheName(manifest, data)), post.mean.length);
  const bench = await benchFeatures(manifest, root, data, cache);
  const rows: EvalRow[] = [];
  const allViews = serverViews(manifest);
  const row = (embedding: string, views: string[], dim: number, r: ReturnType<typeof evaluate>) =>
    rows.push({ embedding, views: viewsLabel(views), dim, ...r });

  for (const enc of backboneEncoders(manifest, post)) {
    const gallery = bench.galleryRows.map(enc.encode);
    for (const views of [["full"], allViews]) {
      row(enc.name, views, gallery[0]!.length, evaluate(bench, bench.queryViews.map((q) => pick(q, views, enc.encode)), byCosine(gallery)));
    }
  }
  const encode = projected(manifest, post);
  const gallery = bench.galleryRows.map(encode);
  const name = `${manifest.id}@${manifest.version}`;
  for (const views of viewSets(manifest)) {
    row(`${name} float`, views, post.dim, evaluate(bench, bench.queryViews.map((q) => pick(q, views, encode)), byCosine(gallery)));
  }
  const queries = bench.queryViews.map((q) => pick(q, allViews, encode));
  const g8 = gallery.map(int8Code);
  row(`${name} int8`, allViews, post.dim, evaluate(bench, queries, (views) => {
    const q8 = views.map(int8Code);
    return topKByBestView(views.length, gallery.length, (v, r) => int8Cosine(q8[v]!, g8[r]!), 10);
  }));
  row(`${name} 1-bit codes`, allViews, post.dim, evaluate(bench, queries, byCodes(gallery, null)));
  row(`${name} 1-bit codes, float query`, allViews, post.dim, evaluate(bench, queries, byDeviceIndex(gallery)));
  for (const shortList of [50, 100, 200]) {
    row(`${name} 1-bit top-${shortList} → float rescoring`, allViews, post.dim, evaluate(bench, queries, byCodes(gallery, shortList)));
  }
  if (studentDir) rows.push(...(await studentRows(studentDir, root, data, cacheDir, bench, gallery)));
  return rows;
}

/** The student's queries against the teacher's gallery: the on-device search's quality. */
async function studentRows(studentDir: string, root: string, data: string, cacheDir: string, teacherBench: BenchRows, teacherGallery: Float32Array[]): Promise<EvalRow[]> {
  const manifest = await readManifest(studentDir);
  const post = await readPostprocess(studentDir, manifest);
  const cache = new FeatureCache(path.join(cacheDir, cacheName(manifest, data)), post.mean.length);
  const bench = await benchFeatures(manifest, root, data, cache);
  const encode = projected(manifest, post);
  const name = `${manifest.id}@${manifest.version} (student) → teacher gallery`;
  const out: EvalRow[] = [];
  for (const views of viewSets(manifest)) {
    const r = evaluate(teacherBench, bench.queryViews.map((q) => pick(q, views, encode)), byCosine(teacherGallery));
    out.push({ embedding: name, views: viewsLabel(views), dim: post.dim, ...r });
  }
  // The device searches by the picture's own views.
  const all = ownNames(manifest.queryViews.saliency);
  const codes = evaluate(teacherBench, bench.queryViews.map((q) => pick(q, all, encode)), byCodes(teacherGallery, null));
  out.push({ embedding: `${name}, 1-bit codes, Hamming`, views: viewsLabel(all), dim: post.dim, ...codes });
  const asymmetric = evaluate(teacherBench, bench.queryViews.map((q) => pick(q, all, encode)), byDeviceIndex(teacherGallery));
  out.push({ embedding: `${name}, 1-bit codes, float query (on-device index)`, views: viewsLabel(all), dim: post.dim, ...asymmetric });
  return out;
}

/** Model time per image (decode excluded): each backbone alone, embed, and embedQuery. */
export async function measureSpeed(modelDir: string, root: string, data: string, samples = 20, studentDir?: string): Promise<Record<string, number>> {
  const manifest = await readManifest(modelDir);
  const queries = readJsonl<QueryItem>(path.join(data, "queries.jsonl")).filter((q) => q.variant === "camera").slice(0, samples);
  const images = await Promise.all(queries.map((q) => decodeFile(path.join(data, q.file))));
  const median = async (fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn(i);
    const times: number[] = [];
    for (let i = 0; i < images.length; i++) {
      const t = performance.now();
      await fn(i);
      times.push(performance.now() - t);
    }
    return Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! * 10) / 10;
  };
  const out: Record<string, number> = {};
  for (const b of manifest.backbones) {
    const ex = await loadFeatureExtractor({ ...manifest, backbones: [{ ...b, saliency: [] }] }, root);
    out[`${b.name} (${b.input.width}px)`] = await median((i) => ex.features([images[i]!]));
    ex.dispose();
  }
  for (const [label, dir] of [["teacher", modelDir], ["student", studentDir]] as const) {
    if (!dir) continue;
    const embedder = await loadManifestEmbedder(dir, root);
    out[`${label} embed (one view)`] = await median((i) => embedder.embed(images[i]!));
    out[`${label} embedQuery (full + ${embedder.manifest.queryViews.saliency.length} views)`] = await median((i) => embedder.embedQuery(images[i]!));
    embedder.dispose();
  }
  return out;
}
