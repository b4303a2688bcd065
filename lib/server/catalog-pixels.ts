import "server-only";
// The pixels an image is embedded from, alike at upload, at search and when a model switch
// re-embeds the stored original: the same input gives the same vector on every path. A region
// (a box searched, an object in a scene) is cut with cropBox from the picture as regionSource
// decodes it, so the same region gives the same vector in search and in Shop the Look.
import { toRgb, type RgbImage, type ValidatedImage } from "@/lib/image";

/** Pixels handed to the embedder: more than any model input needs, far less than a 40 Mpx photo. */
export const EMBEDDING_MAX_SIDE = 512;
/** Regions are cut from the picture at up to this side: small objects keep enough pixels to embed. */
export const REGION_SOURCE_MAX_SIDE = 1024;

export function catalogPixels(image: ValidatedImage): Promise<RgbImage> {
  return toRgb(image, { maxSide: EMBEDDING_MAX_SIDE });
}

/** The picture that regions are cut from. */
export function regionSource(image: ValidatedImage): Promise<RgbImage> {
  return toRgb(image, { maxSide: REGION_SOURCE_MAX_SIDE });
}
