import { describe, expect, it } from "vitest";
import { interestsOf, mergeInterests } from "./interests";

/** Unit vectors in 3-d around the axes: two tight groups on x, one on y. */
const points = [
  [1, 0.05, 0],
  [1, -0.05, 0],
  [1, 0, 0.05],
  [0, 1, 0.05],
  [0.05, 1, 0],
].map((v) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
});
const squared = (i: number, j: number) => 2 - 2 * points[i]!.reduce((sum, x, d) => sum + x * points[j]![d]!, 0);

describe("interestsOf", () => {
  it("finds the board's separate interests, largest first, each with a member as medoid", () => {
    const interests = interestsOf(points.length, squared);
    expect(interests.map((i) => [...i.members].sort())).toEqual([[0, 1, 2], [3, 4]]);
    expect(interests.map((i) => i.weight)).toEqual([0.6, 0.4]);
    expect(interests[0]!.members).toContain(interests[0]!.medoid);
    // The middle of the x group is the one closest to the others.
    expect(interests[0]!.medoid).toBe(2);
  });

  it("merges everything into one interest when the height allows it, and keeps singletons apart at zero", () => {
    expect(interestsOf(points.length, squared, 100)).toHaveLength(1);
    expect(interestsOf(points.length, squared, 0)).toHaveLength(5);
    expect(interestsOf(0, squared)).toEqual([]);
  });
});

describe("mergeInterests", () => {
  const key = (s: string) => s;

  it("mixes interests in proportion to their weights and skips items already taken", () => {
    const merged = mergeInterests(
      [
        { weight: 0.75, items: ["a1", "a2", "a3", "shared", "a4", "a5"] },
        { weight: 0.25, items: ["shared", "b1", "b2"] },
      ],
      8,
      key,
    );
    expect(new Set(merged).size).toBe(merged.length);
    expect(merged).toHaveLength(8);
    expect(merged.slice(0, 4).filter((s) => s.startsWith("a"))).toHaveLength(3);
  });

  it("lets the other interests fill the slots of one that runs dry", () => {
    expect(mergeInterests([{ weight: 0.9, items: ["a"] }, { weight: 0.1, items: ["b1", "b2", "b3"] }], 4, key)).toEqual([
      "a",
      "b1",
      "b2",
      "b3",
    ]);
  });
});
