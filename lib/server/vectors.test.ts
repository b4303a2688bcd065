// The catalog's vectors while their index opens in the background: a small catalog is searched
// by an exact scan of the store, a large one answers `503 warming_up`, and changes made
// meanwhile reach the index once it has opened.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PinRecord } from "@/lib/contracts/records";
import { FakeVectorStore, unitVector } from "@/lib/index/testing";
import type { PinRepository } from "@/lib/store";
import { CatalogVectors, EXACT_SCAN_WHILE_OPENING } from "./vectors";

const dim = 8;

/** The parts of the store CatalogVectors reads, over a FakeVectorStore whose stream waits for `release`. */
function slowRepository(store: FakeVectorStore, options: { count?: number } = {}) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const repository = {
    countEmbeddings: async () => options.count ?? store.vectors.size,
    streamEmbeddings: (_model: string, afterSeq?: bigint) =>
      (async function* () {
        await released;
        for await (const batch of store.source(afterSeq)) yield batch.map(({ key, vector, fields }) => ({ seq: key, vector, fields }));
      })(),
    listEmbeddedSeqs: store.live.seqsUpTo,
    embeddingsOf: async (_model: string, seqs: bigint[]) => [...(await store.read(seqs))].map(([seq, vector]) => ({ seq, vector })),
    embeddingsMatching: async () => [...store.vectors].map(([seq, vector]) => ({ seq, vector })),
    getPinsBySeq: async (seqs: bigint[]) =>
      new Map(seqs.filter((seq) => store.vectors.has(seq)).map((seq) => [seq, { id: `pin-${seq}`, seq } as unknown as PinRecord])),
  };
  return { repository: repository as unknown as PinRepository, release };
}

let previousDataDir: string | undefined;
beforeEach(async () => {
  previousDataDir = process.env.DATA_DIR;
  process.env.DATA_DIR = await fs.mkdtemp(path.join(os.tmpdir(), "glimpse-vectors-"));
});
afterEach(async () => {
  await fs.rm(process.env.DATA_DIR!, { recursive: true, force: true });
  process.env.DATA_DIR = previousDataDir;
});

describe("CatalogVectors while the index opens", () => {
  it("answers from an exact scan of the store, then from the index, with changes made meanwhile", async () => {
    const store = new FakeVectorStore(dim);
    for (let seq = 1n; seq <= 10n; seq++) store.put(seq);
    const { repository, release } = slowRepository(store);
    const vectors = new CatalogVectors("m@1", dim, repository);

    expect(await vectors.stats()).toMatchObject({ state: "opening", size: 0 });
    const whileOpening = await vectors.nearest([unitVector(7, dim)], 1, {});
    expect(whileOpening[0]?.record.id).toBe("pin-7");

    const added = store.put(11n);
    await vectors.add(11n, added.vector, added.fields);
    await vectors.remove(3n);
    store.vectors.delete(3n);
    release();
    await vectors.ready;
    expect(await vectors.stats()).toMatchObject({ state: "ready", size: 10, rebuildReason: "no saved index" });
    expect((await vectors.nearest([unitVector(11, dim)], 1, {}))[0]?.record.id).toBe("pin-11");
    await vectors.close();
  });

  it("answers 503 warming_up for a catalog too large to scan", async () => {
    const store = new FakeVectorStore(dim);
    store.put(1n);
    const { repository, release } = slowRepository(store, { count: EXACT_SCAN_WHILE_OPENING + 1 });
    const vectors = new CatalogVectors("m@1", dim, repository);
    await new Promise((r) => setTimeout(r, 0));
    await expect(vectors.nearest([unitVector(1, dim)], 1, {})).rejects.toMatchObject({ code: "warming_up", status: 503 });
    expect(await vectors.stats()).toMatchObject({ state: "opening", opening: { total: EXACT_SCAN_WHILE_OPENING + 1 } });
    release();
    await vectors.close();
  });
});
