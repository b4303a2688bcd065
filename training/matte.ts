import "server-only";
// Cuts an object out of a catalog shot on a plain light background: the background is what a
// flood fill from the border reaches through near-white pixels. Images with no such border
// (photos, full-bleed art) have no cut-out.
import sharp from "sharp";
import { LOSSLESS_FAST } from "./eval/images";

/** Pixels whose channels are all at least this light count as background. */
const LIGHT = 232;

/** Background mask (1 = background) of an RGB image, flood-filled from its border. */
export function borderBackground(data: Uint8Array, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const light = (i: number) => data[i * 3]! >= LIGHT && data[i * 3 + 1]! >= LIGHT && data[i * 3 + 2]! >= LIGHT;
  const stack: number[] = [];
  const push = (i: number) => {
    if (mask[i] === 0 && light(i)) {
      mask[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i < (height - 1) * width) push(i + width);
  }
  return mask;
}

/** A PNG of the object on transparency, or null when the image has no plain border. */
export async function cutOut(file: string): Promise<Buffer | null> {
  const { data, info } = await sharp(file).flatten({ background: "#ffffff" }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const mask = borderBackground(rgb, info.width, info.height);
  const background = mask.reduce((s, m) => s + m, 0) / mask.length;
  if (background < 0.05 || background > 0.97) return null;
  const rgba = Buffer.alloc(info.width * info.height * 4);
  for (let i = 0; i < mask.length; i++) {
    rgba[i * 4] = rgb[i * 3]!;
    rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
    rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
    rgba[i * 4 + 3] = mask[i] ? 0 : 255;
  }
  return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } }).png(LOSSLESS_FAST).toBuffer();
}
