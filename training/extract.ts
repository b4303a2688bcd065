import "server-only";
// Backbone features of every training view, for the teacher and the student at once (each view
// is rendered once), kept in on-disk caches so a second run trains in seconds.
import type { RgbImage } from "@/lib/image/types";
import type { FeatureExtractor } from "@/lib/embedding/manifest-embedder";
import { FeatureCache, concatParts } from "./eval/feature-cache";

export interface Extraction {
  extractor: FeatureExtractor;
  cache: FeatureCache;
}

/** Rows per extraction, in view order; null where the view failed to render. */
export async function extractViews(views: ReadonlyArray<{ key: string; make: () => Promise<RgbImage> }>, extractions: readonly Extraction[], log: (line: string) => void): Promise<(Float32Array | null)[][]> {
  const out = extractions.map(() => new Array<Float32Array | null>(views.length).fill(null));
  const missing: number[] = [];
  views.forEach((view, i) => {
    const rows = extractions.map((e) => e.cache.get(view.key));
    if (rows.every((r) => r !== undefined)) rows.forEach((r, e) => (out[e]![i] = r!));
    else missing.push(i);
  });
  log(`features: ${views.length - missing.length} views cached, ${missing.length} to compute`);
  const batch = 8;
  const started = Date.now();
  const render = (b: number) => Promise.all(missing.slice(b, b + batch).map((i) => views[i]!.make().catch(() => null)));
  let rendering = render(0);
  for (let b = 0; b < missing.length; b += batch) {
    const chunk = missing.slice(b, b + batch);
    const made = await rendering;
    // The next batch renders (sharp's threads) while this one runs through the networks.
    if (b + batch < missing.length) rendering = render(b + batch);
    const ok = chunk.filter((_, j) => made[j] !== null);
    const images = made.filter((m): m is RgbImage => m !== null);
    for (const [e, { extractor, cache }] of extractions.entries()) {
      // Only what this cache lacks: a new student size must not recompute the teacher.
      const todo = ok.map((i, j) => ({ i, image: images[j]! })).filter(({ i }) => !cache.get(views[i]!.key));
      const feats = await extractor.features(todo.map((t) => t.image));
      todo.forEach(({ i }, j) => cache.set(views[i]!.key, concatParts(feats[j]!.parts)));
      for (const i of ok) out[e]![i] = cache.get(views[i]!.key)!;
    }
    const done = Math.min(b + batch, missing.length);
    if ((b / batch) % 25 === 24 || done === missing.length) {
      const msPer = (Date.now() - started) / done;
      log(`features: ${done}/${missing.length} (${msPer.toFixed(0)} ms/view, ~${Math.round((msPer * (missing.length - done)) / 60_000)} min left)`);
      for (const e of extractions) e.cache.save();
    }
  }
  return out;
}
