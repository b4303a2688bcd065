import "server-only";
// Decoding and synthetic degradation of fitting and evaluation images with sharp: the clean
// product shot, and the same object as a phone would see it (cropped, small, on a photo,
// rotated, blurred, JPEG-compressed). Seeded, so a fit can be repeated exactly.
import sharp, { type Sharp } from "sharp";
import type { RgbImage } from "@/lib/image/types";
import type { PixelRect } from "@/lib/image/box";


const between = (rand: () => number, lo: number, hi: number) => lo + (hi - lo) * rand();

/**
 * PNG for images passed between sharp steps: stored without compression, the same pixels at a
 * fraction of the time (zlib took a fifth of a training view's rendering: 40 → 33 ms).
 */
export const LOSSLESS_FAST = { compressionLevel: 0, adaptiveFiltering: false } as const;

export async function toRgb(image: Sharp): Promise<RgbImage> {
  const { data, info } = await image.flatten({ background: "#ffffff" }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** Any image file → RGB on white, longer side at most `maxSide`. */
export async function decodeFile(file: string, maxSide = 1024): Promise<RgbImage> {
  return toRgb(sharp(file).rotate().resize(maxSide, maxSide, { fit: "inside", withoutEnlargement: true }));
}

/** A cut-out as a catalog shot: trimmed, centred on a white square at 60–80 % of its side. */
export async function productShot(file: string | Buffer, rand: () => number, side = 256): Promise<Buffer> {
  const glyph = Math.round(side * between(rand, 0.6, 0.8));
  const object = await sharp(file).trim().resize(glyph, glyph, { fit: "inside" }).png(LOSSLESS_FAST).toBuffer();
  return sharp({ create: { width: side, height: side, channels: 4, background: "#ffffffff" } })
    .composite([{ input: object, gravity: "centre" }])
    .png(LOSSLESS_FAST)
    .toBuffer();
}

async function degrade(image: Sharp, rand: () => number): Promise<RgbImage> {
  const jpeg = await image.blur(between(rand, 0.6, 1.6)).jpeg({ quality: Math.round(between(rand, 25, 60)) }).toBuffer();
  return toRgb(sharp(jpeg));
}

/** The product shot as a phone photo: pasted at 30–70 % of the frame on a background crop. */
export async function cameraComposite(productPng: Buffer, background: RgbImage, rand: () => number): Promise<RgbImage> {
  return (await cameraShot(productPng, background, rand)).image;
}

/** `cameraComposite` with where the object landed, in pixels of the returned image. */
export async function cameraShot(productPng: Buffer, background: RgbImage, rand: () => number): Promise<{ image: RgbImage; box: PixelRect }> {
  const portrait = rand() < 0.5;
  const [w, h] = portrait ? [480, 640] : [640, 480];
  const bgScale = Math.max(w / background.width, h / background.height) * between(rand, 1, 1.6);
  const bw = Math.ceil(background.width * bgScale);
  const bh = Math.ceil(background.height * bgScale);
  const bg = await sharp(Buffer.from(background.data), { raw: { width: background.width, height: background.height, channels: 3 } })
    .resize(bw, bh)
    .extract({ left: Math.floor(rand() * (bw - w + 1)), top: Math.floor(rand() * (bh - h + 1)), width: w, height: h })
    .flop(rand() < 0.5)
    .png(LOSSLESS_FAST)
    .toBuffer();
  const size = Math.round(Math.min(w, h) * between(rand, 0.3, 0.7));
  const object = await sharp(productPng)
    .trim()
    .resize(size, size, { fit: "inside" })
    .rotate(between(rand, -12, 12), { background: "#ffffff00" })
    .png(LOSSLESS_FAST)
    .toBuffer();
  const meta = await sharp(object).metadata();
  const ow = Math.min(w, meta.width ?? size);
  const oh = Math.min(h, meta.height ?? size);
  const left = Math.floor(rand() * Math.max(1, w - ow));
  const top = Math.floor(rand() * Math.max(1, h - oh));
  const image = await degrade(sharp(await sharp(bg).composite([{ input: object, left, top }]).png(LOSSLESS_FAST).toBuffer()), rand);
  return { image, box: { left, top, width: ow, height: oh } };
}

/** The product shot degraded without a background: crop, low resolution, blur, JPEG. */
export async function degradedShot(productPng: Buffer, rand: () => number): Promise<RgbImage> {
  const keep = between(rand, 0.7, 1);
  const side = Math.round(256 * keep);
  const left = Math.floor(rand() * (256 - side + 1));
  const top = Math.floor(rand() * (256 - side + 1));
  const low = Math.round(between(rand, 48, 128));
  const small = await sharp(productPng).flatten({ background: "#ffffff" }).extract({ left, top, width: side, height: side }).resize(low, low).png(LOSSLESS_FAST).toBuffer();
  return degrade(sharp(small).resize(256, 256, { kernel: "lanczos3" }), rand);
}

/** A random crop of a photo at a phone-like size. */
export async function photoCrop(photo: RgbImage, rand: () => number): Promise<RgbImage> {
  const w = Math.round(photo.width * between(rand, 0.3, 0.9));
  const h = Math.round(photo.height * between(rand, 0.3, 0.9));
  const left = Math.floor(rand() * (photo.width - w + 1));
  const top = Math.floor(rand() * (photo.height - h + 1));
  const crop = sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } })
    .extract({ left, top, width: w, height: h })
    .resize(480, 480, { fit: "inside" });
  return degrade(crop, rand);
}
