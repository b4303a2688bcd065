// The gate every uploaded image passes: sniffs the format, checks size limits from the header,
// decodes every pixel once to prove the file whole, and describes what it found.
import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { dominantColor } from "./color";
import { decodeError, hasDecoder, openImage } from "./decode";
import { sniffImageFormat, type ImageFormat } from "./format";
import { heicToJpeg } from "./heic";
import { DEFAULT_IMAGE_LIMITS, tooManyPixels, type ImageLimits } from "./limits";

/** An upload proven decodable and within limits; the other lib/image functions accept only this. */
export interface ValidatedImage {
  /** Hex SHA-256 of the original bytes (for HEIC, of the JPEG it became): the image's identity in the store. */
  readonly sha256: string;
  readonly format: ImageFormat;
  /** Size after EXIF orientation, of the first frame. */
  readonly width: number;
  readonly height: number;
  /** Length of the original bytes. */
  readonly bytes: number;
  /** "#rrggbb", with transparency flattened on white. */
  readonly dominantColor: string;
  readonly hasAlpha: boolean;
  /** The bytes as uploaded, to decode again for variants and embeddings. */
  readonly original: Uint8Array;
}

// Small enough to be cheap, large enough that the dominant colour is stable.
const PREVIEW_SIDE = 64;

function describeFormats(): string {
  return "JPEG, PNG, WebP, GIF, AVIF or HEIC";
}

async function readHeader(bytes: Uint8Array, format: ImageFormat) {
  try {
    // The header only: no pixel limit yet, so the declared size can be reported as such.
    return await openImage(bytes, 0).metadata();
  } catch (error) {
    throw decodeError(error, format);
  }
}

/** Validates an upload, or rejects with an AppError whose code says what is wrong with it. */
export async function validateImage(bytes: Uint8Array, limits: Partial<ImageLimits> = {}): Promise<ValidatedImage> {
  const { maxBytes, maxPixels, minSide } = { ...DEFAULT_IMAGE_LIMITS, ...limits };
  if (bytes.length === 0) throw new AppError("empty_file", "The file is empty.", 400);
  if (bytes.length > maxBytes) {
    throw new AppError("file_too_large", `The file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB.`, 413);
  }
  const format = sniffImageFormat(bytes);
  if (format === null) throw new AppError("unsupported_image", `The file is not a ${describeFormats()} image.`, 415);
  // Stored and served as the JPEG it becomes; the byte limit applied to the upload.
  if (format === "heic") return validateImage(await heicToJpeg(bytes, maxPixels), { ...limits, maxBytes: Number.MAX_SAFE_INTEGER });
  if (!hasDecoder(format)) {
    throw new AppError("unsupported_image", `${format.toUpperCase()} images cannot be decoded on this server.`, 415);
  }

  const header = await readHeader(bytes, format);
  const frameHeight = header.pageHeight ?? header.height;
  if (header.width * frameHeight > maxPixels) throw tooManyPixels(header.width, frameHeight, maxPixels);
  // autoOrient already swaps the sides of a quarter-turned image, and reads the first frame only.
  const { width, height } = header.autoOrient;
  if (Math.min(width, height) < minSide) {
    throw new AppError("image_too_small", `The image is ${width}×${height} pixels; the short side must be at least ${minSide}.`, 422);
  }

  let preview: { data: Buffer; info: { width: number; height: number } };
  try {
    // Shrinking still reads every byte of entropy-coded data, so a truncated file fails here.
    preview = await openImage(bytes, maxPixels)
      .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: "inside" })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeError(error, format);
  }

  return {
    sha256: createHash("sha256").update(bytes).digest("hex"),
    format,
    width,
    height,
    bytes: bytes.length,
    dominantColor: dominantColor({ data: preview.data, width: preview.info.width, height: preview.info.height }),
    hasAlpha: header.hasAlpha,
    original: bytes,
  };
}
