import { describe, expect, it } from "vitest";
import { suppress } from "./nms";
import type { Detection } from "./types";

const det = (x: number, score: number, source: Detection["source"] = "detector", w = 0.2): Detection => ({
  box: { x, y: 0.1, w, h: 0.2 },
  label: source === "detector" ? "cup" : "object",
  score,
  source,
});
const options = { iouThreshold: 0.5, containThreshold: 0.8, maxObjects: 6 };

describe("suppress", () => {
  it("keeps the stronger of two overlapping boxes and separate boxes too", () => {
    const kept = suppress([det(0.1, 0.5), det(0.11, 0.9), det(0.6, 0.4)], options);
    expect(kept.map((d) => d.score)).toEqual([0.9, 0.4]);
  });

  it("prefers a detector box over a stronger fallback box in the same place", () => {
    const kept = suppress([det(0.1, 0.95, "saliency"), det(0.12, 0.4)], options);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.source).toBe("detector");
  });

  it("drops a box mostly inside a kept one, or around it, unless nesting is allowed", () => {
    const part = det(0.15, 0.3, "detector", 0.05);
    const around = det(0.02, 0.3, "saliency", 0.5);
    expect(suppress([det(0.1, 0.5), part], options)).toHaveLength(1);
    expect(suppress([det(0.1, 0.5), around], options)).toHaveLength(1);
    expect(suppress([det(0.1, 0.5), part, around], { ...options, containThreshold: 1 })).toHaveLength(3);
  });

  it("caps the number of objects", () => {
    const many = Array.from({ length: 10 }, (_, i) => det(i * 0.1, 1 - i * 0.01, "detector", 0.05));
    expect(suppress(many, { ...options, maxObjects: 3 }).map((d) => d.box.x)).toEqual([0, 0.1, 0.2]);
  });
});
