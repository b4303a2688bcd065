// The URL of an image search: the server's copy of the picture, the words that refine it and
// the box searched in it (/search/image?image=&q=&box=x,y,w,h), so a reload or a shared link
// searches again.
import { Box } from "@/lib/contracts";

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
