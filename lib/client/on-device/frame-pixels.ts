// Turns a camera frame or picture (an ImageBitmap handed to the worker) into the RGB pixels the
// student embeds, the way the server prepares an upload: the box cut from the full-resolution
// image first, transparent pixels flattened on white, then shrunk (never enlarged) so the long
// side is at most 512 px. That shrink uses the shared triangle filter where the server uses
// sharp's (a difference of a few sign bits in 256); every later step — the model-input resize,
// the saliency crops — runs the very same code on both sides.
import type { Box } from "@/lib/contracts";
import { boxToPixelRect } from "@/lib/image/box";
import type { RgbImage } from "@/lib/image/types";
import { resizeRgb } from "@/lib/embedding/resample";

/** The server's EMBEDDING_MAX_SIDE (lib/server/catalog-pixels.ts), which browser code cannot import. */
export const MAX_SIDE = 512;

/** RGBA (unpremultiplied, as getImageData gives it) → RGB on white. */
export function rgbaToRgb(rgba: Uint8ClampedArray, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    const a = rgba[i + 3]!;
    if (a === 255) {
      data[o] = rgba[i]!;
      data[o + 1] = rgba[i + 1]!;
      data[o + 2] = rgba[i + 2]!;
    } else {
      const white = 255 * (255 - a);
      data[o] = Math.round((rgba[i]! * a + white) / 255);
      data[o + 1] = Math.round((rgba[i + 1]! * a + white) / 255);
      data[o + 2] = Math.round((rgba[i + 2]! * a + white) / 255);
    }
  }
  return { data, width, height };
}

/** The size that fits inside `max` × `max`, as sharp's `fit: "inside"` rounds it. */
export function fitInside(width: number, height: number, max: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Reads the bitmap (and closes it: it was transferred for this one use). */
export function framePixels(frame: ImageBitmap, box?: Box): RgbImage {
  try {
    const rect = box
      ? boxToPixelRect(box, frame.width, frame.height)
      : { left: 0, top: 0, width: frame.width, height: frame.height };
    const canvas = new OffscreenCanvas(rect.width, rect.height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("no 2D canvas in this worker");
    // 1:1 copy of the region: no resampling by the canvas.
    context.drawImage(frame, rect.left, rect.top, rect.width, rect.height, 0, 0, rect.width, rect.height);
    const rgb = rgbaToRgb(context.getImageData(0, 0, rect.width, rect.height).data, rect.width, rect.height);
    const target = fitInside(rgb.width, rgb.height, MAX_SIDE);
    return target.width === rgb.width && target.height === rgb.height ? rgb : resizeRgb(rgb, target.width, target.height);
  } finally {
    frame.close();
  }
}
