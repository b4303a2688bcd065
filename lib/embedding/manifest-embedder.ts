import "server-only";
// The server's image embedders: a manifest's backbones, each run by ONNX Runtime from its ONNX
// file, behind the shared view-embedder.
import type { BackboneRunner } from "./backbone";
import type { EmbeddingManifest } from "./manifest";
import { readManifest, readPostprocess } from "./model-files";
import { OnnxBackbone } from "./onnx-backbone";
import { FeatureExtractor, ManifestEmbedder } from "./view-embedder";

export { FeatureExtractor, ManifestEmbedder, type RawFeatures } from "./view-embedder";

async function loadBackbones(manifest: EmbeddingManifest, root: string): Promise<BackboneRunner[]> {
  const out: BackboneRunner[] = [];
  try {
    for (const spec of manifest.backbones) out.push(await OnnxBackbone.load(spec, root));
  } catch (e) {
    for (const b of out) b.dispose();
    throw e;
  }
  return out;
}

/** Backbones only; `root` resolves the weight paths. */
export async function loadFeatureExtractor(manifest: EmbeddingManifest, root: string): Promise<FeatureExtractor> {
  return new FeatureExtractor(manifest, await loadBackbones(manifest, root));
}

/** `modelDir` holds manifest.json and the fitted files; `root` resolves the weight paths. */
export async function loadManifestEmbedder(modelDir: string, root: string): Promise<ManifestEmbedder> {
  const manifest = await readManifest(modelDir);
  const post = await readPostprocess(modelDir, manifest);
  return new ManifestEmbedder(manifest, await loadBackbones(manifest, root), post);
}
