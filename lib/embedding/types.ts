// What an image-embedding model promises. A model is described by a manifest beside its
// weights (models/<name>/manifest.json); code reads input sizes, normalization, output
// dimension and version from it, never from constants.
import type { RgbImage } from "@/lib/image/types";

export interface Embedder {
  /** The model's identity as stored next to every vector, e.g. "glimpse-concat-pca256@1". */
  readonly model: string;
  readonly dim: number;
  /** Similarity (0–1) below which a result is unlikely to be the same kind of thing. */
  readonly minRelevantScore: number;
  /** The same for a whole photo searched with the objects found in it (more views, higher scores). */
  readonly minRelevantPhotoScore: number;
  /** One L2-normalized vector for a catalog image. */
  embed(image: RgbImage): Promise<Float32Array>;
  /** `embed` for several images at once, in order: one batch through each network. */
  embedAll(images: readonly RgbImage[]): Promise<Float32Array[]>;
  /**
   * L2-normalized vectors for a query: the whole image first, then views that isolate the
   * likely object (a query matches a catalog vector by its best view).
   */
  embedQuery(image: RgbImage): Promise<Float32Array[]>;
}
