import { describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/image/types";
import { iou } from "./boxes";
import { blobs, boxBlur, foregroundProposals } from "./foreground";

/** A flat grey scene with solid squares at the given pixel rectangles. */
function scene(width: number, height: number, squares: { x: number; y: number; s: number; rgb: [number, number, number] }[]): RgbImage {
  const data = new Uint8Array(width * height * 3).fill(128);
  for (const { x, y, s, rgb } of squares) {
    for (let j = y; j < y + s; j++) for (let i = x; i < x + s; i++) data.set(rgb, (j * width + i) * 3);
  }
  return { data, width, height };
}

describe("boxBlur", () => {
  it("keeps a constant plane constant and spreads a spike", () => {
    const flat = boxBlur({ values: new Float32Array(16).fill(3), width: 4, height: 4 }, 1);
    expect([...flat.values].every((v) => Math.abs(v - 3) < 1e-6)).toBe(true);
    const spike = new Float32Array(9);
    spike[4] = 9;
    expect(boxBlur({ values: spike, width: 3, height: 3 }, 1).values[0]).toBeCloseTo(9 / 4);
  });
});

describe("blobs", () => {
  it("finds 8-connected components above the threshold, skipping small ones", () => {
    const values = Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    const found = blobs({ values, width: 4, height: 4 }, 0.5, 2);
    expect(found).toHaveLength(2);
    expect(found[0]!.box).toEqual({ x: 0, y: 0, w: 0.5, h: 0.5 });
    expect(blobs({ values, width: 4, height: 4 }, 0.5, 3)).toHaveLength(0);
  });
});

describe("foregroundProposals", () => {
  it("proposes a box for each of several objects on a plain background", () => {
    const image = scene(320, 240, [
      { x: 30, y: 40, s: 70, rgb: [220, 30, 30] },
      { x: 200, y: 120, s: 80, rgb: [20, 40, 200] },
    ]);
    const proposals = foregroundProposals(image);
    const truths = [
      { x: 30 / 320, y: 40 / 240, w: 70 / 320, h: 70 / 240 },
      { x: 200 / 320, y: 120 / 240, w: 80 / 320, h: 80 / 240 },
    ];
    for (const truth of truths) expect(Math.max(...proposals.map((p) => iou(p.box, truth)))).toBeGreaterThan(0.5);
    for (const p of proposals) expect(p.score).toBeLessThanOrEqual(1);
  });

  it("proposes nothing for a blank image", () => {
    expect(foregroundProposals(scene(64, 64, []))).toEqual([]);
  });
});
