import { describe, expect, it } from "vitest";
import { COCO_LABELS, catalogCategory, cocoLabel } from "./coco";
import { rerankByCategory } from "./rerank";

describe("COCO labels and catalog categories", () => {
  it("numbers the 80 classes from 0", () => {
    expect(COCO_LABELS).toHaveLength(80);
    expect(cocoLabel(0)).toBe("person");
    expect(cocoLabel(41)).toBe("cup");
    expect(cocoLabel(79)).toBe("toothbrush");
    expect(cocoLabel(80)).toBeNull();
    expect(cocoLabel(1.5)).toBeNull();
  });

  it("maps labels to demo catalog categories", () => {
    expect(catalogCategory("cup")).toBe("Drinks");
    expect(catalogCategory("car")).toBe("Vehicles");
    expect(catalogCategory("laptop")).toBe("Electronics");
    expect(catalogCategory("object")).toBeNull();
  });
});

describe("rerankByCategory", () => {
  const candidates = [
    { item: "mug-lookalike", similarity: 0.8, category: "Household" },
    { item: "cup", similarity: 0.78, category: "Drinks" },
    { item: "other", similarity: 0.5, category: null },
  ];

  it("lifts a product whose category agrees with the label", () => {
    expect(rerankByCategory("cup", candidates, 0.05, 2).map((c) => c.item)).toEqual(["cup", "mug-lookalike"]);
  });

  it("leaves the order alone for an unnamed object", () => {
    expect(rerankByCategory("object", candidates, 0.05, 3).map((c) => c.item)).toEqual(["mug-lookalike", "cup", "other"]);
  });
});
