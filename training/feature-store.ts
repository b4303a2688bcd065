import "server-only";
// Training features are computed by several processes at once, each writing its own part of
// the cache; the trainer reads all parts back as one table.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { EmbeddingManifest } from "@/lib/embedding/manifest";
import { FeatureCache } from "./eval/feature-cache";
import { poolingTag } from "./pooling";

/**
 * The name of the features a manifest reads, for cache files: its backbones, their input sizes
 * and their pooling, so models that read the same features share them and others never do.
 */
export function featuresName(manifest: EmbeddingManifest): string {
  return manifest.backbones.map((b) => `${b.name}@${b.input.width}${poolingTag(b.parts)}`).join("+");
}

export function cachePart(prefix: string, width: number, shard: number): FeatureCache {
  return new FeatureCache(`${prefix}.part${shard}`, width);
}

/** Every row of every part of a cache. */
export function readAllParts(prefix: string, width: number): FeatureCache {
  const merged = new FeatureCache(`${prefix}.merged-in-memory`, width);
  const dir = path.dirname(prefix);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return merged;
  }
  const base = path.basename(prefix);
  for (const name of names) {
    const match = name.match(/^(.*)\.part(\d+)\.json$/);
    if (!match || match[1] !== base) continue;
    const part = cachePart(prefix, width, Number(match[2]));
    for (const [key, row] of part.entries()) merged.set(key, row);
  }
  return merged;
}
