import { describe, expect, it } from "vitest";
import { hottestBlob, saliencyCrop, type ActivationMap } from "./saliency";

function map(width: number, height: number, hot: Array<[number, number, number]>): ActivationMap {
  const values = new Float32Array(width * height).fill(1);
  for (const [x, y, v] of hot) values[y * width + x] = v;
  return { values, width, height };
}

describe("hottestBlob", () => {
  it("picks the connected blob with the largest mass, not the single hottest cell", () => {
    const m = map(8, 8, [[0, 0, 20], [5, 5, 12], [6, 5, 12], [5, 6, 12], [6, 6, 12]]);
    expect(hottestBlob(m, "rel")).toEqual([5, 5, 7, 7]);
  });

  it("returns null for a flat map", () => {
    expect(hottestBlob(map(4, 4, []), "std")).toBeNull();
  });
});

describe("saliencyCrop", () => {
  it("maps the blob to a square crop of the original image, widened by the margin", () => {
    const m = map(16, 16, [[4, 4, 10], [5, 4, 10], [4, 5, 10], [5, 5, 10]]);
    const rect = saliencyCrop(m, "std", { width: 160, height: 320 }, 0.25);
    // Blob cells 4–5 → x 40–60 px, y 80–120 px; side = max(20, 40) × 1.5 = 60.
    expect(rect).toEqual({ left: 20, top: 70, width: 60, height: 60 });
  });

  it("keeps the crop inside the image near an edge", () => {
    const m = map(8, 8, [[0, 0, 10]]);
    const rect = saliencyCrop(m, "rel", { width: 80, height: 80 }, 0.5)!;
    expect(rect.left).toBe(0);
    expect(rect.top).toBe(0);
    expect(rect.width).toBe(20);
  });
});
