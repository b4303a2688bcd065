import { describe, expect, it } from "vitest";
import { selectObjects } from "./select";
import type { Detection } from "./types";

const proposal = (x: number, bestMatch: number, source: Detection["source"] = "saliency", w = 0.2) => ({
  detection: { box: { x, y: 0.1, w, h: 0.2 }, label: source === "detector" ? "cup" : "object", score: 0.5, source },
  bestMatch,
});
const options = { suppression: { iouThreshold: 0.45, containThreshold: 0.8, maxObjects: 2 }, namedBonus: 0.05 };

describe("selectObjects", () => {
  it("ranks proposals by how well they match a product, best first, and caps them", () => {
    const picked = selectObjects([proposal(0.0, 0.3), proposal(0.3, 0.6), proposal(0.6, 0.5)], options);
    expect(picked.map((p) => p.bestMatch)).toEqual([0.6, 0.5]);
  });

  it("keeps the better-matching of two overlapping proposals", () => {
    const picked = selectObjects([proposal(0.1, 0.3), proposal(0.12, 0.4)], options);
    expect(picked).toHaveLength(1);
    expect(picked[0]!.bestMatch).toBe(0.4);
  });

  it("gives a named detection a small edge, not a large one", () => {
    expect(selectObjects([proposal(0.1, 0.42), proposal(0.12, 0.4, "detector")], options)[0]!.detection.source).toBe("detector");
    expect(selectObjects([proposal(0.1, 0.5), proposal(0.12, 0.4, "detector")], options)[0]!.detection.source).toBe("saliency");
  });
});
