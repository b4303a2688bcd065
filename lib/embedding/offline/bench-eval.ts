import "server-only";
// Offline evaluation of the image embedder and its ablations on a benchmark half (gallery.jsonl,
// queries.jsonl): recall@1/@10 and mAP@10 for clean and camera queries, with and without
// saliency query views, as float, int8 and 1-bit codes, plus model time per image.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EmbeddingManifest } from "../manifest";
import { FeatureExtractor, ManifestEmbedder } from "../manifest-embedder";
import { readManifest, readPostprocess } from "../model-files";
import { centreAndProject, joinParts, l2NormalizeInPlace, type Postprocess } from "../postprocess";
import { cropRgb } from "../resample";
import { FeatureCache, concatParts, splitParts } from "./feature-cache";
import { decodeFile } from "./images";
import { signAgreement, signCode } from "../binary";
import { int8Code, int8Cosine, meanAp10, recallAt, topKByBestView, type RankedQuery } from "./retrieval-metrics";

interface GalleryItem { file: string; group: string }
interface QueryItem { file: string; group: string; variant: "clean" | "camera" }

const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as T);

/** Raw rows for the gallery (one view) and the queries (full frame, then saliency views). */
async function benchFeatures(manifest: EmbeddingManifest, root: string, data: string, cache: FeatureCache) {
  const gallery = readJsonl<GalleryItem>(path.join(data, "gallery.jsonl"));
  const queries = readJsonl<QueryItem>(path.join(data, "queries.jsonl"));
  let extractor: FeatureExtractor | undefined;
  const need = async () => (extractor ??= await FeatureExtractor.load(manifest, root));
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
  const queryViews: Float32Array[][] = [];
  for (const [i, q] of queries.entries()) {
    if (!cache.get(`q:${q.file}#0`)) {
      const ex = await need();
      const image = await decodeFile(path.join(data, q.file));
      const [full] = await ex.features([image], true);
      const crops = ex.viewRects(image, full!.maps).map((r) => cropRgb(image, r));
      const views = await ex.features(crops);
      [full!, ...views].forEach((f, v) => cache.set(`q:${q.file}#${v}`, concatParts(f.parts)));
      if (i % 50 === 0) {
        console.log(`queries ${i}/${queries.length}`);
        cache.save();
      }
    }
    const rows: Float32Array[] = [];
    for (let v = 0; cache.get(`q:${q.file}#${v}`); v++) rows.push(cache.get(`q:${q.file}#${v}`)!);
    queryViews.push(rows);
  }
  cache.save();
  extractor?.dispose();
  return { gallery, queries, galleryRows, queryViews };
}

type Encode = (raw: Float32Array) => Float32Array;

function encoders(manifest: EmbeddingManifest, post: Postprocess): Array<{ name: string; encode: Encode; project?: boolean }> {
  const dims = manifest.backbones.flatMap((b) => b.parts.map((p) => p.dim));
  const ranges: Array<{ name: string; from: number; to: number }> = [];
  let part = 0;
  for (const b of manifest.backbones) {
    ranges.push({ name: `${b.name} (${b.parts.map((p) => p.name).join("+")})`, from: part, to: part + b.parts.length });
    part += b.parts.length;
  }
  const offsets = dims.map((_, i) => dims.slice(0, i).reduce((a, b) => a + b, 0));
  const centredJoin = (raw: Float32Array, from: number, to: number) => {
    const joined = joinParts(splitParts(raw, dims).slice(from, to), post.sqrt);
    const start = offsets[from]!;
    for (let j = 0; j < joined.length; j++) joined[j]! -= post.mean[start + j]!;
    return l2NormalizeInPlace(joined);
  };
  return [
    ...ranges.map((r) => ({ name: `${r.name} float`, encode: (raw: Float32Array) => centredJoin(raw, r.from, r.to) })),
    { name: "concat float", encode: (raw) => centredJoin(raw, 0, dims.length) },
    {
      name: `concat PCA-whiten ${post.dim} (shipped)`,
      project: true,
      encode: (raw) => l2NormalizeInPlace(centreAndProject(joinParts(splitParts(raw, dims), post.sqrt), post.mean, post.projection, post.dim)),
    },
  ];
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export interface EvalRow { embedding: string; views: string; dim: number; clean: number[]; camera: number[] }

function evaluate(
  bench: Awaited<ReturnType<typeof benchFeatures>>,
  gallery: Float32Array[],
  queries: Float32Array[][],
  sim: (q: Float32Array, g: number) => number,
  withViews: boolean,
) {
  const counts = new Map<string, number>();
  for (const g of bench.gallery) counts.set(g.group, (counts.get(g.group) ?? 0) + 1);
  const result: Record<"clean" | "camera", RankedQuery[]> = { clean: [], camera: [] };
  bench.queries.forEach((q, i) => {
    const views = withViews ? queries[i]! : queries[i]!.slice(0, 1);
    const top = topKByBestView(views.length, gallery.length, (v, r) => sim(views[v]!, r), 10);
    result[q.variant].push({ ranked: top.map((r) => bench.gallery[r]!.group), group: q.group, relevant: counts.get(q.group) ?? 0 });
  });
  const figures = (qs: RankedQuery[]) => [recallAt(qs, 1), recallAt(qs, 10), meanAp10(qs)];
  return { clean: figures(result.clean), camera: figures(result.camera) };
}

export async function evaluateBench(modelDir: string, root: string, data: string, cacheDir: string): Promise<EvalRow[]> {
  const manifest = await readManifest(modelDir);
  const post = await readPostprocess(modelDir, manifest);
  const cache = new FeatureCache(path.join(cacheDir, `bench-${manifest.id}-${path.basename(data)}`), post.mean.length);
  const bench = await benchFeatures(manifest, root, data, cache);
  const rows: EvalRow[] = [];
  for (const enc of encoders(manifest, post)) {
    const gallery = bench.galleryRows.map(enc.encode);
    const queries = bench.queryViews.map((vs) => vs.map(enc.encode));
    const dim = gallery[0]!.length;
    for (const withViews of [false, true]) {
      const views = withViews ? "full + saliency views" : "full frame";
      rows.push({ embedding: enc.name, views, dim, ...evaluate(bench, gallery, queries, (q, g) => dot(q, gallery[g]!), withViews) });
      if (!enc.project) continue;
      const g8 = gallery.map(int8Code);
      rows.push({ embedding: `${enc.name} int8`, views, dim, ...evaluate(bench, gallery, queries, (q, g) => int8Cosine(int8Code(q), g8[g]!), withViews) });
      const g1 = gallery.map(signCode);
      rows.push({ embedding: `${enc.name} 1-bit`, views, dim, ...evaluate(bench, gallery, queries, (q, g) => signAgreement(signCode(q), g1[g]!, dim), withViews) });
    }
  }
  return rows;
}

/** Model time per image (decode excluded): each backbone alone, embed, and embedQuery. */
export async function measureSpeed(modelDir: string, root: string, data: string, samples = 20): Promise<Record<string, number>> {
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
    const ex = await FeatureExtractor.load({ ...manifest, backbones: [b] }, root);
    out[`${b.name} (${b.input.width}px)`] = await median((i) => ex.features([images[i]!]));
    ex.dispose();
  }
  const embedder = await ManifestEmbedder.fromDirectory(modelDir, root);
  out["embed (all backbones + PCA)"] = await median((i) => embedder.embed(images[i]!));
  out["embedQuery (full + saliency views)"] = await median((i) => embedder.embedQuery(images[i]!));
  embedder.dispose();
  return out;
}
