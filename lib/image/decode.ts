// How Glimpse opens untrusted image bytes with sharp, and how decoder failures become errors
// a client can act on. Every sharp pipeline over uploaded bytes starts here.
import "server-only";
import sharp, { type FormatEnum, type Sharp } from "sharp";
import { AppError } from "@/lib/errors";
import type { ImageFormat } from "./format";

// sharp names the loader, not the container: AVIF and HEIC both go through libheif.
const LOADERS: Readonly<Record<ImageFormat, "jpeg" | "png" | "webp" | "gif" | "heif">> = {
  jpeg: "jpeg",
  png: "png",
  webp: "webp",
  gif: "gif",
  avif: "heif",
  heic: "heif",
};

/** Whether this build of libvips can read `format` at all (HEIC goes through heic.ts instead). */
export function hasDecoder(format: ImageFormat): boolean {
  const loader: FormatEnum[keyof FormatEnum] = sharp.format[LOADERS[format]];
  return loader.input.buffer === true;
}

/**
 * A sharp pipeline over uploaded bytes: EXIF orientation applied at load, the first frame only,
 * and a hard pixel ceiling so a header that lies about its size cannot make libvips allocate it.
 * `failOn: "error"` aborts on truncation and decoder errors yet tolerates the benign warnings
 * that many cameras' JPEGs carry.
 */
export function openImage(bytes: Uint8Array, maxPixels: number): Sharp {
  return sharp(bytes, {
    failOn: "error",
    limitInputPixels: maxPixels,
    autoOrient: true,
    pages: 1,
    page: 0,
  });
}

const PIXEL_LIMIT = /exceeds pixel limit/i;

/** The AppError for a sharp failure on bytes whose magic said `format`. */
export function decodeError(error: unknown, format: ImageFormat): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (PIXEL_LIMIT.test(message)) {
    return new AppError("image_too_large", "The image has more pixels than this server accepts.", 413);
  }
  return new AppError("corrupt_image", `The ${format.toUpperCase()} image is truncated or damaged and cannot be decoded.`, 422);
}
