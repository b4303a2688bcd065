// The class-agnostic fallback: object proposals for things no COCO class names (a clip-art
// rocket, a mushroom). A pixel stands out when it differs from a heavily blurred copy of the
// scene (the background estimate); thresholded at a few levels, the connected blobs of the
// stand-out map become boxes. Pure functions on small float maps.
import type { Box } from "@/lib/contracts";
import { resizeToFloat } from "@/lib/embedding/resample";
import type { RgbImage } from "@/lib/image/types";

/** A row-major single-channel map. */
export interface Plane {
  values: Float32Array;
  width: number;
  height: number;
}

export interface Proposal {
  box: Box;
  /** Mean stand-out of the blob relative to the map's maximum, 0–1. */
  score: number;
}

export interface ForegroundOptions {
  /** Long side of the working map in cells. */
  mapSide: number;
  /** Background blur radius as a fraction of the map's long side. */
  blurRadius: number;
  /** Thresholds as mean + t × standard deviation of the stand-out map; one blob set per level. */
  levels: readonly number[];
  /** Blobs smaller than this share of the map are noise. */
  minCells: number;
}

export const DEFAULT_FOREGROUND: ForegroundOptions = { mapSide: 96, blurRadius: 0.2, levels: [0.5, 1, 2], minCells: 0.004 };

/** Mean over a (2r+1)² window clipped to the plane, via a summed-area table: O(pixels). */
export function boxBlur(plane: Plane, radius: number): Plane {
  const { values, width, height } = plane;
  const sat = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += values[y * width + x]!;
      sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1]! + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const sum = sat[y1 * (width + 1) + x1]! - sat[y0 * (width + 1) + x1]! - sat[y1 * (width + 1) + x0]! + sat[y0 * (width + 1) + x0]!;
      out[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return { values: out, width, height };
}

/** Per cell, the colour distance between the scene and its blurred copy, lightly smoothed. */
export function standOutMap(image: RgbImage, options: Pick<ForegroundOptions, "mapSide" | "blurRadius">): Plane {
  const scale = options.mapSide / Math.max(image.width, image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const rgb = resizeToFloat(image, width, height);
  const radius = Math.max(1, Math.round(options.blurRadius * Math.max(width, height)));
  const distance = new Float32Array(width * height);
  for (let c = 0; c < 3; c++) {
    const channel = new Float32Array(width * height);
    for (let i = 0; i < channel.length; i++) channel[i] = rgb[i * 3 + c]!;
    const background = boxBlur({ values: channel, width, height }, radius).values;
    for (let i = 0; i < channel.length; i++) distance[i] = distance[i]! + (channel[i]! - background[i]!) ** 2;
  }
  for (let i = 0; i < distance.length; i++) distance[i] = Math.sqrt(distance[i]!);
  return boxBlur({ values: distance, width, height }, 1);
}

/** Bounding boxes (normalized) and mean values of the 8-connected blobs above `threshold`. */
export function blobs(plane: Plane, threshold: number, minCells: number): { box: Box; mean: number }[] {
  const { values, width, height } = plane;
  const seen = new Uint8Array(values.length);
  const stack: number[] = [];
  const found: { box: Box; mean: number }[] = [];
  for (let seed = 0; seed < values.length; seed++) {
    if (seen[seed] || !(values[seed]! > threshold)) continue;
    seen[seed] = 1;
    stack.push(seed);
    let cells = 0;
    let sum = 0;
    let [x0, y0, x1, y1] = [width, height, -1, -1];
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      cells++;
      sum += values[i]!;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const n = ny * width + nx;
          if (!seen[n] && values[n]! > threshold) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    if (cells < minCells) continue;
    found.push({ box: { x: x0 / width, y: y0 / height, w: (x1 + 1 - x0) / width, h: (y1 + 1 - y0) / height }, mean: sum / cells });
  }
  return found;
}

function meanAndStd(values: Float32Array): [number, number, number] {
  let sum = 0;
  let max = 0;
  for (const v of values) {
    sum += v;
    max = Math.max(max, v);
  }
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return [mean, Math.sqrt(sq / values.length), max];
}

/** Proposals from every threshold level, strongest first; overlapping ones are left to NMS. */
export function foregroundProposals(image: RgbImage, options: ForegroundOptions = DEFAULT_FOREGROUND): Proposal[] {
  const map = standOutMap(image, options);
  const [mean, std, max] = meanAndStd(map.values);
  if (!(max > 0) || std === 0) return [];
  const minCells = Math.max(4, Math.round(options.minCells * map.values.length));
  const proposals = options.levels.flatMap((level) =>
    blobs(map, mean + level * std, minCells).map(({ box, mean: m }) => ({ box, score: Math.min(1, m / max) })),
  );
  return proposals.sort((a, b) => b.score - a.score);
}
