import { describe, expect, it } from "vitest";
import { toModelInput } from "./preprocess";

describe("toModelInput", () => {
  it("resizes and normalizes per channel as (pixel - mean) / std", () => {
    const data = new Uint8Array(4 * 4 * 3);
    for (let i = 0; i < 16; i++) data.set([255, 0, 51], i * 3);
    const out = toModelInput({ data, width: 4, height: 4 }, { width: 2, height: 3, mean: [0, 0, 1], std: [255, 1, 10] });
    expect(out.length).toBe(2 * 3 * 3);
    for (let i = 0; i < out.length; i += 3) {
      expect(out[i]).toBeCloseTo(1, 5);
      expect(out[i + 1]).toBeCloseTo(0, 5);
      expect(out[i + 2]).toBeCloseTo(5, 5);
    }
  });
});
