import { describe, expect, it } from "vitest";
import type { Pin, Result } from "@/lib/contracts";
import { fuseRankings } from "./rank-fusion";

const result = (id: string): Result => ({ id, score: 0.5, pin: { id } as Pin });
const ids = (results: Result[]) => results.map((r) => r.id);

describe("fuseRankings", () => {
  it("puts what both lists rank first, then lets the heads of each list take turns", () => {
    const image = ["a", "b", "c", "d"].map(result);
    const text = ["x", "c", "y"].map(result);
    expect(ids(fuseRankings([image, text], 10))).toEqual(["c", "a", "x", "b", "y", "d"]);
  });

  it("keeps a single list's order and scores the top of every list 1", () => {
    const fused = fuseRankings([["a", "b"].map(result), ["a", "b"].map(result)], 10);
    expect(ids(fused)).toEqual(["a", "b"]);
    expect(fused[0]!.score).toBe(1);
    expect(fused[1]!.score).toBeLessThan(1);
    expect(ids(fuseRankings([["q", "r", "s"].map(result), []], 2))).toEqual(["q", "r"]);
  });
});
