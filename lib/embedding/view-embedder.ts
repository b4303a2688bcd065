// An image embedder from a manifest and its backbones, whatever runs them: joins the backbones'
// parts, applies the fitted post-processing, and makes a query's views (saliency crops from the
// activation maps of the same full-frame pass, so they cost only the crops' own passes). Shared:
// the server builds it in manifest-embedder.ts, the browser's worker in lib/client/on-device.
import type { RgbImage } from "@/lib/image/types";
import type { Embedder } from "./types";
import type { BackboneOutput, BackboneRunner } from "./backbone";
import { modelKey, type EmbeddingManifest } from "./manifest";
import { embeddingFromParts, type Postprocess } from "./postprocess";
import { cropRgb, type PixelRect } from "@/lib/image/box";
import { saliencyCrop, type ActivationMap } from "./saliency";

export interface RawFeatures {
  /** Every backbone's parts, in manifest order, before post-processing. */
  parts: Float32Array[];
  maps: Map<string, ActivationMap>;
}

/** Backbones only: what fitting and training need before any parameters exist. */
export class FeatureExtractor {
  constructor(
    readonly manifest: EmbeddingManifest,
    private readonly backbones: BackboneRunner[],
  ) {}

  async features(images: readonly RgbImage[], withMaps = false): Promise<RawFeatures[]> {
    if (images.length === 0) return [];
    // Together: on the server each network runs in a worker thread of its own, so one
    // backbone's input is prepared while another runs, and on several cores they run side by side.
    const perBackbone: BackboneOutput[][] = await Promise.all(this.backbones.map((b) => b.run(images, withMaps)));
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

export class ManifestEmbedder extends FeatureExtractor implements Embedder {
  readonly model: string;
  readonly dim: number;
  readonly minRelevantScore: number;
  readonly minRelevantPhotoScore: number;

  constructor(
    manifest: EmbeddingManifest,
    backbones: BackboneRunner[],
    private readonly post: Postprocess,
  ) {
    super(manifest, backbones);
    this.model = modelKey(manifest);
    this.dim = manifest.dim;
    this.minRelevantScore = manifest.minRelevantScore;
    this.minRelevantPhotoScore = manifest.minRelevantPhotoScore ?? manifest.minRelevantScore;
  }

  project(parts: readonly Float32Array[]): Float32Array {
    return embeddingFromParts(parts, this.post);
  }

  async embed(image: RgbImage): Promise<Float32Array> {
    const [v] = await this.embedAll([image]);
    return v!;
  }

  async embedAll(images: readonly RgbImage[]): Promise<Float32Array[]> {
    return (await this.features(images)).map((f) => this.project(f.parts));
  }

  async embedQuery(image: RgbImage): Promise<Float32Array[]> {
    const [full] = await this.features([image], true);
    // The crops come from the full frame's maps, so they follow it as one batch of their own.
    const crops = this.viewRects(image, full!.maps).map((r) => cropRgb(image, r));
    const views = crops.length > 0 ? await this.features(crops) : [];
    return [full!, ...views].map((f) => this.project(f.parts));
  }
}
