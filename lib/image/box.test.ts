import { describe, expect, it } from "vitest";
import { boxToPixelRect, cropBox, cropRgb } from "./box";
import type { RgbImage } from "./types";

/** A 10×8 image whose every pixel names its position: red = x, green = y. */
function positions(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 0], (y * width + x) * 3);
  return { data, width, height };
}

describe("boxToPixelRect", () => {
  it("maps the whole image to the whole image", () => {
    expect(boxToPixelRect({ x: 0, y: 0, w: 1, h: 1 }, 640, 480)).toEqual({ left: 0, top: 0, width: 640, height: 480 });
  });

  it("rounds each edge, so neighbouring boxes share their edge", () => {
    const left = boxToPixelRect({ x: 0, y: 0, w: 1 / 3, h: 1 }, 100, 10);
    const right = boxToPixelRect({ x: 1 / 3, y: 0, w: 2 / 3, h: 1 }, 100, 10);
    expect(left).toEqual({ left: 0, top: 0, width: 33, height: 10 });
    expect(right.left).toBe(left.left + left.width);
    expect(right.left + right.width).toBe(100);
  });

  it("keeps at least one pixel for a box thinner than a pixel", () => {
    expect(boxToPixelRect({ x: 0.5, y: 0.5, w: 0.0001, h: 0.0001 }, 100, 100)).toEqual({ left: 50, top: 50, width: 1, height: 1 });
  });

  it("clamps a box at the far edge inside the image", () => {
    expect(boxToPixelRect({ x: 1, y: 1, w: 0.01, h: 0.01 }, 100, 50)).toEqual({ left: 99, top: 49, width: 1, height: 1 });
    const spill = boxToPixelRect({ x: 0.9, y: 0, w: 0.1000001, h: 1 }, 100, 50);
    expect(spill.left + spill.width).toBeLessThanOrEqual(100);
  });

  it("refuses an empty image", () => {
    expect(() => boxToPixelRect({ x: 0, y: 0, w: 1, h: 1 }, 0, 10)).toThrow(RangeError);
  });
});

describe("cropRgb", () => {
  it("copies the requested rectangle", () => {
    const c = cropRgb(positions(10, 8), { left: 2, top: 3, width: 4, height: 2 });
    expect([c.width, c.height]).toEqual([4, 2]);
    expect(Array.from(c.data.subarray(0, 3))).toEqual([2, 3, 0]);
    expect(Array.from(c.data.subarray(-3))).toEqual([5, 4, 0]);
  });

  it("clamps a rectangle that leaves the image", () => {
    const c = cropRgb(positions(10, 8), { left: 8, top: -5, width: 10, height: 100 });
    expect([c.width, c.height]).toEqual([2, 8]);
  });
});

describe("cropBox", () => {
  it("cuts the pixels boxToPixelRect names", () => {
    const image = positions(10, 8);
    const c = cropBox(image, { x: 0.5, y: 0.25, w: 0.3, h: 0.5 });
    expect([c.width, c.height]).toEqual([3, 4]);
    expect(Array.from(c.data.subarray(0, 3))).toEqual([5, 2, 0]);
  });
});
