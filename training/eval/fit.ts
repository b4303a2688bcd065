import "server-only";
// Fits a model's post-processing on images that are not emoji of any vendor: openclipart
// cut-outs (clean product shots, the same shots degraded, and pasted small on photos) and
// crops of Debian wallpaper photos. Writes the mean, the whitening projection and
// minRelevantScore into models/<name>/.
import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { featureDim, type EmbeddingManifest } from "@/lib/embedding/manifest";
import { loadFeatureExtractor } from "@/lib/embedding/manifest-embedder";
import { readManifest } from "@/lib/embedding/model-files";
import { centreAndProject, joinParts } from "@/lib/embedding/postprocess";
import { dot, float32ToBytes, l2NormalizeInPlace } from "@/lib/embedding/vectors";
import { tfjsWasm } from "@/lib/embedding/tfjs-runtime";
import { FeatureCache, splitParts } from "./feature-cache";
import { extractViews } from "../extract";
import { seededRandom } from "@/lib/random";
import { cameraComposite, decodeFile, degradedShot, photoCrop, productShot, toRgb } from "./images";
import { fitWhitening, meanOf } from "./pca";
import sharp from "sharp";
import type { RgbImage } from "@/lib/image/types";

export const CLIPART_DIR = "/usr/share/openclipart/png";
/** Wallpaper packages the benchmark does not use (it uses lomiri-* and plasma-workspace). */
export const WALLPAPER_DIRS = ["/usr/share/backgrounds/mate", "/usr/share/backgrounds/gnome", "/usr/share/backgrounds"];
const WALLPAPER_EXCLUDE = /lomiri|plasma|kde|_\d{4}x\d{4}/i;

function listFiles(dir: string, pattern: RegExp, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (recursive) out.push(...listFiles(full, pattern, recursive));
    } else if (pattern.test(name)) out.push(full);
  }
  return out;
}

export function wallpaperFiles(): string[] {
  const files = new Set<string>();
  for (const dir of WALLPAPER_DIRS) {
    try {
      for (const f of listFiles(dir, /\.(jpe?g|png|webp)$/i, dir !== "/usr/share/backgrounds")) {
        if (!WALLPAPER_EXCLUDE.test(f)) files.add(f);
      }
    } catch {
      // A package that is not installed just contributes nothing.
    }
  }
  return [...files].sort();
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export interface FitSample {
  key: string;
  /** Images of one source object share a source; unrelated pairs have different sources. */
  source: string;
  kind: "clean" | "camera" | "degraded" | "photo";
  make: () => Promise<RgbImage>;
}

export function fitSamples(clipartCount: number, photoCount: number, seed: number, backgrounds: RgbImage[]): FitSample[] {
  const rand = seededRandom(seed);
  const cliparts = shuffle(listFiles(CLIPART_DIR, /\.png$/i, true), rand).slice(0, clipartCount);
  const samples: FitSample[] = [];
  cliparts.forEach((file, i) => {
    const source = path.relative(CLIPART_DIR, file);
    let shot: Promise<Buffer> | undefined;
    const shotOnce = () => (shot ??= productShot(file, seededRandom(seed * 1000003 + i)));
    const r = seededRandom(seed * 1000033 + i);
    samples.push({ key: `clean:${source}`, source, kind: "clean", make: async () => toRgb(sharp(await shotOnce())) });
    if (i % 5 < 3) {
      const bg = backgrounds[Math.floor(r() * backgrounds.length)]!;
      samples.push({ key: `camera:${source}`, source, kind: "camera", make: async () => cameraComposite(await shotOnce(), bg, r) });
    } else {
      samples.push({ key: `degraded:${source}`, source, kind: "degraded", make: async () => degradedShot(await shotOnce(), r) });
    }
  });
  for (let i = 0; i < photoCount; i++) {
    const r = seededRandom(seed * 7919 + i);
    const bgIndex = i % backgrounds.length;
    samples.push({ key: `photo:${bgIndex}:${i}`, source: `photo:${i}`, kind: "photo", make: () => photoCrop(backgrounds[bgIndex]!, r) });
  }
  return samples;
}

function partDims(m: EmbeddingManifest): number[] {
  return m.backbones.flatMap((b) => b.parts.map((p) => p.dim));
}

export async function fitModel(modelDir: string, root: string, opts: { clipart: number; photos: number; seed: number; cacheDir: string }) {
  const manifest = await readManifest(modelDir).catch(() => {
    throw new Error(`${modelDir}/manifest.json must exist (its backbones are read; the fitted fields are rewritten)`);
  });
  const dims = partDims(manifest);
  const width = featureDim(manifest);
  const backgrounds = await Promise.all(wallpaperFiles().map((f) => decodeFile(f, 1024)));
  console.log(`backgrounds: ${backgrounds.length} wallpapers`);
  let samples = fitSamples(opts.clipart, opts.photos, opts.seed, backgrounds);
  const extractor = await loadFeatureExtractor(manifest, root);
  const cache = new FeatureCache(path.join(opts.cacheDir, `fit-${manifest.id}-${opts.seed}`), width);
  const extracted = (await extractViews(samples, [{ extractor, cache }], (line) => console.log(`fit ${line}`)))[0]!;
  extractor.dispose();
  const kept = samples.map((s, i) => ({ s, r: extracted[i] })).filter((x): x is { s: FitSample; r: Float32Array } => x.r !== null);
  samples = kept.map((x) => x.s);
  const raw = kept.map((x) => x.r);
  const joined = raw.map((r) => joinParts(splitParts(r, dims), manifest.postprocess.sqrt));

  // Sources are split so the threshold is measured on images the projection never saw.
  const heldOut = (s: FitSample) => Number.parseInt(hashHex(s.source).slice(0, 4), 16) % 5 === 0;
  const train = joined.filter((_, i) => !heldOut(samples[i]!));
  const mean = meanOf(train);
  const tf = await tfjsWasm();
  const { projection, values } = fitWhitening(tf, train, mean, manifest.dim);
  const test = samples.map((s, i) => ({ s, v: l2NormalizeInPlace(centreAndProject(joined[i]!, mean, projection, manifest.dim)) })).filter(({ s }) => heldOut(s));

  const rand = seededRandom(opts.seed + 1);
  const unrelated: number[] = [];
  while (unrelated.length < 20000) {
    const a = test[Math.floor(rand() * test.length)]!;
    const b = test[Math.floor(rand() * test.length)]!;
    if (a.s.source !== b.s.source) unrelated.push(Math.max(0, dot(a.v, b.v)));
  }
  const same: number[] = [];
  const bySource = new Map<string, Float32Array[]>();
  for (const { s, v } of test) bySource.set(s.source, [...(bySource.get(s.source) ?? []), v]);
  for (const vs of bySource.values()) if (vs.length === 2) same.push(Math.max(0, dot(vs[0]!, vs[1]!)));
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  const minRelevantScore = round(q(unrelated, 0.99));
  const sameAbove = same.filter((x) => x >= minRelevantScore).length / Math.max(1, same.length);

  writeFileSync(path.join(modelDir, manifest.postprocess.mean.file), float32ToBytes(mean));
  writeFileSync(path.join(modelDir, manifest.postprocess.projection.file), float32ToBytes(projection));
  const counts: Record<string, number> = {};
  for (const s of samples) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  const fitted = {
    seed: opts.seed,
    data: "openclipart-png cut-outs (clean, degraded, pasted on photos) + crops of mate-backgrounds, gnome-backgrounds, ukui-wallpapers photos",
    samples: counts,
    trainRows: train.length,
    heldOutRows: test.length,
    unrelatedPairScore: { p50: round(q(unrelated, 0.5)), p90: round(q(unrelated, 0.9)), p99: round(q(unrelated, 0.99)), p999: round(q(unrelated, 0.999)) },
    sameObjectPairScore: { pairs: same.length, p10: round(q(same, 0.1)), p50: round(q(same, 0.5)), shareAboveMinRelevant: round(sameAbove) },
    explainedTop5: Array.from(values.slice(0, 5), (v) => round(v)),
  };
  const next = { ...manifest, minRelevantScore, fitted };
  writeFileSync(path.join(modelDir, "manifest.json"), `${JSON.stringify(next, null, 2)}\n`);
  return fitted;
}


function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function hashHex(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, "0");
}
