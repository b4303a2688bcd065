// What every vector engine must do, as one suite that each engine's test file runs on its own
// index: search order and similarities, replacing and removing keys, filters inside the engine
// (kind, category ignoring case, price ranges that leave unpriced pins out) answered in full
// however selective they are, and the watermark a catch-up starts from.
import { describe, expect, it } from "vitest";
import { FakeVectorStore, fieldsOf, unitVector } from "./testing";
import type { VectorIndex } from "./types";

export interface EngineUnderTest {
  /** A new, empty index; `store` holds every vector the suite adds (the embedded engine reads it). */
  make(dim: number, store: FakeVectorStore): Promise<VectorIndex>;
}

const dim = 32;

async function filled(engine: EngineUnderTest, count: number) {
  const store = new FakeVectorStore(dim);
  const index = await engine.make(dim, store);
  await index.add(Array.from({ length: count }, (_, i) => store.put(BigInt(i + 1))));
  return { index, store };
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** Every stored key that passes, nearest first, by brute force. */
function exactly(store: FakeVectorStore, query: Float32Array, passes: (key: bigint) => boolean): bigint[] {
  return [...store.vectors]
    .filter(([key]) => passes(key))
    .sort(([, a], [, b]) => cosine(query, b) - cosine(query, a))
    .map(([key]) => key);
}

export function vectorIndexContract(engine: EngineUnderTest): void {
  describe("the vector index contract", () => {
    it("finds a stored vector as its own nearest neighbour", async () => {
      const { index } = await filled(engine, 200);
      expect(await index.count()).toBe(200);
      for (const key of [1n, 77n, 200n]) {
        const [best] = await index.search([unitVector(Number(key), dim)], 5);
        expect(best?.key).toBe(key);
        expect(best?.similarity).toBeGreaterThan(0.99);
      }
    });

    it("answers neighbours best first with cosine similarities", async () => {
      const { index } = await filled(engine, 50);
      const query = unitVector(1000, dim);
      const hits = await index.search([query], 10);
      expect(hits).toHaveLength(10);
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.similarity).toBeGreaterThanOrEqual(hits[i]!.similarity);
      const first = hits[0]!;
      expect(first.similarity).toBeCloseTo(cosine(unitVector(Number(first.key), dim), query), 2);
    });

    it("scores a key by its best view when the query has several", async () => {
      const { index } = await filled(engine, 100);
      const hits = await index.search([unitVector(7, dim), unitVector(93, dim)], 2);
      expect(new Set(hits.map((h) => h.key))).toEqual(new Set([7n, 93n]));
      for (const hit of hits) expect(hit.similarity).toBeGreaterThan(0.99);
      const products = await index.search([unitVector(8, dim), unitVector(93, dim)], 1, { kind: "product" });
      expect(products.map((h) => h.key)).toEqual([93n]);
    });

    it("replaces a vector added again under the same key, and removes keys", async () => {
      const { index } = await filled(engine, 20);
      await index.remove([3n, 500n]);
      expect(await index.contains([3n, 4n, 500n])).toEqual([false, true, false]);
      expect(await index.count()).toBe(19);
      expect((await index.search([unitVector(3, dim)], 20)).map((n) => n.key)).not.toContain(3n);
      await index.add([{ key: 5n, vector: unitVector(999, dim), fields: fieldsOf(5n) }]);
      expect(await index.count()).toBe(19);
      expect((await index.search([unitVector(999, dim)], 1))[0]?.key).toBe(5n);
    });

    it("answers fewer hits than k on a small index and none on an empty one", async () => {
      const empty = await engine.make(dim, new FakeVectorStore(dim));
      expect(await empty.search([unitVector(1, dim)], 5)).toEqual([]);
      expect(await empty.watermark()).toBe(0n);
      expect(await (await filled(engine, 3)).index.search([unitVector(1, dim)], 10)).toHaveLength(3);
    });

    it("filters on kind, on category whatever its case, and on price, leaving unpriced pins out", async () => {
      const { index, store } = await filled(engine, 60);
      const query = unitVector(4242, dim);
      const cases = [
        { filters: { kind: "product" as const }, passes: (key: bigint) => fieldsOf(key).kind === "product" },
        { filters: { category: "LAMPS" }, passes: (key: bigint) => fieldsOf(key).category === "lamps" },
        { filters: { minPrice: 100, maxPrice: 300 }, passes: (key: bigint) => { const p = fieldsOf(key).price; return p !== null && p >= 100 && p <= 300; } },
        { filters: { kind: "pin" as const, category: "shoes", maxPrice: 400 }, passes: (key: bigint) => { const f = fieldsOf(key); return f.kind === "pin" && f.category === "Shoes" && f.price !== null && f.price <= 400; } },
      ];
      for (const { filters, passes } of cases) {
        const hits = (await index.search([query], 5, filters)).map((h) => h.key);
        const exact = exactly(store, query, passes).slice(0, 5);
        expect(hits.every(passes), JSON.stringify(filters)).toBe(true);
        // An approximate engine may miss one of the true five.
        expect(hits.filter((key) => exact.includes(key)).length, JSON.stringify(filters)).toBeGreaterThanOrEqual(Math.min(4, exact.length));
      }
      expect(await index.search([query], 5, { category: "no such category" })).toEqual([]);
    });

    it("answers a very selective filter in full, and a broad one with k hits", async () => {
      const { index, store } = await filled(engine, 3000);
      const query = unitVector(77_777, dim);
      // Keys 10..40 cost 100–400 (those a multiple of 5 have no price): 25 of 3,000 pass.
      const few = (key: bigint) => { const p = fieldsOf(key).price; return p !== null && p >= 100 && p <= 400; };
      expect((await index.search([query], 100, { minPrice: 100, maxPrice: 400 })).map((h) => h.key)).toEqual(exactly(store, query, few));
      const products = (await index.search([query], 10, { kind: "product" })).map((h) => h.key);
      expect(products).toHaveLength(10);
      for (const key of products) expect(fieldsOf(key).kind).toBe("product");
      const exact = exactly(store, query, (key) => fieldsOf(key).kind === "product").slice(0, 10);
      expect(products.filter((key) => exact.includes(key)).length).toBeGreaterThanOrEqual(8);
    });

    it("keeps the highest key ever added as its watermark", async () => {
      const { index, store } = await filled(engine, 10);
      expect(await index.watermark()).toBe(10n);
      await index.add([store.put(42n)]);
      await index.remove([42n]);
      expect(await index.watermark()).toBeGreaterThanOrEqual(10n);
      const stats = await index.stats();
      expect(stats).toMatchObject({ engine: index.engine, size: 10, dim });
    });
  });
}
