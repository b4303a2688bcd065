// The sizes and encodings Glimpse serves an image in, and how they are made from the original.
import "server-only";
import sharp, { type Sharp } from "sharp";
import { openImage } from "./decode";

export const IMAGE_VARIANTS = ["thumb", "display", "original"] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

export const RENDITION_ENCODINGS = ["avif", "webp"] as const;
export type RenditionEncoding = (typeof RENDITION_ENCODINGS)[number];

/** A re-encoded, resized copy of an original. */
export interface Rendition {
  readonly variant: Exclude<ImageVariant, "original">;
  readonly encoding: RenditionEncoding;
}

/** Bumped when sizes or encoder settings change; stored files carry it, so new ones are made on demand. */
export const RENDITIONS_VERSION = 1;

export const RENDITION_CONTENT_TYPES: Readonly<Record<RenditionEncoding, string>> = {
  avif: "image/avif",
  webp: "image/webp",
};

// The grid column is 236 px wide (as on Pinterest); very tall images stop at 10:1 so an
// infographic cannot become a thumbnail taller than WebP allows.
const THUMB = { width: 236, height: 2360 } as const;
const DISPLAY_SIDE = 1200;

// Measured on a 2-core server CPU: AVIF at effort 2 costs ~20 ms for a thumb (about a third
// smaller than WebP, and the grid fetches thumbs by the dozen) but ~200 ms for a display image,
// so that one is made on first request instead of slowing every upload.
export const EAGER_RENDITIONS: readonly Rendition[] = [
  { variant: "thumb", encoding: "webp" },
  { variant: "thumb", encoding: "avif" },
  { variant: "display", encoding: "webp" },
];

function encode(pipeline: Sharp, encoding: RenditionEncoding): Promise<Buffer> {
  return encoding === "avif"
    ? pipeline.avif({ quality: 50, effort: 2 }).toBuffer()
    : pipeline.webp({ quality: 80, effort: 4 }).toBuffer();
}

// The largest size any rendition needs, so the original is decoded once however many are made.
function workingScale(width: number, height: number): number {
  const display = Math.min(1, DISPLAY_SIDE / Math.max(width, height));
  const thumb = Math.min(1, THUMB.width / width, THUMB.height / height);
  return Math.max(display, thumb);
}

/**
 * Renders `renditions` of an original that has passed validation, decoding it once.
 * EXIF orientation is applied and metadata (EXIF, GPS) is not carried over; alpha is kept.
 */
export async function renderRenditions(
  original: Uint8Array,
  renditions: readonly Rendition[],
): Promise<Map<Rendition, Uint8Array>> {
  // Validation already bounded the pixel count, so no ceiling here (0 = none).
  const header = await openImage(original, 0).metadata();
  const { width, height } = header.autoOrient;
  const scale = workingScale(width, height);
  let decoder = openImage(original, 0);
  if (scale < 1) {
    decoder = decoder.resize(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), { fit: "fill" });
  }
  const working = await decoder.toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  const raw = { width: working.info.width, height: working.info.height, channels: working.info.channels };

  const rendered = new Map<Rendition, Uint8Array>();
  for (const rendition of renditions) {
    const box = rendition.variant === "thumb" ? THUMB : { width: DISPLAY_SIDE, height: DISPLAY_SIDE };
    const pipeline = sharp(working.data, { raw }).resize(box.width, box.height, { fit: "inside", withoutEnlargement: true });
    rendered.set(rendition, await encode(pipeline, rendition.encoding));
  }
  return rendered;
}

/**
 * The original as the public may see it. The store keeps an upload's bytes (it addresses them by
 * hash, and the embedder re-reads them), but a phone photo's EXIF can say where it was taken. An
 * original carrying EXIF, XMP or IPTC metadata is therefore served re-encoded in its own format
 * (PNG and JPEG; others as lossless WebP), full size, orientation applied, keeping only its
 * colour profile. Null when it carries none: then the bytes are served as uploaded.
 */
export async function publishableOriginal(original: Uint8Array): Promise<Uint8Array | null> {
  const header = await openImage(original, 0).metadata();
  if (!header.exif && !header.xmp && !header.iptc) return null;
  const pipeline = openImage(original, 0).keepIccProfile();
  if (header.format === "jpeg") return pipeline.jpeg({ quality: 95, chromaSubsampling: "4:4:4" }).toBuffer();
  if (header.format === "png") return pipeline.png().toBuffer();
  return pipeline.webp({ lossless: true }).toBuffer();
}
