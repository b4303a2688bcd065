import { describe, expect, it } from "vitest";
import {
  anchorWindows,
  bestWindows,
  reduceGrid,
  scoreWindows,
  windowBox,
  windowFeatureLength,
  windowFeatures,
  type FeatureGrid,
  type WindowScorer,
} from "./localizer-windows";

/** A 6 × 4 grid of one value per cell: 1 inside x 2–3, y 1–2, else 0. */
function squareOnPlain(): FeatureGrid {
  const width = 6;
  const height = 4;
  const values = new Float32Array(width * height);
  for (let y = 1; y <= 2; y++) for (let x = 2; x <= 3; x++) values[y * width + x] = 1;
  return { values, width, height, depth: 1 };
}

describe("anchorWindows", () => {
  it("places every allowed size at every position that fits", () => {
    const windows = anchorWindows(4, 3, { sides: [1, 2, 4], maxAspect: 2 });
    // 1×1: 12, 1×2: 4·2, 2×1: 3·3, 2×2: 3·2, 4×2: 1·2; 2×4 and 4×4 do not fit, 1×4 and 4×1 are too thin.
    expect(windows).toHaveLength(12 + 8 + 9 + 6 + 2);
    for (const w of windows) {
      expect(w.x1).toBeLessThanOrEqual(4);
      expect(w.y1).toBeLessThanOrEqual(3);
    }
  });
});

describe("reduceGrid", () => {
  it("centres each cell and multiplies it by the matrix", () => {
    const cells = Float32Array.from([1, 2, 3, 4, 5, 7]); // 3 cells of 2 channels
    const grid = reduceGrid(cells, 3, 1, Float32Array.from([1, 1]), Float32Array.from([1, 0, 1, -1]));
    expect(grid.depth).toBe(2);
    expect(Array.from(grid.values)).toEqual([0, -1, 2, -1, 4, -2]);
  });

  it("refuses sizes that do not match", () => {
    expect(() => reduceGrid(new Float32Array(3), 2, 1, new Float32Array(2), new Float32Array(4))).toThrow(RangeError);
  });
});

describe("windowFeatures", () => {
  it("reads a window's inside, its ring, their difference and where it lies", () => {
    const grid = squareOnPlain();
    const window = { x0: 2, y0: 1, x1: 4, y1: 3 };
    const f = windowFeatures(grid, [window]);
    expect(f).toHaveLength(windowFeatureLength(1));
    expect(f[0]).toBeCloseTo(1); // inside
    expect(f[1]).toBeCloseTo(0); // ring: all 0
    expect(f[2]).toBeCloseTo(1); // |inside − ring|
    expect(f[3]).toBeCloseTo(1 - 4 / 24); // |inside − grid mean|
    expect(f[4]).toBeCloseTo(3 / 6); // centre x
    expect(f[5]).toBeCloseTo(2 / 4); // centre y
    expect(f[6]).toBeCloseTo(Math.log(2 / 6));
    expect(f[7]).toBeCloseTo(Math.log(2 / 4));
    expect(f[8]).toBeCloseTo(0);
  });

  it("gives a window half on the object a lower contrast than one on it", () => {
    const grid = squareOnPlain();
    const f = windowFeatures(grid, [
      { x0: 2, y0: 1, x1: 4, y1: 3 },
      { x0: 3, y0: 1, x1: 5, y1: 3 },
    ]);
    const length = windowFeatureLength(1);
    expect(f[length + 2]!).toBeLessThan(f[2]!);
  });

  it("falls back to the grid's mean for the ring of a window that covers the grid", () => {
    const grid = squareOnPlain();
    const f = windowFeatures(grid, [{ x0: 0, y0: 0, x1: 6, y1: 4 }]);
    expect(f[1]).toBeCloseTo(4 / 24);
  });
});

describe("scoreWindows and bestWindows", () => {
  // Logit = 2·relu(standardized contrast) − 1: contrast decides.
  const scorer: WindowScorer = {
    featureMean: new Float32Array(windowFeatureLength(1)),
    featureStd: new Float32Array(windowFeatureLength(1)).fill(1),
    w1: Float32Array.from({ length: windowFeatureLength(1) }, (_, i) => (i === 2 ? 1 : 0)),
    b1: Float32Array.from([0]),
    w2: Float32Array.from([2]),
    b2: -1,
  };

  it("scores windows in a batch as it scores each alone", () => {
    const grid = squareOnPlain();
    const windows = anchorWindows(grid.width, grid.height, { sides: [1, 2, 3], maxAspect: 3 }).slice(0, 11);
    const features = windowFeatures(grid, windows);
    const length = windowFeatureLength(1);
    const together = scoreWindows(features, scorer);
    windows.forEach((_, i) => expect(together[i]).toBeCloseTo(scoreWindows(features.subarray(i * length, (i + 1) * length), scorer)[0]!, 5));
  });

  it("scores with standardization, one ReLU layer and a logit", () => {
    const f = Float32Array.from({ length: windowFeatureLength(1) }, (_, i) => (i === 2 ? 0.75 : 5));
    expect(scoreWindows(f, scorer)[0]).toBeCloseTo(0.5);
  });

  it("ranks the window on the object first and drops its overlapping neighbours", () => {
    const grid = squareOnPlain();
    const windows = anchorWindows(grid.width, grid.height, { sides: [1, 2, 3], maxAspect: 3 });
    const logits = scoreWindows(windowFeatures(grid, windows), scorer);
    const best = bestWindows(windows, logits, grid.width, grid.height, 3, 0.3);
    expect(best[0]!.box).toEqual(windowBox({ x0: 2, y0: 1, x1: 4, y1: 3 }, 6, 4));
    expect(best[0]!.score).toBeGreaterThan(0.5);
    expect(best.length).toBeLessThanOrEqual(3);
    for (const other of best.slice(1)) expect(other.score).toBeLessThanOrEqual(best[0]!.score);
  });
});
