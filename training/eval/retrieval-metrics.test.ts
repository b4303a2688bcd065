import { describe, expect, it } from "vitest";
import { signAgreement, signCode } from "@/lib/embedding/binary";
import { averagePrecisionAt10, int8Code, int8Cosine, recallAt, topKByBestView } from "./retrieval-metrics";

describe("retrieval metrics", () => {
  it("recall@k counts a hit anywhere in the top k", () => {
    const qs = [
      { ranked: ["a", "b"], group: "b", relevant: 3 },
      { ranked: ["c", "d"], group: "x", relevant: 3 },
    ];
    expect(recallAt(qs, 1)).toBe(0);
    expect(recallAt(qs, 2)).toBe(0.5);
  });

  it("AP@10 is normalized by min(relevant, 10)", () => {
    expect(averagePrecisionAt10({ ranked: ["g", "x", "g"], group: "g", relevant: 3 })).toBeCloseTo((1 + 2 / 3) / 3, 9);
    expect(averagePrecisionAt10({ ranked: ["g", "g", "g"], group: "g", relevant: 3 })).toBe(1);
  });

  it("a gallery row scores by the best of a query's views", () => {
    const sims = [
      [0.9, 0.1, 0.2],
      [0.1, 0.95, 0.3],
    ];
    expect(topKByBestView(2, 3, (v, r) => sims[v]![r]!, 2)).toEqual([1, 0]);
  });

  it("int8 and sign codes preserve order of similarity", () => {
    const a = Float32Array.from([0.6, 0.8, 0]);
    const b = Float32Array.from([0.6, 0.7, 0.387]);
    const c = Float32Array.from([-0.6, -0.8, 0]);
    expect(int8Cosine(int8Code(a), int8Code(a))).toBeCloseTo(1, 6);
    expect(int8Cosine(int8Code(a), int8Code(b))).toBeGreaterThan(int8Cosine(int8Code(a), int8Code(c)));
    expect(signAgreement(signCode(a), signCode(c), 3)).toBeCloseTo(1 / 3, 9);
  });
});
