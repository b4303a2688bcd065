import { describe, expect, it } from "vitest";
import { assignColumns, columnCountFor, placeCards, tileAspect } from "./masonry";

describe("columnCountFor", () => {
  it("gives a phone two columns even when one 236 px column would fit", () => {
    expect(columnCountFor(336)).toBe(2);
  });
  it("fits 236 px columns with 16 px gutters on a desktop", () => {
    // 5 × 236 + 4 × 16 = 1244
    expect(columnCountFor(1244)).toBe(5);
    expect(columnCountFor(1243)).toBe(4);
  });
});

describe("assignColumns", () => {
  it("puts each card in the shortest column so far", () => {
    const tall = { width: 100, height: 180, footer: 0 };
    const square = { width: 100, height: 100, footer: 0 };
    expect(assignColumns([tall, square, square], 2, 100)).toEqual([[0], [1, 2]]);
  });
  it("reserves a clamped tile for an extremely tall card", () => {
    const needle = { width: 100, height: 1000, footer: 0 };
    const square = { width: 100, height: 100, footer: 0 };
    // The needle's tile is 200 high, not 1000: the third square goes back under it.
    expect(assignColumns([needle, square, square, square], 2, 100)).toEqual([[0, 3], [1, 2]]);
  });
  it("keeps earlier placements when more cards are appended", () => {
    const items = [1, 2, 1.5, 0.7, 1.2].map((r) => ({ width: 100, height: 100 * r, footer: 20 }));
    const first = assignColumns(items.slice(0, 3), 3, 200);
    const all = assignColumns(items, 3, 200);
    first.forEach((lane, c) => expect(all[c]?.slice(0, lane.length)).toEqual(lane));
  });
});

describe("tileAspect", () => {
  it("keeps ordinary shapes and clamps extreme ones to 1:2 and 2:1", () => {
    expect(tileAspect(300, 400)).toBeCloseTo(4 / 3);
    expect(tileAspect(100, 1000)).toBe(2);
    expect(tileAspect(1000, 100)).toBe(0.5);
    expect(tileAspect(0, 0)).toBe(1);
  });
});

describe("placeCards", () => {
  it("stacks each column's cards by their heights, a gutter apart", () => {
    const { placements, height } = placeCards([[0, 2], [1]], [100, 50, 30]);
    expect(placements).toEqual([
      { column: 0, y: 0 },
      { column: 1, y: 0 },
      { column: 0, y: 116 },
    ]);
    expect(height).toBe(146);
  });
});
