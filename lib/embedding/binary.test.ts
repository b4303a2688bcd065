import { describe, expect, it } from "vitest";
import { hamming, nearestCodes, signAgreement, signCode, queryTable, tableDot } from "./binary";

describe("binary codes", () => {
  it("packs sign bits with dimension i at bit i & 7 of byte i >> 3", () => {
    const code = signCode(Float32Array.from([1, -1, 0, 0.5, -2, -3, -4, 9, 0.1]));
    expect(Array.from(code)).toEqual([0b10001001, 0b1]);
  });

  it("counts differing bits", () => {
    const a = Uint8Array.from([0xff, 0x00]);
    const b = Uint8Array.from([0x0f, 0x01]);
    expect(hamming(a, b)).toBe(5);
    expect(signAgreement(a, b, 16)).toBeCloseTo(11 / 16, 9);
  });

  it("finds the nearest codes first, ties by index", () => {
    const query = Uint8Array.from([0b1111]);
    const codes = Uint8Array.from([0b0000, 0b1110, 0b1111, 0b0111, 0b1111_0000]);
    expect(nearestCodes(query, codes, 3)).toEqual([2, 1, 3]);
    expect(nearestCodes(query, codes, 10)).toHaveLength(5);
  });

  it("refuses codes of the wrong width", () => {
    expect(() => nearestCodes(Uint8Array.from([1, 2]), Uint8Array.from([1, 2, 3]), 1)).toThrow(RangeError);
  });
});

describe("queryTable and tableDot", () => {
  it("give the float query's dot product with each code's ±1 vector", () => {
    // 20 dimensions: the last byte is partly padding, which must count for nothing.
    const query = Float32Array.from({ length: 20 }, (_, i) => Math.sin(i * 1.7) * (i + 1));
    const others = [0, 1, 2].map((s) => Float32Array.from({ length: 20 }, (_, i) => Math.cos(i * (s + 0.3))));
    const codes = new Uint8Array(others.length * 3);
    others.forEach((o, i) => codes.set(signCode(o), i * 3));
    const table = queryTable(query);
    others.forEach((o, i) => {
      const expected = query.reduce((s, q, d) => s + q * (o[d]! > 0 ? 1 : -1), 0);
      expect(tableDot(table, codes, i * 3, 3)).toBeCloseTo(expected, 4);
    });
  });
});
