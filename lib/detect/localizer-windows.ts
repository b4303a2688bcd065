// The class-agnostic localizer's arithmetic: candidate windows over a backbone's feature grid,
// what each window looks like (its inside, the ring around it, how the two differ, where it
// lies), a small network that scores how well a window fits an object, and the best windows as
// boxes. Pure, so training (training/localizer) and the server compute exactly the same thing.
import type { Box } from "@/lib/contracts";
import { suppressInOrder } from "./nms";

/** A feature grid: `height` × `width` cells of `depth` values, row-major, depth innermost. */
export interface FeatureGrid {
  values: Float32Array;
  width: number;
  height: number;
  depth: number;
}

/** A window in cells, [x0, x1) × [y0, y1). */
export interface CellWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface WindowOptions {
  /** Window sides, in cells. */
  sides: readonly number[];
  /** Longest side over shortest side, at most. */
  maxAspect: number;
}

/** Every window of the given sides and aspect that fits the grid, one cell apart. */
export function anchorWindows(gridWidth: number, gridHeight: number, { sides, maxAspect }: WindowOptions): CellWindow[] {
  const windows: CellWindow[] = [];
  for (const w of sides) {
    for (const h of sides) {
      if (w > gridWidth || h > gridHeight || Math.max(w, h) / Math.min(w, h) > maxAspect) continue;
      for (let y0 = 0; y0 + h <= gridHeight; y0++) {
        for (let x0 = 0; x0 + w <= gridWidth; x0++) windows.push({ x0, y0, x1: x0 + w, y1: y0 + h });
      }
    }
  }
  return windows;
}

/** Multiplies each cell's `inDepth` values by `matrix` (outDepth × inDepth) after subtracting `mean`. */
export function reduceGrid(cells: Float32Array, width: number, height: number, mean: Float32Array, matrix: Float32Array): FeatureGrid {
  const inDepth = mean.length;
  const depth = matrix.length / inDepth;
  if (cells.length !== width * height * inDepth || !Number.isInteger(depth)) throw new RangeError("reduceGrid: sizes do not match");
  const values = new Float32Array(width * height * depth);
  // The mean folded in: M·(c − m) = M·c − M·m.
  const shift = new Float32Array(depth);
  for (let o = 0; o < depth; o++) {
    let s = 0;
    for (let i = 0; i < inDepth; i++) s += matrix[o * inDepth + i]! * mean[i]!;
    shift[o] = s;
  }
  const cellCount = width * height;
  for (let c = 0; c < cellCount; c += 2) {
    // Two cells at a time: each matrix value is read once for both.
    const c0 = c * inDepth;
    const c1 = c + 1 < cellCount ? c0 + inDepth : c0;
    for (let o = 0; o < depth; o++) {
      let s0 = 0;
      let s1 = 0;
      const row = o * inDepth;
      for (let i = 0; i < inDepth; i++) {
        const m = matrix[row + i]!;
        s0 += m * cells[c0 + i]!;
        s1 += m * cells[c1 + i]!;
      }
      values[c * depth + o] = s0 - shift[o]!;
      if (c + 1 < cellCount) values[(c + 1) * depth + o] = s1 - shift[o]!;
    }
  }
  return { values, width, height, depth };
}

/** Length of a window's feature vector for grids of `depth` values per cell. */
export const windowFeatureLength = (depth: number) => 4 * depth + 5;

/**
 * Each window's features, one row after another: the mean of its cells, the mean of the ring
 * around it (half its size on each side, cut at the grid's edge; the grid's mean when nothing
 * is left), |inside − ring|, |inside − grid mean|, its centre, log width and height as shares of
 * the grid, and log aspect. Sums come from an integral image, so a window costs O(depth).
 */
export function windowFeatures(grid: FeatureGrid, windows: readonly CellWindow[]): Float32Array {
  const { values, width, height, depth } = grid;
  const stride = (width + 1) * depth;
  const integral = new Float64Array((height + 1) * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y + 1) * stride + (x + 1) * depth;
      const up = y * stride + (x + 1) * depth;
      const left = (y + 1) * stride + x * depth;
      const diag = y * stride + x * depth;
      const cell = (y * width + x) * depth;
      for (let d = 0; d < depth; d++) integral[at + d] = values[cell + d]! + integral[up + d]! + integral[left + d]! - integral[diag + d]!;
    }
  }
  const sumInto = (out: Float64Array, x0: number, y0: number, x1: number, y1: number) => {
    const a = y1 * stride + x1 * depth;
    const b = y0 * stride + x1 * depth;
    const c = y1 * stride + x0 * depth;
    const e = y0 * stride + x0 * depth;
    for (let d = 0; d < depth; d++) out[d] = integral[a + d]! - integral[b + d]! - integral[c + d]! + integral[e + d]!;
  };
  const total = new Float64Array(depth);
  sumInto(total, 0, 0, width, height);
  const global = total.map((v) => v / (width * height));
  const length = windowFeatureLength(depth);
  const out = new Float32Array(windows.length * length);
  const inner = new Float64Array(depth);
  const outer = new Float64Array(depth);
  windows.forEach(({ x0, y0, x1, y1 }, i) => {
    const w = x1 - x0;
    const h = y1 - y0;
    const padX = Math.max(1, Math.round(w / 2));
    const padY = Math.max(1, Math.round(h / 2));
    const ox0 = Math.max(0, x0 - padX);
    const oy0 = Math.max(0, y0 - padY);
    const ox1 = Math.min(width, x1 + padX);
    const oy1 = Math.min(height, y1 + padY);
    sumInto(inner, x0, y0, x1, y1);
    sumInto(outer, ox0, oy0, ox1, oy1);
    const innerArea = w * h;
    const ringArea = (ox1 - ox0) * (oy1 - oy0) - innerArea;
    const row = i * length;
    for (let d = 0; d < depth; d++) {
      const inside = inner[d]! / innerArea;
      const ring = ringArea > 0 ? (outer[d]! - inner[d]!) / ringArea : global[d]!;
      out[row + d] = inside;
      out[row + depth + d] = ring;
      out[row + 2 * depth + d] = Math.abs(inside - ring);
      out[row + 3 * depth + d] = Math.abs(inside - global[d]!);
    }
    const g = row + 4 * depth;
    out[g] = (x0 + x1) / 2 / width;
    out[g + 1] = (y0 + y1) / 2 / height;
    out[g + 2] = Math.log(w / width);
    out[g + 3] = Math.log(h / height);
    out[g + 4] = Math.log(w / h);
  });
  return out;
}

/** A one-hidden-layer network over standardized window features: ReLU, then one logit. */
export interface WindowScorer {
  /** Per-feature mean and standard deviation of the training windows. */
  featureMean: Float32Array;
  featureStd: Float32Array;
  /** hidden × inputs, row-major. */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden. */
  w2: Float32Array;
  b2: number;
}

/** Each window's logit: higher means the window fits an object better. */
export function scoreWindows(features: Float32Array, scorer: WindowScorer): Float32Array {
  const { featureMean, featureStd, w1, b1, w2, b2 } = scorer;
  const inputs = featureMean.length;
  const hidden = b1.length;
  const count = features.length / inputs;
  // Standardization folded into the first layer: w·(f − μ)/σ + b = (w/σ)·f + (b − Σ w·μ/σ).
  const w = new Float32Array(w1.length);
  const b = new Float32Array(hidden);
  for (let j = 0; j < hidden; j++) {
    let shift = b1[j]!;
    for (let i = 0; i < inputs; i++) {
      const scaled = w1[j * inputs + i]! / featureStd[i]!;
      w[j * inputs + i] = scaled;
      shift -= scaled * featureMean[i]!;
    }
    b[j] = shift;
  }
  const scores = new Float32Array(count);
  // Four windows at a time: each weight is read once for all four.
  let n = 0;
  for (; n + 4 <= count; n += 4) {
    const r0 = n * inputs;
    const r1 = r0 + inputs;
    const r2 = r1 + inputs;
    const r3 = r2 + inputs;
    let l0 = b2;
    let l1 = b2;
    let l2 = b2;
    let l3 = b2;
    for (let j = 0; j < hidden; j++) {
      let a0 = b[j]!;
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) {
        const wi = w[row + i]!;
        a0 += wi * features[r0 + i]!;
        a1 += wi * features[r1 + i]!;
        a2 += wi * features[r2 + i]!;
        a3 += wi * features[r3 + i]!;
      }
      const out = w2[j]!;
      if (a0 > 0) l0 += out * a0;
      if (a1 > 0) l1 += out * a1;
      if (a2 > 0) l2 += out * a2;
      if (a3 > 0) l3 += out * a3;
    }
    scores[n] = l0;
    scores[n + 1] = l1;
    scores[n + 2] = l2;
    scores[n + 3] = l3;
  }
  for (; n < count; n++) {
    let logit = b2;
    for (let j = 0; j < hidden; j++) {
      let a = b[j]!;
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) a += w[row + i]! * features[n * inputs + i]!;
      if (a > 0) logit += w2[j]! * a;
    }
    scores[n] = logit;
  }
  return scores;
}

export function windowBox({ x0, y0, x1, y1 }: CellWindow, gridWidth: number, gridHeight: number): Box {
  return { x: x0 / gridWidth, y: y0 / gridHeight, w: (x1 - x0) / gridWidth, h: (y1 - y0) / gridHeight };
}

export interface LocatedObject {
  box: Box;
  /** The scorer's probability that the window fits an object. */
  score: number;
}

/** The best-scoring windows as boxes, a window overlapping a better one by more than `maxOverlap` dropped. */
export function bestWindows(windows: readonly CellWindow[], logits: Float32Array, gridWidth: number, gridHeight: number, count: number, maxOverlap: number): LocatedObject[] {
  const order = windows.map((_, i) => i).sort((a, b) => logits[b]! - logits[a]!);
  const ranked = order.map((i) => ({ box: windowBox(windows[i]!, gridWidth, gridHeight), score: 1 / (1 + Math.exp(-logits[i]!)) }));
  return suppressInOrder(ranked, (o) => o.box, { iouThreshold: maxOverlap, containThreshold: 1, maxObjects: count });
}
