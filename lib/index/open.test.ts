import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openVectorIndex } from "./open";
import { indexPaths } from "./persistence";
import { FakeVectorStore, unitVector } from "./testing";

const dim = 16;
const model = "m@1";
let dataDir: string;
let store: FakeVectorStore;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "glimpse-open-"));
  store = new FakeVectorStore(dim);
  for (let seq = 1n; seq <= 30n; seq++) store.put(seq);
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const open = (overrides: { dim?: number; model?: string } = {}) =>
  openVectorIndex({ model, dim, dataDir, source: store.source, live: store.live, readVectors: store.read, ...overrides });

describe("openVectorIndex", () => {
  it("builds from the store when nothing is saved, and saves what it built", async () => {
    const index = await open();
    expect(await index.count()).toBe(30);
    expect(await index.stats()).toMatchObject({ openedFrom: "store", rebuildReason: "no saved index", caughtUp: 30 });
    expect(store.streamedFrom).toEqual([undefined]);
    await expect(fs.stat(indexPaths(dataDir, model).file)).resolves.toBeTruthy();
  });

  it("loads the saved file and catches up only past the watermark", async () => {
    await open();
    store.put(31n);
    store.put(32n);
    const index = await open();
    expect(store.streamedFrom).toEqual([undefined, 30n]);
    expect(await index.stats()).toMatchObject({ openedFrom: "file", caughtUp: 2, staleRemoved: 0 });
    expect(await index.count()).toBe(32);
    expect((await index.search([unitVector(32, dim)], 1))[0]?.key).toBe(32n);
  });

  it("sets the filter fields of a loaded file's keys from the store", async () => {
    await open();
    const index = await open();
    const products = await index.search([unitVector(8, dim)], 30, { kind: "product" });
    expect(products).toHaveLength(15);
    expect(products.every(({ key }) => key % 2n === 1n)).toBe(true);
  });

  it("drops keys of pins deleted after the save", async () => {
    await open();
    store.vectors.delete(4n);
    store.vectors.delete(17n);
    const index = await open();
    expect(await index.stats()).toMatchObject({ openedFrom: "file", staleRemoved: 2 });
    expect(await index.contains([4n, 17n, 18n])).toEqual([false, false, true]);
    expect(await index.count()).toBe(28);
  });

  it("rebuilds from the store when the file is corrupt", async () => {
    await open();
    const { file } = indexPaths(dataDir, model);
    await fs.writeFile(file, Buffer.alloc(4096, 7));
    const index = await open();
    expect(await index.stats()).toMatchObject({ openedFrom: "store", rebuildReason: "index file is damaged" });
    expect(await index.count()).toBe(30);
    expect(store.streamedFrom).toEqual([undefined, undefined]);
  });

  it("rebuilds when the sidecar is garbage or the file is missing", async () => {
    await open();
    const paths = indexPaths(dataDir, model);
    await fs.writeFile(paths.sidecar, "{not json");
    expect(await (await open()).stats()).toMatchObject({ rebuildReason: "sidecar is not JSON" });
    await fs.rm(paths.file);
    expect(await (await open()).stats()).toMatchObject({ rebuildReason: "index file is missing" });
  });

  it("rebuilds when the saved index has another dimension", async () => {
    await open();
    const wider = new FakeVectorStore(dim * 2);
    for (let seq = 1n; seq <= 5n; seq++) wider.put(seq);
    const index = await openVectorIndex({ model, dim: dim * 2, dataDir, source: wider.source, live: wider.live });
    expect(await index.stats()).toMatchObject({ openedFrom: "store", rebuildReason: "saved index is for another model or shape" });
    expect(index.dim).toBe(dim * 2);
    expect(await index.count()).toBe(5);
  });

  it("does not rewrite the file when nothing changed", async () => {
    await open();
    const { sidecar } = indexPaths(dataDir, model);
    const before = await fs.readFile(sidecar, "utf8");
    const index = await open();
    expect(await index.stats()).toMatchObject({ openedFrom: "file", caughtUp: 0, staleRemoved: 0 });
    expect(await fs.readFile(sidecar, "utf8")).toBe(before);
  });
});
