import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { vectorIndexContract } from "./contract-suite";
import { indexPaths, readSidecar } from "./persistence";
import { FakeVectorStore, entryOf, fieldsOf, unitVector } from "./testing";

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
import { UsearchIndex } from "./usearch-index";

const dim = 32;
let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "glimpse-index-"));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("UsearchIndex", () => {
  vectorIndexContract({ make: async (dim, store) => UsearchIndex.create(dim, {}, undefined, store.read) });
});

async function filled(count: number, quantization: "f32" | "f16" | "i8" = "f16") {
  const index = UsearchIndex.create(dim, { quantization }, { model: "m@1", paths: indexPaths(dataDir, "m@1") });
  await index.add(Array.from({ length: count }, (_, i) => entryOf(BigInt(i + 1), dim)));
  return index;
}

describe("UsearchIndex", () => {
  it.each(["f32", "f16", "i8"] as const)("finds a stored vector as its own nearest neighbour (%s)", async (quantization) => {
    const index = await filled(200, quantization);
    for (const key of [1n, 77n, 200n]) {
      const [best] = await index.search([unitVector(Number(key), dim)], 5);
      expect(best?.key).toBe(key);
      expect(best?.similarity).toBeGreaterThan(0.99);
    }
  });

  it("widens the graph search until k pins pass a filter it cannot answer exactly", async () => {
    const store = new FakeVectorStore(dim);
    const index = UsearchIndex.create(dim, { exactFilteredMax: 0 });
    await index.add(Array.from({ length: 2000 }, (_, i) => store.put(BigInt(i + 1))));
    const query = unitVector(31_337, dim);
    // Keys 10..40 with a price: 25 of 2,000 pass. The first ask, about 1,200 candidates, holds
    // about 15 of them; when it holds fewer than 10 the search widens.
    const few = (key: bigint) => { const p = fieldsOf(key).price; return p !== null && p >= 100 && p <= 400; };
    const hits = (await index.search([query], 10, { minPrice: 100, maxPrice: 400 })).map((h) => h.key);
    expect(hits).toHaveLength(10);
    expect(hits.every(few)).toBe(true);
    const exact = [...store.vectors].filter(([key]) => few(key)).sort(([, a], [, b]) => cosine(query, b) - cosine(query, a)).map(([key]) => key);
    expect(hits.filter((key) => exact.slice(0, 10).includes(key)).length).toBeGreaterThanOrEqual(8);
  });

  it("rejects a vector of the wrong dimension", async () => {
    const index = await filled(3);
    await expect(index.search([new Float32Array(dim + 1)], 1)).rejects.toThrow(/expected a vector of 32/);
    await expect(index.add([{ ...entryOf(9n, dim), vector: new Float32Array(3) }])).rejects.toThrow();
    expect(await index.count()).toBe(3);
  });

  it("saves atomically with a sidecar and loads the same graph back", async () => {
    const index = await filled(100);
    await index.remove([10n]);
    await Promise.all([index.save(), index.save()]);
    const location = { model: "m@1", paths: indexPaths(dataDir, "m@1") };
    const sidecar = await readSidecar(location.paths.sidecar);
    if (typeof sidecar === "string") throw new Error(sidecar);
    expect(sidecar).toMatchObject({ model: "m@1", dim, count: 99, watermark: "100", quantization: "f16" });
    const leftovers = (await fs.readdir(path.dirname(location.paths.file))).filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
    const loaded = await UsearchIndex.load(sidecar, index.tuning, location);
    if (typeof loaded === "string") throw new Error(loaded);
    expect(await loaded.count()).toBe(99);
    expect(await loaded.watermark()).toBe(100n);
    expect(await loaded.contains([10n])).toEqual([false]);
    const query = unitVector(5000, dim);
    expect(await loaded.search([query], 10)).toEqual(await index.search([query], 10));
  });

  it("knows no filter fields of a loaded file's keys until they are set from the store", async () => {
    const store = new FakeVectorStore(dim);
    const index = UsearchIndex.create(dim, {}, { model: "m@1", paths: indexPaths(dataDir, "m@1") }, store.read);
    await index.add([store.put(1n), store.put(2n), store.put(3n)]);
    await index.save();
    const sidecar = await readSidecar(indexPaths(dataDir, "m@1").sidecar);
    if (typeof sidecar === "string") throw new Error(sidecar);
    const loaded = await UsearchIndex.load(sidecar, index.tuning, { model: "m@1", paths: indexPaths(dataDir, "m@1") }, store.read);
    if (typeof loaded === "string") throw new Error(loaded);
    expect(await loaded.search([unitVector(1, dim)], 3, { kind: "product" })).toEqual([]);
    expect(loaded.keysWithoutFields(3n)).toEqual([1n, 2n, 3n]);
    loaded.setFilterFields([entryOf(1n, dim), entryOf(3n, dim)]);
    expect((await loaded.search([unitVector(1, dim)], 3, { kind: "product" })).map((n) => n.key)).toEqual([1n, 3n]);
    expect(loaded.keysWithoutFields(3n)).toEqual([2n]);
  });

  it("refuses a file whose checksum does not match its sidecar", async () => {
    const index = await filled(10);
    await index.save();
    const location = { model: "m@1", paths: indexPaths(dataDir, "m@1") };
    const sidecar = await readSidecar(location.paths.sidecar);
    if (typeof sidecar === "string") throw new Error(sidecar);
    const bytes = await fs.readFile(location.paths.file);
    const last = bytes.length - 1;
    bytes.writeUInt8(bytes.readUInt8(last) ^ 0xff, last);
    await fs.writeFile(location.paths.file, bytes);
    expect(await UsearchIndex.load(sidecar, index.tuning, location)).toBe("index file is damaged");
  });

  it("reports its shape in stats", async () => {
    const stats = await (await filled(5)).stats();
    expect(stats).toMatchObject({ engine: "usearch", size: 5, dim, quantization: "f16", watermark: "5" });
    expect(stats.bytesPerVector).toBeGreaterThan(dim);
  });
});
