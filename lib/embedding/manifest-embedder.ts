import "server-only";
// The server's image embedder: runs every backbone its manifest lists on the WASM backend,
// joins their parts and applies the fitted post-processing. Query views (saliency crops) come
// from activation maps of the same full-frame pass, so they cost only the crops' own passes.
import type { RgbImage } from "@/lib/image/types";
import type { Embedder } from "./types";
import { Backbone, type BackboneOutput, type BackboneRunner } from "./backbone";
import { loadBackbone } from "./graph-loader";
import { modelKey, type EmbeddingManifest } from "./manifest";
import { readManifest, readPostprocess } from "./model-files";
import { OnnxBackbone } from "./onnx-backbone";
import { embeddingFromParts, type Postprocess } from "./postprocess";
import { cropRgb, type PixelRect } from "./resample";
import { saliencyCrop, type ActivationMap } from "./saliency";
import { tfjsWasm } from "./tfjs-runtime";

export interface RawFeatures {
  /** Every backbone's parts, in manifest order, before post-processing. */
  parts: Float32Array[];
  maps: Map<string, ActivationMap>;
}

/** Backbones only: what the fitting script needs before any parameters exist. */
export class FeatureExtractor {
  protected constructor(
    readonly manifest: EmbeddingManifest,
    private readonly backbones: BackboneRunner[],
  ) {}

  static async load(manifest: EmbeddingManifest, root: string): Promise<FeatureExtractor> {
    return new FeatureExtractor(manifest, await loadBackbones(manifest, root));
  }

  async features(images: readonly RgbImage[], withMaps = false): Promise<RawFeatures[]> {
    if (images.length === 0) return [];
    const perBackbone: BackboneOutput[][] = [];
    for (const b of this.backbones) perBackbone.push(await b.run(images, withMaps));
    return images.map((_, i) => {
      const outs = perBackbone.map((o) => o[i]!);
      return { parts: outs.flatMap((o) => o.parts), maps: new Map(outs.flatMap((o) => [...o.maps])) };
    });
  }

  /** Crops of the likely object, from the full-frame maps, in `names` (default: the manifest's query views) order. */
  viewRects(image: RgbImage, maps: Map<string, ActivationMap>, names = this.manifest.queryViews.saliency): PixelRect[] {
    const specs = new Map(this.manifest.backbones.flatMap((b) => b.saliency.map((s) => [s.name, s] as const)));
    const rects: PixelRect[] = [];
    for (const name of names) {
      const map = maps.get(name);
      const spec = specs.get(name);
      if (!map || !spec) continue;
      const rect = saliencyCrop(map, spec.threshold, image, this.manifest.queryViews.margin);
      if (rect) rects.push(rect);
    }
    return rects;
  }

  dispose(): void {
    for (const b of this.backbones) b.dispose();
  }
}

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

export class ManifestEmbedder extends FeatureExtractor implements Embedder {
  readonly model: string;
  readonly dim: number;
  readonly minRelevantScore: number;

  private constructor(
    manifest: EmbeddingManifest,
    backbones: BackboneRunner[],
    private readonly post: Postprocess,
  ) {
    super(manifest, backbones);
    this.model = modelKey(manifest);
    this.dim = manifest.dim;
    this.minRelevantScore = manifest.minRelevantScore;
  }

  /** `modelDir` holds manifest.json and the fitted files; `root` resolves the weight paths. */
  static async fromDirectory(modelDir: string, root: string): Promise<ManifestEmbedder> {
    const manifest = await readManifest(modelDir);
    const post = await readPostprocess(modelDir, manifest);
    return new ManifestEmbedder(manifest, await loadBackbones(manifest, root), post);
  }

  project(parts: readonly Float32Array[]): Float32Array {
    return embeddingFromParts(parts, this.post);
  }

  async embed(image: RgbImage): Promise<Float32Array> {
    const [f] = await this.features([image]);
    return this.project(f!.parts);
  }

  async embedQuery(image: RgbImage): Promise<Float32Array[]> {
    const [full] = await this.features([image], true);
    const crops = this.viewRects(image, full!.maps).map((r) => cropRgb(image, r));
    const views = crops.length > 0 ? await this.features(crops) : [];
    return [full!, ...views].map((f) => this.project(f.parts));
  }
}
