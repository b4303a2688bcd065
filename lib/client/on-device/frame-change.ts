// Decides when a camera frame is worth a search: the live view searches again only when a tiny
// grey thumbnail of the picture differs enough from the one last searched, so a still camera
// costs nothing and sensor noise does not count as a change.

/** Side of the thumbnail, in pixels. */
export const THUMBNAIL_SIDE = 16;

/** Mean absolute grey difference (0–255) above which the picture is taken to have changed. */
export const CHANGE_THRESHOLD = 6;

/** RGBA of a THUMBNAIL_SIDE² image → one grey byte per pixel (Rec. 601 luma). */
export function greyThumbnail(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o++) {
    out[o] = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
  }
  return out;
}

/** Mean absolute difference of two thumbnails of the same size, 0–255. */
export function thumbnailDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError("thumbnails of different sizes");
  if (a.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

export function frameChanged(previous: Uint8Array | null, next: Uint8Array, threshold = CHANGE_THRESHOLD): boolean {
  return previous === null || thumbnailDifference(previous, next) > threshold;
}
