// The catalog's vector search: the ANN index of one model, opened in the background (the
// embedded engine loaded from its file, or rebuilt from the store when the file is missing or
// damaged; or a Qdrant collection when VECTOR_URL is set), kept in step with the store, saved a
// little after each change (the store can always replay what a crash lost), and a `nearest`
// that scores pins by their best query view, with filters applied inside the engine. Which
// model's index serves search is decided in image-models.ts.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { SearchFilters } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";
import type { FilterFields } from "@/lib/contracts/records";
import { type VectorIndex, openVectorIndex } from "@/lib/index";
import { dot } from "@/lib/embedding/vectors";
import type { PinRepository } from "@/lib/store";
import { dataDir, vectorEngine } from "@/lib/config";
import { AppError } from "@/lib/errors";

const SAVE_DELAY_MS = 5_000;
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
  private index: (VectorIndex & { opening: Record<string, unknown> }) | null = null;
  /** Adds and removes that arrive while the index opens, applied in order once it has. */
  private readonly pending: Array<(index: VectorIndex) => Promise<void>> = [];
  /** Changes run one after another, so an add and a remove of one pin apply in order. */
  private changes: Promise<void> = Promise.resolve();
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

  async stats() {
    if (this.index) return { ...(await this.index.stats()), state: "ready" as const };
    return {
      engine: vectorEngine().url ? "qdrant" : "usearch",
      size: 0,
      dim: this.dim,
      state: "opening" as const,
      opening: this.opening,
      ...(this.openError ? { lastError: String(this.openError) } : {}),
    };
  }

  /** Adds a pin's vector; resolves once it is searchable (or queued while the index opens). */
  add(seq: bigint, vector: Float32Array, fields: FilterFields): Promise<void> {
    return this.apply((index) => index.add([{ key: seq, vector, fields }]));
  }

  remove(seq: bigint): Promise<void> {
    return this.apply((index) => index.remove([seq]));
  }

  /**
   * The k pins that pass the filters closest to any of the query's views, best first (the
   * engine applies the filters). Hits whose pin is gone (a deletion the saved index has not
   * seen yet) are skipped; the candidate list widens until k survive or the index has no
   * more. While the index opens, a small catalog is scanned exactly; a large one answers
   * `503 warming_up`.
   */
  async nearest(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    const index = this.index;
    if (!index) return this.nearestWhileOpening(views, k, filters, exclude);
    if (views.length === 0) return [];
    // The engine merges the views and applies the filters; a few more than k cover pins
    // deleted since the index last heard of them.
    let candidates = k + HYDRATE_SLACK;
    for (;;) {
      const neighbors = await index.search(views, candidates, filters);
      const ranked = neighbors.filter(({ key }) => key !== exclude);
      const hits: Hit[] = [];
      // Reading pins from the store costs more than the index search, so the best k are read
      // first, and more only if some are gone.
      for (let next = 0; next < ranked.length && hits.length < k; ) {
        const batch = ranked.slice(next, next + k - hits.length + HYDRATE_SLACK);
        next += batch.length;
        const records = await this.repository.getPinsBySeq(batch.map(({ key }) => key));
        for (const { key, similarity } of batch) {
          const record = records.get(key);
          if (record) hits.push({ record, similarity });
        }
      }
      // An index that answered fewer than asked has nothing more to give.
      if (hits.length >= k || neighbors.length < candidates) return hits.slice(0, k);
      candidates *= 4;
    }
  }

  private async nearestWhileOpening(views: Float32Array[], k: number, filters: SearchFilters, exclude?: bigint): Promise<Hit[]> {
    if (this.opening && this.opening.total <= EXACT_SCAN_WHILE_OPENING) return this.exactNearest(views, k, filters, exclude);
    const progress = this.opening ? ` (${this.opening.done} of ${this.opening.total} vectors)` : "";
    throw new AppError("warming_up", `The search index is being rebuilt${progress}; try again shortly.`, 503, 5);
  }

  /** Brute force over the vectors of pins that pass the filters: a small catalog while the index opens. */
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

  private apply(change: (index: VectorIndex) => Promise<void>): Promise<void> {
    const index = this.index;
    if (!index) {
      this.pending.push(change);
      return Promise.resolve();
    }
    const applied = this.changes.then(() => change(index));
    this.changes = applied.catch(() => {});
    return applied.then(() => this.scheduleSave());
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
    const engine = vectorEngine();
    const index = await openVectorIndex({
      model,
      dim: this.dim,
      dataDir: dataDir(),
      source: (afterSeq?: bigint) => entriesOf(repository.streamEmbeddings(model, afterSeq)),
      live: {
        count: () => repository.countEmbeddings(model),
        seqsUpTo: (seq: bigint) => repository.listEmbeddedSeqs(model, seq),
        fieldsUpTo: (seq: bigint) => keyed(repository.streamFilterFields(seq)),
      },
      readVectors: async (seqs) => new Map((await repository.embeddingsOf(model, seqs)).map(({ seq, vector }) => [seq, vector])),
      vectorUrl: engine.url,
      vectorApiKey: engine.apiKey,
      tuning: engine.searchExpansion ? { expansionSearch: engine.searchExpansion } : undefined,
      progress: opening,
    });
    if ((await index.count()) < (await repository.countEmbeddings(model))) {
      let filled = 0;
      for await (const batch of entriesOf(repository.streamEmbeddings(model))) {
        const present = await index.contains(batch.map(({ key }) => key));
        const missing = batch.filter((_entry, i) => !present[i]);
        await index.add(missing);
        filled += missing.length;
      }
      if (filled > 0) await index.save();
    }
    // Changes that arrive while earlier ones are applied join the queue; none is left behind.
    let applied = 0;
    for (let changes = this.pending.splice(0); changes.length > 0; changes = this.pending.splice(0)) {
      for (const change of changes) await change(index);
      applied += changes.length;
    }
    this.index = index;
    this.opening = null;
    this.openError = null;
    if (applied > 0) this.scheduleSave();
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

/** The store's rows as index entries: a pin's seq is its key. */
async function* entriesOf(rows: AsyncIterable<Array<{ seq: bigint; vector: Float32Array; fields: FilterFields }>>) {
  for await (const batch of rows) yield batch.map(({ seq, vector, fields }) => ({ key: seq, vector, fields }));
}

async function* keyed(rows: AsyncIterable<Array<{ seq: bigint; fields: FilterFields }>>) {
  for await (const batch of rows) yield batch.map(({ seq, fields }) => ({ key: seq, fields }));
}
