// HEIC, the format of an iPhone's photos. The prebuilt libvips in sharp has no HEVC decoder,
// so libheif compiled to WebAssembly (heic-decode) decodes the primary image once, at intake,
// and Glimpse stores and serves it as a high-quality JPEG from then on. The container's EXIF
// (GPS position included) does not survive; its rotation and mirroring are applied by libheif.
import "server-only";
import decodeHeic from "heic-decode";
import sharp from "sharp";
import { AppError } from "@/lib/errors";

const JPEG_QUALITY = 92;

/** The primary image of a HEIC file as JPEG; the pixel ceiling is checked before any decoding. */
export async function heicToJpeg(bytes: Uint8Array, maxPixels: number): Promise<Uint8Array> {
  let images: decodeHeic.HeicImages;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch {
    throw new AppError("corrupt_image", "The HEIC image is truncated or damaged and cannot be decoded.", 422);
  }
  try {
    const primary = images[0]!;
    if (primary.width * primary.height > maxPixels) {
      throw new AppError(
        "image_too_large",
        `The image is ${primary.width}×${primary.height} pixels; at most ${Math.round(maxPixels / 1e6)} megapixels are accepted.`,
        413,
      );
    }
    let rgba: decodeHeic.DecodedImage;
    try {
      rgba = await primary.decode();
    } catch {
      throw new AppError("corrupt_image", "The HEIC image is truncated or damaged and cannot be decoded.", 422);
    }
    const raw = { width: rgba.width, height: rgba.height, channels: 4 as const };
    const pixels = Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength);
    return await sharp(pixels, { raw }).flatten({ background: "#ffffff" }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
  } finally {
    images.dispose();
  }
}
