// HEIC, the format of an iPhone's photos. The prebuilt libvips in sharp has no HEVC decoder,
// so libheif compiled to WebAssembly (heic-decode) decodes the primary image once, at intake,
// and Glimpse stores and serves it as a high-quality JPEG from then on. The container's EXIF
// (GPS position included) does not survive; its rotation and mirroring are applied by libheif.
import "server-only";
import decodeHeic from "heic-decode";
import sharp from "sharp";
import { decodeError } from "./decode";
import { tooManyPixels } from "./limits";

const JPEG_QUALITY = 92;

/** The primary image of a HEIC file as JPEG; the pixel ceiling is checked before any decoding. */
export async function heicToJpeg(bytes: Uint8Array, maxPixels: number): Promise<Uint8Array> {
  let images: decodeHeic.HeicImages;
  try {
    images = await decodeHeic.all({ buffer: bytes });
  } catch (error) {
    throw decodeError(error, "heic");
  }
  try {
    const primary = images[0]!;
    if (primary.width * primary.height > maxPixels) throw tooManyPixels(primary.width, primary.height, maxPixels);
    let rgba: decodeHeic.DecodedImage;
    try {
      rgba = await primary.decode();
    } catch (error) {
      throw decodeError(error, "heic");
    }
    const raw = { width: rgba.width, height: rgba.height, channels: 4 as const };
    const pixels = Buffer.from(rgba.data.buffer, rgba.data.byteOffset, rgba.data.byteLength);
    return await sharp(pixels, { raw }).flatten({ background: "#ffffff" }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
  } finally {
    images.dispose();
  }
}
