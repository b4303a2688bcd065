// Pixels for the embedders and detectors: an upload as 8-bit RGB.
import "server-only";
import { decodeError, openImage } from "./decode";
import type { RgbImage } from "./types";
import type { ValidatedImage } from "./validate";

export interface RgbOptions {
  /** Downscale so the long side is at most this many pixels; never upscales. */
  readonly maxSide?: number;
}

/** The image EXIF-oriented, flattened on white, as interleaved RGB (regions: cropBox on this). */
export async function toRgb(image: ValidatedImage, options: RgbOptions = {}): Promise<RgbImage> {
  // Validation measured the image, so its own size is the exact pixel ceiling.
  let pipeline = openImage(image.original, image.width * image.height);
  if (options.maxSide !== undefined) {
    const side = Math.max(1, Math.floor(options.maxSide));
    pipeline = pipeline.resize(side, side, { fit: "inside", withoutEnlargement: true });
  }
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  try {
    decoded = await pipeline
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeError(error, image.format);
  }
  const { data, info } = decoded;
  if (info.channels !== 3) throw new Error(`toRgb expected 3 channels, got ${info.channels}`);
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
