import { describe, expect, it } from "vitest";
import { decodeFeedCursor, decodeVector, encodeFeedCursor, encodeVector, newPinId } from "./codec";
import { Params, filterPredicates, prefixQuery } from "./filters";

describe("codec", () => {
  it("round-trips vectors as little-endian float32, from unaligned buffers too", () => {
    const vector = Float32Array.from([1, -2.5, Math.E, -0]);
    const bytes = encodeVector(vector);
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0x80, 0x3f]);
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    expect(decodeVector(unaligned)).toEqual(vector);
    expect(() => decodeVector(new Uint8Array(3))).toThrow();
  });

  it("makes 12-character base62 pin ids that differ", () => {
    const ids = Array.from({ length: 200 }, () => newPinId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(new Set(ids).size).toBe(200);
  });

  it("round-trips feed cursors and rejects forged ones", () => {
    expect(decodeFeedCursor(encodeFeedCursor(1234567890123n))).toBe(1234567890123n);
    for (const bad of ["", "abc", Buffer.from("s1.-5").toString("base64url"), Buffer.from("s1.1 or 1=1").toString("base64url")]) {
      expect(() => decodeFeedCursor(bad)).toThrow(/cursor/);
    }
  });
});

describe("filters", () => {
  it("turns filters into numbered placeholders and keeps values out of the SQL", () => {
    const params = new Params(["q"]);
    const sql = filterPredicates({ kind: "product", category: "x' or 1=1", minPrice: 1, maxPrice: 9 }, params);
    expect(sql).toBe("p.kind = $2 and lower(p.category) = lower($3) and p.price >= $4 and p.price <= $5");
    expect(params.values).toEqual(["q", "product", "x' or 1=1", 1, 9]);
    expect(filterPredicates({}, new Params())).toBe("true");
  });

  it("builds prefix queries from words only", () => {
    expect(prefixQuery("Sneak  RUNN")).toBe("sneak:* & runn:*");
    expect(prefixQuery("a:* | !b & (c)")).toBe("a:* & b:* & c:*");
    expect(prefixQuery("café 42")).toBe("café:* & 42:*");
    expect(prefixQuery("!!! ---")).toBeNull();
  });
});
