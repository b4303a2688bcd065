// Regions of a picture: a normalized box (0–1, top-left origin; the one convention for boxes in
// Glimpse) becomes the pixel rectangle to cut, and the one crop cuts it from decoded pixels.
// Search, Shop the Look and the training views all crop here, so one region gives one vector.
import type { Box } from "@/lib/contracts";
import type { RgbImage } from "./types";

/** Below this many pixels on a side, a region holds too little to search. */
export const MIN_REGION_SIDE = 16;

export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

// Each edge is rounded on its own (not the origin and the size), so boxes that share an edge
// in 0–1 space share it in pixels too.
function span(start: number, size: number, extent: number): [number, number] {
  const first = Math.min(Math.max(Math.round(start * extent), 0), extent - 1);
  const end = Math.min(Math.max(Math.round((start + size) * extent), first + 1), extent);
  return [first, end - first];
}

/** The rectangle of a `width`×`height` image that `box` covers: clamped to the image, at least 1×1. */
export function boxToPixelRect(box: Box, width: number, height: number): PixelRect {
  if (!(width >= 1 && height >= 1)) throw new RangeError(`image size must be at least 1×1, got ${width}×${height}`);
  const [left, rectWidth] = span(box.x, box.w, width);
  const [top, rectHeight] = span(box.y, box.h, height);
  return { left, top, width: rectWidth, height: rectHeight };
}

/** Copies a pixel rectangle (rounded, clamped to the image, at least 1×1). */
export function cropRgb(image: RgbImage, rect: PixelRect): RgbImage {
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 3) {
    throw new RangeError(`RgbImage of ${image.width}x${image.height} needs ${image.width * image.height * 3} bytes, has ${image.data.length}`);
  }
  const x0 = clampInt(rect.left, 0, image.width - 1);
  const y0 = clampInt(rect.top, 0, image.height - 1);
  const x1 = clampInt(rect.left + rect.width, x0 + 1, image.width);
  const y1 = clampInt(rect.top + rect.height, y0 + 1, image.height);
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 3;
    data.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { data, width, height };
}

/** The part of `image` that `box` covers. */
export function cropBox(image: RgbImage, box: Box): RgbImage {
  return cropRgb(image, boxToPixelRect(box, image.width, image.height));
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(v)));
}
