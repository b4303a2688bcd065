// How training pools the backbones' maps. The baseline averages them; GeM (the generalized mean,
// Radenović et al.) leans towards the strongest activations, where the object is, which on
// held-out views finds products and drawings more often than the average does (docs/models.md).
import type { EmbeddingManifest, PartSpec } from "@/lib/embedding/manifest";

export type Pooling = "mean" | "gem";

/** GeM's exponent: 3, the value of the paper; 2–4 scored alike on held-out views. */
export const GEM_POWER = 3;

function gemPart(part: PartSpec): PartSpec {
  return part.pool === "mean" ? { ...part, pool: "gem", power: GEM_POWER } : part;
}

/**
 * The manifest's backbones with their averaged maps pooled as asked; "mean" leaves them as they
 * are. A part the network gives already pooled (MobileNetV2's feature vector) stays as it is:
 * its map is ReLU6-clipped, and GeM over it scored as the average on held-out views.
 */
export function withPooling(manifest: EmbeddingManifest, pooling: Pooling): EmbeddingManifest {
  if (pooling === "mean") return manifest;
  return { ...manifest, backbones: manifest.backbones.map((b) => ({ ...b, parts: b.parts.map(gemPart) })) };
}

/**
 * Whether two manifests read the same features: the same networks, inputs and parts. Field by
 * field, so a manifest read from disk (its keys in the schema's order) matches one built here.
 */
export function sameFeatures(a: EmbeddingManifest, b: EmbeddingManifest): boolean {
  const features = (m: EmbeddingManifest) =>
    JSON.stringify(
      m.backbones.map(({ name, input, parts }) => ({
        name,
        input: [input.width, input.height, input.mean, input.std],
        parts: parts.map((p) => [p.name, p.node, p.pool, p.power ?? null, p.dim]),
      })),
    );
  return features(a) === features(b);
}

/** A short name for a backbone's pooling, for cache folders: "" for plain averages. */
export function poolingTag(parts: readonly PartSpec[]): string {
  const powers = [...new Set(parts.filter((p) => p.pool === "gem").map((p) => p.power))];
  return powers.length > 0 ? `-gem${powers.join("+")}` : "";
}
