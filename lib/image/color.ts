// The dominant colour of an image: the placeholder a grid shows while a thumbnail loads.
import type { RgbImage } from "./types";

const BITS = 4; // 16 levels per channel, 4096 bins: coarse enough that noise does not split a colour.

function hex(value: number): string {
  return Math.round(value).toString(16).padStart(2, "0");
}

/**
 * The mean colour of the most populated bin of a 4096-bin RGB histogram, as "#rrggbb".
 * A plain mean would turn a red shoe on a white floor into pink; the densest bin stays white or red.
 */
export function dominantColor(image: RgbImage): string {
  const pixels = image.width * image.height;
  if (pixels === 0 || image.data.length < pixels * 3) throw new RangeError("dominantColor needs a non-empty RGB image");
  const shift = 8 - BITS;
  const counts = new Uint32Array(1 << (3 * BITS));
  const sums = new Float64Array(counts.length * 3);
  const { data } = image;
  for (let i = 0; i < pixels * 3; i += 3) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const bin = ((r >> shift) << (2 * BITS)) | ((g >> shift) << BITS) | (b >> shift);
    counts[bin] = (counts[bin] ?? 0) + 1;
    sums[bin * 3] = (sums[bin * 3] ?? 0) + r;
    sums[bin * 3 + 1] = (sums[bin * 3 + 1] ?? 0) + g;
    sums[bin * 3 + 2] = (sums[bin * 3 + 2] ?? 0) + b;
  }
  let best = 0;
  for (let bin = 1; bin < counts.length; bin++) {
    if ((counts[bin] ?? 0) > (counts[best] ?? 0)) best = bin;
  }
  const n = counts[best] ?? 1;
  return `#${hex((sums[best * 3] ?? 0) / n)}${hex((sums[best * 3 + 1] ?? 0) / n)}${hex((sums[best * 3 + 2] ?? 0) / n)}`;
}
