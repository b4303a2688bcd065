// The catalog's vector search: the ANN index of one model, opened in the background (loaded
// from its file, or rebuilt from the store when the file is missing or damaged), kept in step
// with the store, saved to disk a little after each change (the store can always replay what a
// crash lost), and a `nearest` that scores pins by their best query view and applies filters
// after hydration. Which model's index serves search is decided in image-models.ts.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { SearchFilters } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";
import { openVectorIndex } from "@/lib/index";
import type { UsearchIndex } from "@/lib/index/usearch-index";
import { dot } from "@/lib/embedding/vectors";
import type { PinRepository } from "@/lib/store";
import { hasFilters, matchesFilters } from "./filters";
import { dataDir } from "@/lib/config";
import { AppError } from "@/lib/errors";

const SAVE_DELAY_MS = 5_000;
/** Past this many candidates a filtered search scans the matching vectors exactly instead. */
const MAX_ANN_CANDIDATES = 4_000;
/** Pins read beyond the k wanted, so a few deleted ones do not cost a second read. */
const HYDRATE_SLACK = 8;

export interface Hit {
  record: PinRecord;
  similarity: number;
}

/** While the index opens, catalogs up to this many vectors are searched by an exact scan of the store. */
export const EXACT_SCAN_WHILE_OPENING = 20_000;

/** How the index is coming to be, while it opens (a rebuild after damage can take minutes). */
export interface IndexOpening {
  /** Why the saved file was not used, when it was not. */
  rebuildReason?: string;
  /** Vectors read from the store so far, of `total`. */
  done: number;
  total: number;
  startedAt: string;
}

export class CatalogVectors {
  private saveTimer: NodeJS.Timeout | null = null;
  private index: UsearchIndex | null = null;
  /** Adds and removes that arrive while the index opens, applied in order once it has. */
  private readonly pending: Array<(index: UsearchIndex) => void> = [];
  private opening: IndexOpening | null;
  /** Why the last try to open failed; opening is tried again with backoff until it works. */
  private openError: unknown = null;
  private readonly closing = new AbortController();
  /** Settles when the index has opened, or when it is closed before. */
  readonly ready: Promise<void>;

  constructor(
    readonly model: string,
    private readonly dim: number,
    private readonly repository: PinRepository,
  ) {
    this.opening = { done: 0, total: 0, startedAt: new Date().toISOString() };
    this.ready = this.openWithRetries();
  }

  /** Vectors the index holds; none until it has opened. */
  get size(): number {
    return this.index?.size() ?? 0;
  }

  stats() {
    if (this.index) return { ...this.index.stats(), state: "ready" as const };
    return {
      engine: "usearch",
      size: this.size,
      dim: this.dim,
      state: "opening" as const,
      opening: this.opening,
      ...(this.openError ? { lastError: String(this.openError) } : {}),
    };
  }

  add(seq: bigint, vector: Float32Array): void {
    this.apply((index) => index.add([{ key: seq, vector }]));
  }

  remove(seq: bigint): void {
    this.apply((index) => {
      if (index.has(seq)) index.remove(seq);
    });
  }

  /**
   * The k pins closest to any of the query's views, best first. Hits whose pin is gone (a
   * deletion the saved index has not seen yet) or that fail the filters are skipped; the
   * candidate list widens until k survive or the catalog is exhausted. While the index opens,
   * a small catalog is scanned exactly; a large one answers `503 warming_up`.
   */
  async nearest(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    const index = this.index;
    if (!index) return this.nearestWhileOpening(views, k, filters, exclude);
    const size = index.size();
    if (size === 0 || views.length === 0) return [];
    const filtered = hasFilters(filters);
    let candidates = Math.min(size, Math.max(k * (filtered ? 8 : 2), 50));
    for (;;) {
      const best = new Map<bigint, number>();
      for (const view of views) {
        for (const { key, similarity } of index.search(view, candidates)) {
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

  private async nearestWhileOpening(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    if (this.opening && this.opening.total <= EXACT_SCAN_WHILE_OPENING) return this.exactNearest(views, k, filters, exclude);
    const progress = this.opening ? ` (${this.opening.done} of ${this.opening.total} vectors)` : "";
    throw new AppError("warming_up", `The search index is being rebuilt${progress}; try again shortly.`, 503, 5);
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
    this.closing.abort();
    await this.ready;
    if (!this.saveTimer || !this.index) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.index.save();
  }

  private apply(change: (index: UsearchIndex) => void): void {
    if (!this.index) {
      this.pending.push(change);
      return;
    }
    change(this.index);
    this.scheduleSave();
  }

  private async openWithRetries(): Promise<void> {
    for (let attempt = 0; !this.closing.signal.aborted; attempt++) {
      try {
        await this.open();
        return;
      } catch (error) {
        // The store may be briefly unreachable: search answers 503 meanwhile, and this tries again.
        this.openError = error;
        console.error(`opening the vector index of ${this.model} failed; trying again`, error);
        await sleep(Math.min(30_000, 1_000 * 2 ** attempt), undefined, { signal: this.closing.signal }).catch(() => {});
      }
    }
  }

  /**
   * Opens the model's index, caught up with the store. A saved file only ever misses vectors
   * above its watermark, unless a re-embed added old pins after new ones; those are filled in
   * here. Changes made meanwhile are applied after, in order.
   */
  private async open(): Promise<void> {
    const { model, repository } = this;
    const opening = this.opening!;
    opening.done = 0;
    opening.total = await repository.countEmbeddings(model);
    const index = await openVectorIndex({
      model,
      dim: this.dim,
      dataDir: dataDir(),
      source: (afterSeq?: bigint) => repository.streamEmbeddings(model, afterSeq),
      live: {
        count: () => repository.countEmbeddings(model),
        seqsUpTo: (seq: bigint) => repository.listEmbeddedSeqs(model, seq),
      },
      progress: opening,
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
    const changes = this.pending.splice(0);
    for (const change of changes) change(index);
    this.index = index;
    this.opening = null;
    this.openError = null;
    if (changes.length > 0) this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.index?.save().catch((error: unknown) => console.error("saving the vector index failed", error));
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }
}
