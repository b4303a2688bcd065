// The URL of an image search: the server's copy of the picture, the words that refine it and
// the box searched in it (/search/image?image=&q=&box=x,y,w,h), so a reload or a shared link
// searches again.
import { Box } from "@/lib/contracts";

/**
 * The box that asks for the whole picture. Without a box the server searches the objects it
 * finds in a photo; this box asks it to search everything in the frame instead.
 */
export const WHOLE_PICTURE: Box = { x: 0, y: 0, w: 1, h: 1 };

export function isWholePicture(box: Box | null): boolean {
  return box !== null && box.x <= 0.0001 && box.y <= 0.0001 && box.w >= 0.9999 && box.h >= 0.9999;
}

export function imageSearchUrl(sharedId: string, refine: string, box: Box | null): string {
  const params = new URLSearchParams({ image: sharedId });
  if (refine) params.set("q", refine);
  if (box) params.set("box", [box.x, box.y, box.w, box.h].map((v) => Number(v.toFixed(4))).join(","));
  return `/search/image?${params}`;
}

/** The box a URL's `box` names, or null for none or one that is not a box. */
export function boxFromParam(value: string | null): Box | null {
  const [x = NaN, y = NaN, w = NaN, h = NaN] = (value ?? "").split(",").map(Number);
  // The URL rounds to 4 decimals: a box that reached an edge may overshoot it by that much.
  const parsed = Box.safeParse({ x, y, w: Math.min(w, 1 - x), h: Math.min(h, 1 - y) });
  return parsed.success ? parsed.data : null;
}
