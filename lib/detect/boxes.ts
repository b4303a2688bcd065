// Box maths for detection, all in normalized 0–1 coordinates with a top-left origin: overlap,
// clamping, a context margin around a crop, and the size gates applied to every proposal.
import type { Box } from "@/lib/contracts";

export function area(box: Box): number {
  return Math.max(0, box.w) * Math.max(0, box.h);
}

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersection(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** How much of `inner` lies inside `outer` (1 when fully contained). */
export function containment(inner: Box, outer: Box): number {
  const a = area(inner);
  return a > 0 ? intersection(inner, outer) / a : 0;
}

/** The box cut to the unit square; a box wholly outside collapses to zero size at the edge. */
export function clampBox(box: Box): Box {
  const x0 = Math.min(1, Math.max(0, box.x));
  const y0 = Math.min(1, Math.max(0, box.y));
  const x1 = Math.min(1, Math.max(x0, box.x + box.w));
  const y1 = Math.min(1, Math.max(y0, box.y + box.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * The box grown by `margin` of its own size on every side, clamped to the image. A little
 * context helps the embedder the way a product photo frames its object.
 */
export function withMargin(box: Box, margin: number): Box {
  return clampBox({ x: box.x - box.w * margin, y: box.y - box.h * margin, w: box.w * (1 + 2 * margin), h: box.h * (1 + 2 * margin) });
}

/** Corner coordinates in pixels of a `width`×`height` space → a normalized, clamped box. */
export function fromCorners(x1: number, y1: number, x2: number, y2: number, width: number, height: number): Box {
  const [left, right] = x1 <= x2 ? [x1, x2] : [x2, x1];
  const [top, bottom] = y1 <= y2 ? [y1, y2] : [y2, y1];
  return clampBox({ x: left / width, y: top / height, w: (right - left) / width, h: (bottom - top) / height });
}

export interface SizeLimits {
  /** Smallest side, as a fraction of the image side it lies along. */
  minSide: number;
  /** Largest area, as a fraction of the image: a "whole scene" box finds nothing in particular. */
  maxArea: number;
}

export function withinSize(box: Box, limits: SizeLimits): boolean {
  return box.w >= limits.minSide && box.h >= limits.minSide && area(box) <= limits.maxArea;
}
