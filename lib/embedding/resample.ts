// Deterministic pure-TypeScript resampling and cropping of RgbImages. Browser and server both
// prepare model input with this code (not with sharp or a canvas), so a vector made on either
// side comes from the same pixels.
import type { RgbImage } from "@/lib/image/types";

interface Taps {
  /** First source index per output sample. */
  start: Int32Array;
  count: Int32Array;
  /** `count[i]` normalized weights per output sample, packed at i * maxTaps. */
  weights: Float32Array;
  maxTaps: number;
}

/**
 * Triangle-filter taps whose support widens with the downscale factor, so shrinking averages
 * every source pixel (no aliasing) and enlarging is plain bilinear interpolation.
 */
function triangleTaps(srcSize: number, dstSize: number): Taps {
  const scale = srcSize / dstSize;
  const support = Math.max(1, scale);
  const maxTaps = Math.ceil(2 * support) + 2;
  const start = new Int32Array(dstSize);
  const count = new Int32Array(dstSize);
  const weights = new Float32Array(dstSize * maxTaps);
  for (let i = 0; i < dstSize; i++) {
    const centre = (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support));
    const hi = Math.min(srcSize, Math.ceil(centre + support));
    let sum = 0;
    let n = 0;
    for (let j = lo; j < hi && n < maxTaps; j++, n++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / support));
      weights[i * maxTaps + n] = w;
      sum += w;
    }
    if (sum === 0) {
      // Can only happen at a degenerate edge; fall back to the nearest pixel.
      const nearest = Math.min(srcSize - 1, Math.max(0, Math.floor(centre)));
      start[i] = nearest;
      count[i] = 1;
      weights[i * maxTaps] = 1;
      continue;
    }
    for (let k = 0; k < n; k++) weights[i * maxTaps + k]! /= sum;
    start[i] = lo;
    count[i] = n;
  }
  return { start, count, weights, maxTaps };
}

/**
 * Resizes to exactly width × height (aspect ratio not kept, as the models were fed), returning
 * float RGB in 0–255 so normalization does not round twice.
 */
export function resizeToFloat(image: RgbImage, width: number, height: number): Float32Array {
  assertImage(image);
  const sw = image.width;
  const sh = image.height;
  const src = image.data;
  const tx = triangleTaps(sw, width);
  const ty = triangleTaps(sh, height);
  // Horizontal pass first: sh rows × width columns.
  const mid = new Float32Array(sh * width * 3);
  for (let y = 0; y < sh; y++) {
    const row = y * sw * 3;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const s0 = tx.start[x]!;
      const n = tx.count[x]!;
      const wBase = x * tx.maxTaps;
      for (let k = 0; k < n; k++) {
        const w = tx.weights[wBase + k]!;
        const p = row + (s0 + k) * 3;
        r += src[p]! * w;
        g += src[p + 1]! * w;
        b += src[p + 2]! * w;
      }
      const o = (y * width + x) * 3;
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
    }
  }
  const out = new Float32Array(height * width * 3);
  for (let y = 0; y < height; y++) {
    const s0 = ty.start[y]!;
    const n = ty.count[y]!;
    const wBase = y * ty.maxTaps;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < n; k++) {
        const w = ty.weights[wBase + k]!;
        const p = ((s0 + k) * width + x) * 3;
        r += mid[p]! * w;
        g += mid[p + 1]! * w;
        b += mid[p + 2]! * w;
      }
      const o = (y * width + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return out;
}

/** Resizes to an 8-bit RgbImage (rounded, clamped). */
export function resizeRgb(image: RgbImage, width: number, height: number): RgbImage {
  const f = resizeToFloat(image, width, height);
  const data = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) data[i] = Math.min(255, Math.max(0, Math.round(f[i]!)));
  return { data, width, height };
}

function assertImage(image: RgbImage): void {
  if (image.width < 1 || image.height < 1 || image.data.length !== image.width * image.height * 3) {
    throw new RangeError(
      `RgbImage of ${image.width}x${image.height} needs ${image.width * image.height * 3} bytes, has ${image.data.length}`,
    );
  }
}
