// Finds the likely object in a photo from a backbone's activation map, so a camera query can
// be embedded without its background. Pure: the backend hands over a channel-summed map.
import type { PixelRect } from "@/lib/image/box";

/** A spatial map, row-major, e.g. Σ|activation| over channels. */
export interface ActivationMap {
  values: Float32Array;
  width: number;
  height: number;
}

export type Threshold = "rel" | "std";

function thresholdOf(values: Float32Array, mode: Threshold): number {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  if (mode === "rel") return (min + max) / 2;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return mean + Math.sqrt(sq / values.length);
}

/** Cells [x0, y0, x1, y1) of the 4-connected above-threshold blob with the largest mass. */
export function hottestBlob(map: ActivationMap, mode: Threshold): [number, number, number, number] | null {
  const { values, width, height } = map;
  if (values.length !== width * height) throw new RangeError("activation map size mismatch");
  const t = thresholdOf(values, mode);
  const label = new Int32Array(values.length).fill(-1);
  const stack: number[] = [];
  let best: [number, number, number, number] | null = null;
  let bestMass = -Infinity;
  for (let seed = 0; seed < values.length; seed++) {
    if (label[seed] !== -1 || !(values[seed]! > t)) continue;
    let mass = 0;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    label[seed] = seed;
    stack.push(seed);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      mass += values[i]!;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1];
      for (const n of neighbours) {
        if (n >= 0 && label[n] === -1 && values[n]! > t) {
          label[n] = seed;
          stack.push(n);
        }
      }
    }
    if (mass > bestMass) {
      bestMass = mass;
      best = [x0, y0, x1 + 1, y1 + 1];
    }
  }
  return best;
}

/**
 * The hottest blob as a square crop of the original image (the map covers the whole image,
 * whatever its aspect ratio), widened by `margin` of its side on every side and moved, not
 * shrunk, to stay inside the image where it fits.
 */
export function saliencyCrop(
  map: ActivationMap,
  mode: Threshold,
  image: { width: number; height: number },
  margin: number,
): PixelRect | null {
  const blob = hottestBlob(map, mode);
  if (!blob) return null;
  const [bx0, by0, bx1, by1] = blob;
  const sx = image.width / map.width;
  const sy = image.height / map.height;
  const cx = ((bx0 + bx1) / 2) * sx;
  const cy = ((by0 + by1) / 2) * sy;
  const side = Math.max((bx1 - bx0) * sx, (by1 - by0) * sy) * (1 + 2 * margin);
  const w = Math.min(image.width, side);
  const h = Math.min(image.height, side);
  const x = Math.min(image.width - w, Math.max(0, cx - w / 2));
  const y = Math.min(image.height - h, Math.max(0, cy - h / 2));
  return { left: Math.round(x), top: Math.round(y), width: Math.max(1, Math.round(w)), height: Math.max(1, Math.round(h)) };
}
