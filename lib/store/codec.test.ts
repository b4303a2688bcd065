import { describe, expect, it } from "vitest";
import { decodeFeedCursor, encodeFeedCursor, newPublicId } from "./codec";
import { Params, filterPredicates, prefixQuery } from "./filters";

describe("codec", () => {
  it("makes 12-character base62 pin ids that differ", () => {
    const ids = Array.from({ length: 200 }, () => newPublicId());
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
    expect(prefixQuery("Tiger  shoes", "any")).toBe("tiger:* | shoes:*");
  });
});
