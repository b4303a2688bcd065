import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { indexPaths, readSidecar } from "./persistence";
import { unitVector } from "./testing";
import { UsearchIndex } from "./usearch-index";

const dim = 32;
let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "glimpse-index-"));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

function filled(count: number, quantization: "f32" | "f16" | "i8" = "f16") {
  const index = UsearchIndex.create(dim, { quantization }, { model: "m@1", paths: indexPaths(dataDir, "m@1") });
  index.add(Array.from({ length: count }, (_, i) => ({ key: BigInt(i + 1), vector: unitVector(i + 1, dim) })));
  return index;
}

describe("UsearchIndex", () => {
  it.each(["f32", "f16", "i8"] as const)("finds a stored vector as its own nearest neighbour (%s)", (quantization) => {
    const index = filled(200, quantization);
    expect(index.size()).toBe(200);
    for (const key of [1n, 77n, 200n]) {
      const [best] = index.search(unitVector(Number(key), dim), 5);
      expect(best?.key).toBe(key);
      expect(best?.similarity).toBeGreaterThan(0.99);
    }
  });

  it("answers neighbours best first with cosine similarities", () => {
    const index = filled(50, "f32");
    const query = unitVector(1000, dim);
    const hits = index.search(query, 10);
    expect(hits).toHaveLength(10);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.similarity).toBeGreaterThanOrEqual(hits[i]!.similarity);
    const first = hits[0]!;
    const stored = unitVector(Number(first.key), dim);
    const cosine = stored.reduce((sum, x, i) => sum + x * query[i]!, 0);
    expect(first.similarity).toBeCloseTo(cosine, 4);
  });

  it("removes keys and replaces a vector added again under the same key", () => {
    const index = filled(20);
    index.remove(3n);
    expect(index.has(3n)).toBe(false);
    expect(index.size()).toBe(19);
    expect(index.search(unitVector(3, dim), 20).map((n) => n.key)).not.toContain(3n);
    index.add([{ key: 5n, vector: unitVector(999, dim) }]);
    expect(index.size()).toBe(19);
    expect(index.search(unitVector(999, dim), 1)[0]?.key).toBe(5n);
    expect(index.removeMany(BigUint64Array.from([1n, 2n, 3n, 500n]))).toBe(2);
  });

  it("answers fewer hits than k on a small index and none on an empty one", () => {
    expect(UsearchIndex.create(dim).search(unitVector(1, dim), 5)).toEqual([]);
    expect(filled(3).search(unitVector(1, dim), 10)).toHaveLength(3);
  });

  it("rejects a vector of the wrong dimension", () => {
    const index = filled(3);
    expect(() => index.search(new Float32Array(dim + 1), 1)).toThrow(/expected a vector of 32/);
    expect(() => index.add([{ key: 9n, vector: new Float32Array(3) }])).toThrow();
    expect(index.size()).toBe(3);
  });

  it("saves atomically with a sidecar and loads the same graph back", async () => {
    const index = filled(100);
    index.remove(10n);
    await Promise.all([index.save(), index.save()]);
    const location = { model: "m@1", paths: indexPaths(dataDir, "m@1") };
    const sidecar = await readSidecar(location.paths.sidecar);
    if (typeof sidecar === "string") throw new Error(sidecar);
    expect(sidecar).toMatchObject({ model: "m@1", dim, count: 99, watermark: "100", quantization: "f16" });
    const leftovers = (await fs.readdir(path.dirname(location.paths.file))).filter((f) => f.endsWith(".tmp"));
    expect(leftovers).toEqual([]);
    const loaded = await UsearchIndex.load(sidecar, index.tuning, location);
    if (typeof loaded === "string") throw new Error(loaded);
    expect(loaded.size()).toBe(99);
    expect(loaded.watermark).toBe(100n);
    expect(loaded.has(10n)).toBe(false);
    const query = unitVector(5000, dim);
    expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
  });

  it("refuses a file whose checksum does not match its sidecar", async () => {
    const index = filled(10);
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

  it("reports its shape in stats", () => {
    const stats = filled(5).stats();
    expect(stats).toMatchObject({ engine: "usearch", size: 5, dim, quantization: "f16", watermark: "5" });
    expect(stats.bytesPerVector).toBeGreaterThan(dim);
  });
});
