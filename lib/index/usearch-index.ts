// The embedded vector engine: a usearch HNSW graph with cosine distance, keyed by pin seq.
// Vectors are stored as f16 by default: half of f32's memory at the same recall, where int8
// codes lose several points of recall@10 on 256-d embeddings (docs/storage.md has the figures).
// Filters run on columns of the filter fields in memory: a filter that passes many keys widens the graph
// search, one that passes few is answered exactly over the vectors of just those keys, read
// from the store (docs/performance.md measures where one beats the other).
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { MetricKind, Index as NativeIndex, ScalarKind } from "usearch";
import { AppError } from "@/lib/errors";
import { type IndexPaths, type IndexSidecar, commitFile, fileDigest, tempPathFor, writeFileAtomic } from "./persistence";
import { type SearchFilters, hasFilters } from "@/lib/contracts";
import { dot } from "@/lib/embedding/vectors";
import type { FilterFields } from "@/lib/contracts/records";
import { FilterColumns } from "./filter-columns";
import { type IndexEntry, type IndexStats, type Neighbor, type VectorIndex, bestOverViews } from "./types";

/** The stored vectors of some keys (those it lacks are left out): the exact path's input. */
export type VectorReader = (keys: bigint[]) => Promise<Map<bigint, Float32Array>>;


export interface UsearchTuning {
  quantization: "f32" | "f16" | "i8";
  /** Graph degree (HNSW "M"): more is better recall and more memory. */
  connectivity: number;
  /** Candidate list size while inserting (HNSW "efConstruction"). */
  expansionAdd: number;
  /** Candidate list size while searching (HNSW "ef"); at least k is used. */
  expansionSearch: number;
  /** A filter passing at most this many keys may be answered exactly over their stored vectors. */
  exactFilteredMax: number;
}

export const defaultTuning: UsearchTuning = {
  quantization: "f16",
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 256,
  exactFilteredMax: 4_000,
};

const scalarBytes = { f32: 4, f16: 2, i8: 1 } as const;
/**
 * A stored vector read for the exact path, in graph candidates of one view: about 80 µs a
 * vector from PostgreSQL at a million pins against 7 µs a candidate (docs/performance.md).
 */
const STORE_READ_COST = 4;
const scalarKinds = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;

/** Where an index is saved and which model's vectors it holds. */
export interface IndexLocation {
  model: string;
  paths: IndexPaths;
}

export class UsearchIndex implements VectorIndex {
  readonly engine = "usearch";
  private saving: Promise<void> = Promise.resolve();
  private readonly filterColumns = new FilterColumns();
  /** How the index came to be (set by openVectorIndex), reported in stats(). */
  opening: Record<string, unknown> = {};

  private constructor(
    private readonly native: NativeIndex,
    readonly dim: number,
    readonly tuning: UsearchTuning,
    private readonly location: IndexLocation | undefined,
    private highestKey: bigint,
    private readonly readVectors: VectorReader | undefined,
  ) {}

  static create(dim: number, tuning: Partial<UsearchTuning> = {}, location?: IndexLocation, readVectors?: VectorReader): UsearchIndex {
    const full = { ...defaultTuning, ...tuning };
    return new UsearchIndex(makeNative(dim, full), dim, full, location, 0n, readVectors);
  }

  /**
   * Loads a saved file that its sidecar vouches for (checksum verified first: the native
   * loader trusts its input and can crash the process on a damaged file). Answers why not
   * when it cannot. Filter fields are not in the file: the opener sets them from the store.
   */
  static async load(
    sidecar: IndexSidecar,
    tuning: UsearchTuning,
    location: IndexLocation,
    readVectors?: VectorReader,
  ): Promise<UsearchIndex | string> {
    let digest: { bytes: number; sha256: string };
    try {
      digest = await fileDigest(location.paths.file);
    } catch {
      return "index file is missing";
    }
    if (digest.bytes !== sidecar.bytes || digest.sha256 !== sidecar.sha256) return "index file is damaged";
    const native = makeNative(sidecar.dim, tuning);
    try {
      native.load(location.paths.file);
    } catch {
      return "index file does not load";
    }
    if (native.dimensions() !== sidecar.dim || native.size() !== sidecar.count) return "index file disagrees with its sidecar";
    return new UsearchIndex(native, sidecar.dim, tuning, location, BigInt(sidecar.watermark), readVectors);
  }

  async add(entries: ReadonlyArray<IndexEntry>): Promise<void> {
    // Last one wins within a batch, and a key already present is replaced.
    const latest = new Map<bigint, IndexEntry>();
    for (const entry of entries) {
      this.checkVector(entry.vector);
      if (entry.key < 1n) throw new Error(`index key ${entry.key} is not a pin seq`);
      latest.set(entry.key, entry);
    }
    if (latest.size === 0) return;
    const keys = BigUint64Array.from(latest.keys());
    const present = this.native.contains(keys) as boolean[];
    const stale = keys.filter((_key: bigint, i: number) => present[i] === true);
    if (stale.length > 0) this.native.remove(stale);
    const matrix = new Float32Array(keys.length * this.dim);
    let row = 0;
    for (const { key, vector, fields } of latest.values()) {
      matrix.set(vector, row++ * this.dim);
      this.filterColumns.set(key, fields);
    }
    this.native.add(keys, matrix);
    for (const key of keys) if (key > this.highestKey) this.highestKey = key;
  }

  /** Sets the filter fields of keys already in the graph (after loading a saved file). */
  setFilterFields(entries: ReadonlyArray<{ key: bigint; fields: FilterFields }>): void {
    for (const { key, fields } of entries) this.filterColumns.set(key, fields);
  }

  /** Keys up to `upTo` that the graph may hold but no filter fields were set for: pins deleted since the save. */
  keysWithoutFields(upTo: bigint): bigint[] {
    return this.filterColumns.missingUpTo(upTo);
  }

  async remove(keys: ReadonlyArray<bigint>): Promise<void> {
    if (keys.length === 0) return;
    const list = BigUint64Array.from(keys);
    const present = this.native.contains(list) as boolean[];
    const found = list.filter((_key: bigint, i: number) => present[i] === true);
    if (found.length > 0) this.native.remove(found);
    for (const key of keys) this.filterColumns.clear(key);
  }

  async contains(keys: ReadonlyArray<bigint>): Promise<boolean[]> {
    if (keys.length === 0) return [];
    return this.native.contains(BigUint64Array.from(keys)) as boolean[];
  }

  async search(views: ReadonlyArray<Float32Array>, k: number, filters: SearchFilters = {}): Promise<Neighbor[]> {
    for (const view of views) this.checkVector(view);
    const size = this.native.size();
    if (size === 0 || k < 1 || views.length === 0) return [];
    const wanted = Math.min(Math.floor(k), size);
    if (!hasFilters(filters)) return bestOverViews(views.map((view) => this.graphSearch(view, wanted)), wanted);
    const passes = this.filterColumns.predicate(filters);
    if (!passes) return [];
    const exactMax = this.readVectors ? this.tuning.exactFilteredMax : 0;
    const matching = this.filterColumns.matching(passes, exactMax);
    if (matching.count === 0) return [];
    // Enough candidates that k of them are likely to pass at the filter's share of the
    // catalog, widened until they do (or the whole graph has been asked).
    let candidates = Math.min(size, Math.ceil((1.5 * wanted * size) / matching.count) + wanted);
    // Reading a stored vector costs a few candidates' worth of graph search, so the exact
    // path pays only when far fewer pins pass than the graph would visit.
    if (this.readVectors && matching.count <= exactMax && matching.count * STORE_READ_COST < candidates) {
      return this.exactSearch(views, wanted, matching.seqs, this.readVectors);
    }
    for (;;) {
      const lists = views.map((view) => this.graphSearch(view, candidates).filter(({ key }) => passes(Number(key))));
      const found = bestOverViews(lists, wanted);
      if (lists.every((list) => list.length >= wanted) || candidates >= size) return found;
      candidates = Math.min(size, candidates * 4);
    }
  }

  async count(): Promise<number> {
    return this.native.size();
  }

  async watermark(): Promise<bigint> {
    return this.highestKey;
  }

  /** Saves the graph and its sidecar atomically; calls queue behind each other. */
  save(): Promise<void> {
    const next = this.saving.then(() => this.saveNow());
    this.saving = next.catch(() => {});
    return next;
  }

  async stats(): Promise<IndexStats> {
    const { quantization, connectivity, expansionAdd, expansionSearch } = this.tuning;
    return {
      engine: this.engine,
      size: this.native.size(),
      dim: this.dim,
      // Vector codes, the base layer's 2·M neighbour slots (u32), the key, upper layers and
      // the filter columns.
      bytesPerVector: Math.round(this.dim * scalarBytes[quantization] + connectivity * 2 * 4 * 1.07 + 16 + 9),
      quantization,
      connectivity,
      expansionAdd,
      expansionSearch,
      watermark: String(this.highestKey),
      ...this.opening,
    };
  }

  private graphSearch(vector: Float32Array, count: number): Neighbor[] {
    const matches = this.native.search(vector, count, 1);
    const neighbors: Neighbor[] = [];
    matches.keys.forEach((key: bigint, i: number) => {
      // Cosine distance is 1 - similarity; quantization can push it a hair outside [0, 2].
      const similarity = 1 - (matches.distances[i] ?? 2);
      neighbors.push({ key, similarity: Math.max(-1, Math.min(1, similarity)) });
    });
    return neighbors;
  }

  private async exactSearch(views: ReadonlyArray<Float32Array>, k: number, keys: bigint[], readVectors: VectorReader): Promise<Neighbor[]> {
    const stored = await readVectors(keys);
    const scored: Neighbor[] = [];
    for (const [key, candidate] of stored) {
      if (!this.filterColumns.has(key)) continue;
      let similarity = -1;
      for (const view of views) similarity = Math.max(similarity, dot(view, candidate));
      scored.push({ key, similarity: Math.min(1, similarity) });
    }
    return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  private async saveNow(): Promise<void> {
    if (!this.location) throw new Error("this index has no file to save to");
    const { paths, model } = this.location;
    await fs.mkdir(path.dirname(paths.file), { recursive: true });
    const temp = tempPathFor(paths.file);
    try {
      // The native save is synchronous, so count and watermark below describe exactly this file.
      this.native.save(temp);
      const count = this.native.size();
      const watermark = String(this.highestKey);
      const digest = await fileDigest(temp);
      await commitFile(temp, paths.file);
      const sidecar: IndexSidecar = {
        format: 1,
        engine: "usearch",
        model,
        dim: this.dim,
        quantization: this.tuning.quantization,
        connectivity: this.tuning.connectivity,
        count,
        watermark,
        ...digest,
        savedAt: new Date().toISOString(),
      };
      await writeFileAtomic(paths.sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  private checkVector(vector: Float32Array): void {
    if (vector.length !== this.dim) {
      throw new AppError("bad_request", `expected a vector of ${this.dim} numbers, got ${vector.length}`, 400);
    }
  }
}

function makeNative(dim: number, tuning: UsearchTuning): NativeIndex {
  return new NativeIndex({
    dimensions: dim,
    metric: MetricKind.Cos,
    quantization: scalarKinds[tuning.quantization],
    connectivity: tuning.connectivity,
    expansion_add: tuning.expansionAdd,
    expansion_search: tuning.expansionSearch,
    multi: false,
  });
}
