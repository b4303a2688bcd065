import { describe, expect, it } from "vitest";
import { area, clampBox, containment, fromCorners, iou, withinSize, withMargin } from "./boxes";

describe("box maths", () => {
  it("measures overlap", () => {
    const a = { x: 0, y: 0, w: 0.5, h: 0.5 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 0.5, y: 0.5, w: 0.5, h: 0.5 })).toBe(0);
    expect(iou(a, { x: 0.25, y: 0, w: 0.5, h: 0.5 })).toBeCloseTo(0.125 / 0.375);
    expect(containment({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, a)).toBeCloseTo(1);
    expect(area({ x: 0, y: 0, w: -1, h: 1 })).toBe(0);
  });

  it("clamps to the unit square", () => {
    expect(clampBox({ x: -0.2, y: 0.9, w: 0.5, h: 0.5 })).toEqual({ x: 0, y: 0.9, w: 0.3, h: expect.closeTo(0.1) as number });
    expect(clampBox({ x: 1.5, y: 0, w: 0.2, h: 0.2 }).w).toBe(0);
  });

  it("adds a margin on every side, kept inside the image", () => {
    const grown = withMargin({ x: 0.4, y: 0.4, w: 0.2, h: 0.2 }, 0.1);
    expect(grown.x).toBeCloseTo(0.38);
    expect(grown.w).toBeCloseTo(0.24);
    const edge = withMargin({ x: 0, y: 0.9, w: 0.2, h: 0.1 }, 0.5);
    expect(edge.x).toBe(0);
    expect(edge.y + edge.h).toBeCloseTo(1);
  });

  it("normalizes corner pixels, whatever their order", () => {
    expect(fromCorners(256, 128, 0, 0, 512, 512)).toEqual({ x: 0, y: 0, w: 0.5, h: 0.25 });
    expect(fromCorners(-10, 0, 600, 512, 512, 512)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });

  it("gates sizes", () => {
    const limits = { minSide: 0.05, maxArea: 0.7 };
    expect(withinSize({ x: 0, y: 0, w: 0.04, h: 0.5 }, limits)).toBe(false);
    expect(withinSize({ x: 0, y: 0, w: 0.9, h: 0.9 }, limits)).toBe(false);
    expect(withinSize({ x: 0, y: 0, w: 0.3, h: 0.3 }, limits)).toBe(true);
  });
});
