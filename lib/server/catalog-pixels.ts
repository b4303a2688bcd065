import "server-only";
// The pixels an image is embedded from, alike at upload, at search and when a model switch
// re-embeds the stored original: the same input gives the same vector on every path.
import { toRgb, type RgbImage, type ValidatedImage } from "@/lib/image";

/** Pixels handed to the embedder: more than any model input needs, far less than a 40 Mpx photo. */
export const EMBEDDING_MAX_SIDE = 512;

export function catalogPixels(image: ValidatedImage): Promise<RgbImage> {
  return toRgb(image, { maxSide: EMBEDDING_MAX_SIDE });
}
