import "server-only";
// The server's image embedders: a manifest's backbones loaded from the files it names, on the
// runtime each format needs (TF.js WASM or ONNX Runtime), behind the shared view-embedder.
import { Backbone, type BackboneRunner } from "./backbone";
import { loadBackbone } from "./graph-loader";
import type { EmbeddingManifest } from "./manifest";
import { readManifest, readPostprocess } from "./model-files";
import { OnnxBackbone } from "./onnx-backbone";
import { tfjsWasm } from "./tfjs-runtime";
import { FeatureExtractor, ManifestEmbedder } from "./view-embedder";

export { FeatureExtractor, ManifestEmbedder, type RawFeatures } from "./view-embedder";

/** Each backbone on the runtime its format needs; neither runtime starts unless a backbone uses it. */
async function loadBackbones(manifest: EmbeddingManifest, root: string): Promise<BackboneRunner[]> {
  const out: BackboneRunner[] = [];
  try {
    for (const spec of manifest.backbones) {
      if (spec.format === "onnx") {
        out.push(await OnnxBackbone.load(spec, root));
      } else {
        const tf = await tfjsWasm();
        out.push(new Backbone(tf, await loadBackbone(tf, spec, root), spec));
      }
    }
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
