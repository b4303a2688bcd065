import { describe, expect, it } from "vitest";
import { boxToPixelRect } from "./box";

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
