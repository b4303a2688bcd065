// The catalog's vector search: the ANN index of one model, kept in step with the store, saved
// to disk a little after each change (the store can always replay what a crash lost), and a
// `nearest` that scores pins by their best query view and applies filters after hydration.
// Which model's index serves search is decided in image-models.ts.
import "server-only";
import type { SearchFilters } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";
import { openVectorIndex } from "@/lib/index";
import type { VectorIndex } from "@/lib/index/types";
import { dot } from "@/lib/embedding/vectors";
import type { PinRepository } from "@/lib/store";
import { hasFilters, matchesFilters } from "./filters";
import { dataDir } from "@/lib/config";

const SAVE_DELAY_MS = 5_000;
/** Past this many candidates a filtered search scans the matching vectors exactly instead. */
const MAX_ANN_CANDIDATES = 4_000;
/** Pins read beyond the k wanted, so a few deleted ones do not cost a second read. */
const HYDRATE_SLACK = 8;

export interface Hit {
  record: PinRecord;
  similarity: number;
}

/**
 * Versions come from one process-wide counter, so a cache keyed by version never mistakes
 * the index of one model for another's.
 */
let lastVersion = 0;

export class CatalogVectors {
  private saveTimer: NodeJS.Timeout | null = null;
  private changes = ++lastVersion;

  constructor(
    readonly model: string,
    private readonly index: VectorIndex,
    private readonly repository: PinRepository,
  ) {}

  get size(): number {
    return this.index.size();
  }

  stats() {
    return this.index.stats();
  }

  /** Bumped on every add and remove, so caches of search results know when they are stale. */
  get version(): number {
    return this.changes;
  }

  add(seq: bigint, vector: Float32Array): void {
    this.changes = ++lastVersion;
    this.index.add([{ key: seq, vector }]);
    this.scheduleSave();
  }

  remove(seq: bigint): void {
    this.changes = ++lastVersion;
    if (this.index.has(seq)) this.index.remove(seq);
    this.scheduleSave();
  }

  /**
   * The k pins closest to any of the query's views, best first. Hits whose pin is gone (a
   * deletion the saved index has not seen yet) or that fail the filters are skipped; the
   * candidate list widens until k survive or the catalog is exhausted.
   */
  async nearest(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    const size = this.index.size();
    if (size === 0 || views.length === 0) return [];
    const filtered = hasFilters(filters);
    let candidates = Math.min(size, Math.max(k * (filtered ? 8 : 2), 50));
    for (;;) {
      const best = new Map<bigint, number>();
      for (const view of views) {
        for (const { key, similarity } of this.index.search(view, candidates)) {
          if (key === exclude) continue;
          best.set(key, Math.max(similarity, best.get(key) ?? -1));
        }
      }
      const ranked = [...best].sort((a, b) => b[1] - a[1]);
      const hits: Hit[] = [];
      // Reading pins from the store costs more than the index search: without filters only
      // the best k can be returned, so those are read first, and more only if some are gone.
      for (let next = 0; next < ranked.length && hits.length < k; ) {
        const batch = ranked.slice(next, filtered ? ranked.length : next + k - hits.length + HYDRATE_SLACK);
        next += batch.length;
        const records = await this.repository.getPinsBySeq(batch.map(([key]) => key));
        for (const [key, similarity] of batch) {
          const record = records.get(key);
          if (record && matchesFilters(record, filters)) hits.push({ record, similarity });
        }
      }
      if (hits.length >= k || candidates >= size) return hits.slice(0, k);
      if (filtered && candidates >= MAX_ANN_CANDIDATES) return this.exactNearest(views, k, filters, exclude);
      candidates = Math.min(size, candidates * 4);
    }
  }

  /** Brute force over the vectors of pins that pass the filters: for very selective filters. */
  private async exactNearest(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    const matching = await this.repository.embeddingsMatching(this.model, filters, 100_000);
    const scored: { seq: bigint; similarity: number }[] = [];
    for (const { seq, vector } of matching) {
      if (seq === exclude) continue;
      let similarity = -1;
      for (const view of views) similarity = Math.max(similarity, dot(view, vector));
      scored.push({ seq, similarity });
    }
    scored.sort((a, b) => b.similarity - a.similarity);
    const top = scored.slice(0, k);
    const records = await this.repository.getPinsBySeq(top.map((s) => s.seq));
    return top.flatMap(({ seq, similarity }) => {
      const record = records.get(seq);
      return record ? [{ record, similarity }] : [];
    });
  }

  /** Writes what is not saved yet; the index is not used after this. */
  async close(): Promise<void> {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.index.save();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.index.save().catch((error: unknown) => console.error("saving the vector index failed", error));
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }
}


/**
 * Opens a model's index, caught up with the store. A saved file only ever misses vectors above
 * its watermark, unless a re-embed added old pins after new ones; those are filled in here.
 */
export async function openCatalogVectors(model: string, dim: number, repository: PinRepository): Promise<CatalogVectors> {
  const index = await openVectorIndex({
    model,
    dim,
    dataDir: dataDir(),
    source: (afterSeq?: bigint) => repository.streamEmbeddings(model, afterSeq),
    live: {
      count: () => repository.countEmbeddings(model),
      seqsUpTo: (seq: bigint) => repository.listEmbeddedSeqs(model, seq),
    },
  });
  if (index.size() < (await repository.countEmbeddings(model))) {
    let filled = 0;
    for await (const batch of repository.streamEmbeddings(model)) {
      const missing = batch.filter(({ seq }) => !index.has(seq));
      index.add(missing.map(({ seq, vector }) => ({ key: seq, vector })));
      filled += missing.length;
    }
    if (filled > 0) await index.save();
  }
  return new CatalogVectors(model, index, repository);
}
