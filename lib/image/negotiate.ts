// Picks the encoding of a rendition from the request's Accept header.
import type { RenditionEncoding } from "./renditions";

/** AVIF when the client lists it with a non-zero quality, WebP otherwise (every current browser decodes it). */
export function preferredEncoding(accept: string | null): RenditionEncoding {
  if (!accept) return "webp";
  for (const part of accept.split(",")) {
    const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (type !== "image/avif") continue;
    const q = params.find((p) => p.startsWith("q="));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(quality) && quality > 0 ? "avif" : "webp";
  }
  return "webp";
}
