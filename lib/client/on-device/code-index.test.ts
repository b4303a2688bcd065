import { describe, expect, it } from "vitest";
import type { Pin } from "@/lib/contracts";
import { signCode } from "@/lib/embedding/binary";
import { CodeIndex, hammingScore, tableScore } from "./code-index";

function pin(id: string): Pin {
  return {
    id,
    title: id,
    description: "",
    link: null,
    price: null,
    category: null,
    kind: "pin",
    imageUrl: `/img/${id}`,
    thumbUrl: `/thumb/${id}`,
    width: 10,
    height: 10,
    dominantColor: "#000000",
    createdAt: "2024-01-01T00:00:00.000Z",
  };
}

/** A 16-d ±1 vector from a bit pattern (bit i set → +1). */
function vector(bits: number): Float32Array {
  return Float32Array.from({ length: 16 }, (_, i) => ((bits >> i) & 1 ? 0.25 : -0.25));
}

describe("hammingScore", () => {
  it("maps distance to an estimated cosine, clamped to 0–1", () => {
    expect(hammingScore(0, 256)).toBe(1);
    expect(hammingScore(128, 256)).toBeCloseTo(0, 9);
    expect(hammingScore(200, 256)).toBe(0);
    expect(hammingScore(64, 256)).toBeCloseTo(Math.SQRT1_2, 9);
  });
});

describe("tableScore", () => {
  it("maps a query's product with a ±1 code to an estimated cosine, clamped to 0–1", () => {
    expect(tableScore(0, 256)).toBe(0);
    expect(tableScore(-3, 256)).toBe(0);
    expect(tableScore(4, 256)).toBeCloseTo((4 * Math.sqrt(Math.PI / 2)) / 16, 9);
    expect(tableScore(100, 256)).toBe(1);
  });
});

describe("CodeIndex", () => {
  const entries = [
    { id: "a", bits: 0b0000_0000_0000_0000 },
    { id: "b", bits: 0b0000_0000_0000_0111 },
    { id: "c", bits: 0b1111_1111_0000_0000 },
    { id: "d", bits: 0b1111_1111_1111_1111 },
  ];

  function index(): CodeIndex {
    const idx = new CodeIndex("teacher@1", 16, 1);
    idx.add(entries.map((e) => ({ code: signCode(vector(e.bits)), pin: pin(e.id) })));
    return idx;
  }

  it("grows past its first capacity and ranks by the query's product with each code", () => {
    const idx = index();
    expect(idx.size).toBe(4);
    // Against a ±0.25 query, a code differing in d of 16 signs scores (16 − 2d) × 0.25.
    const { results } = idx.search([vector(0b1)], 3);
    expect(results.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(results.map((r) => r.score)).toEqual([3.5, 3, -0.5].map((p) => tableScore(p, 16)));
  });

  it("scores a pin by its best view", () => {
    const { results } = index().search([vector(0b0000_0000_0000_0011), vector(0b1111_1111_1111_1111)], 2);
    expect(results.map((r) => r.id)).toEqual(["d", "b"]);
    expect(results.map((r) => r.score)).toEqual([tableScore(4, 16), tableScore(3.5, 16)]);
  });

  it("keeps the query's magnitudes: one strong dimension outweighs two weak ones", () => {
    // The query is +3 on dimension 0 and +0.5 elsewhere. "one" differs from it in that strong
    // sign only, "two" in two weak ones: fewer differing bits, yet the worse match.
    const query = Float32Array.from({ length: 16 }, (_, i) => (i === 0 ? 3 : 0.5));
    const norm = Math.hypot(...query);
    const idx = new CodeIndex("teacher@1", 16);
    idx.add([
      { code: signCode(vector(0xfffe)), pin: pin("one") },
      { code: signCode(vector(0xfff9)), pin: pin("two") },
    ]);
    expect(idx.search([query.map((x) => x / norm)], 2).results.map((r) => r.id)).toEqual(["two", "one"]);
  });

  it("replaces a pin added twice instead of listing it twice", () => {
    const idx = index();
    idx.add([{ code: signCode(vector(0b1111_1111_1111_1111)), pin: pin("a") }]);
    expect(idx.size).toBe(4);
    expect(idx.search([vector(0xffff)], 2).results.map((r) => r.id)).toEqual(["a", "d"]);
  });

  it("removes deleted pins, keeping every other pin's code with it", () => {
    const idx = index();
    idx.remove(["a", "unknown"]);
    expect(idx.size).toBe(3);
    // "d" moved into a's slot and must still be found by its own code.
    expect(idx.search([vector(0xffff)], 1).results.map((r) => r.id)).toEqual(["d"]);
    expect(idx.search([vector(0)], 3).results.map((r) => r.id)).toEqual(["b", "c", "d"]);
    idx.remove(["d", "c", "b"]);
    expect(idx.size).toBe(0);
    idx.add([{ code: signCode(vector(0)), pin: pin("a") }]);
    expect(idx.search([vector(0)], 5).results.map((r) => r.id)).toEqual(["a"]);
  });

  it("refuses codes and views of another size", () => {
    const idx = index();
    expect(() => idx.add([{ code: new Uint8Array(3), pin: pin("x") }])).toThrow(RangeError);
    expect(() => idx.search([new Float32Array(8)], 1)).toThrow(RangeError);
    expect(new CodeIndex("m", 16).search([vector(0)], 5).results).toEqual([]);
  });
});

describe("CodeIndex.ideasFor", () => {
  // Two families of codes far apart: low bits set (x…) and high bits set (y…).
  const family = (base: number, id: string, flip: number) => ({ code: signCode(vector(base ^ flip)), pin: pin(id) });
  const index = new CodeIndex("space", 16);
  index.add([
    family(0x00ff, "x1", 0),
    family(0x00ff, "x2", 1),
    family(0x00ff, "x3", 2),
    family(0x00ff, "x4", 4),
    family(0xff00, "y1", 0),
    family(0xff00, "y2", 0x100),
    family(0xff00, "y3", 0x200),
  ]);

  it("suggests pins of each of the board's interests, never the board's own", () => {
    const ids = index.ideasFor(["x1", "x2", "y1"], 3).results.map((r) => r.id);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain("x1");
    expect(ids).not.toContain("y1");
    expect(ids.some((id) => id.startsWith("x"))).toBe(true);
    expect(ids.some((id) => id.startsWith("y"))).toBe(true);
  });

  it("answers nothing for a board whose pins it does not hold", () => {
    expect(index.ideasFor(["unknown"], 3).results).toEqual([]);
  });
});
