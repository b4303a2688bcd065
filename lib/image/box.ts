// Turns a normalized box (0–1, top-left origin; the one convention for boxes in Glimpse) into
// the pixel rectangle to cut from an image of a given size.
import type { Box } from "@/lib/contracts";

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
