// The embedded vector engine: a usearch HNSW graph with cosine distance, keyed by pin seq.
// Vectors are stored as f16 by default: half of f32's memory at the same recall, where int8
// codes lose several points of recall@10 on 256-d embeddings (docs/storage.md has the figures).
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { MetricKind, Index as NativeIndex, ScalarKind } from "usearch";
import { AppError } from "@/lib/errors";
import { type IndexPaths, type IndexSidecar, commitFile, fileDigest, tempPathFor, writeFileAtomic } from "./persistence";
import type { IndexStats, Neighbor, VectorIndex } from "./types";

export interface UsearchTuning {
  quantization: "f32" | "f16" | "i8";
  /** Graph degree (HNSW "M"): more is better recall and more memory. */
  connectivity: number;
  /** Candidate list size while inserting (HNSW "efConstruction"). */
  expansionAdd: number;
  /** Candidate list size while searching (HNSW "ef"); at least k is used. */
  expansionSearch: number;
}

export const defaultTuning: UsearchTuning = {
  quantization: "f16",
  connectivity: 16,
  expansionAdd: 128,
  expansionSearch: 64,
};

const scalarBytes = { f32: 4, f16: 2, i8: 1 } as const;
const scalarKinds = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 } as const;

/** Where an index is saved and which model's vectors it holds. */
export interface IndexLocation {
  model: string;
  paths: IndexPaths;
}

export class UsearchIndex implements VectorIndex {
  private saving: Promise<void> = Promise.resolve();
  /** How the index came to be (set by openVectorIndex), reported in stats(). */
  opening: Record<string, unknown> = {};

  private constructor(
    private readonly native: NativeIndex,
    readonly dim: number,
    readonly tuning: UsearchTuning,
    private readonly location: IndexLocation | undefined,
    private highestKey: bigint,
  ) {}

  static create(dim: number, tuning: Partial<UsearchTuning> = {}, location?: IndexLocation): UsearchIndex {
    const full = { ...defaultTuning, ...tuning };
    return new UsearchIndex(makeNative(dim, full), dim, full, location, 0n);
  }

  /**
   * Loads a saved file that its sidecar vouches for (checksum verified first: the native
   * loader trusts its input and can crash the process on a damaged file). Answers why not
   * when it cannot.
   */
  static async load(
    sidecar: IndexSidecar,
    tuning: UsearchTuning,
    location: IndexLocation,
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
    return new UsearchIndex(native, sidecar.dim, tuning, location, BigInt(sidecar.watermark));
  }

  /** Highest seq ever added; a store catch-up starts after it. */
  get watermark(): bigint {
    return this.highestKey;
  }

  add(entries: ReadonlyArray<{ key: bigint; vector: Float32Array }>): void {
    // Last one wins within a batch, and a key already present is replaced.
    const latest = new Map<bigint, Float32Array>();
    for (const { key, vector } of entries) {
      this.checkVector(vector);
      if (key < 0n) throw new Error(`negative index key ${key}`);
      latest.set(key, vector);
    }
    if (latest.size === 0) return;
    const keys = BigUint64Array.from(latest.keys());
    const present = this.native.contains(keys) as boolean[];
    const stale = keys.filter((_key: bigint, i: number) => present[i] === true);
    if (stale.length > 0) this.native.remove(stale);
    const matrix = new Float32Array(keys.length * this.dim);
    let row = 0;
    for (const vector of latest.values()) matrix.set(vector, row++ * this.dim);
    this.native.add(keys, matrix);
    for (const key of keys) if (key > this.highestKey) this.highestKey = key;
  }

  remove(key: bigint): void {
    this.native.remove(key);
  }

  /** Removes every key of the list that is present; answers how many were. */
  removeMany(keys: BigUint64Array): number {
    if (keys.length === 0) return 0;
    const present = this.native.contains(keys) as boolean[];
    const found = keys.filter((_key: bigint, i: number) => present[i] === true);
    if (found.length > 0) this.native.remove(found);
    return found.length;
  }

  has(key: bigint): boolean {
    return this.native.contains(key) as boolean;
  }

  search(vector: Float32Array, k: number): Neighbor[] {
    this.checkVector(vector);
    const size = this.native.size();
    if (size === 0 || k < 1) return [];
    const matches = this.native.search(vector, Math.min(Math.floor(k), size), 1);
    const neighbors: Neighbor[] = [];
    matches.keys.forEach((key: bigint, i: number) => {
      // Cosine distance is 1 - similarity; quantization can push it a hair outside [0, 2].
      const similarity = 1 - (matches.distances[i] ?? 2);
      neighbors.push({ key, similarity: Math.max(-1, Math.min(1, similarity)) });
    });
    return neighbors;
  }

  size(): number {
    return this.native.size();
  }

  /** Saves the graph and its sidecar atomically; calls queue behind each other. */
  save(): Promise<void> {
    const next = this.saving.then(() => this.saveNow());
    this.saving = next.catch(() => {});
    return next;
  }

  stats(): IndexStats {
    const { quantization, connectivity, expansionAdd, expansionSearch } = this.tuning;
    return {
      engine: "usearch",
      size: this.native.size(),
      dim: this.dim,
      // Vector codes, the base layer's 2·M neighbour slots (u32), the key, and upper layers.
      bytesPerVector: Math.round(this.dim * scalarBytes[quantization] + connectivity * 2 * 4 * 1.07 + 16),
      quantization,
      connectivity,
      expansionAdd,
      expansionSearch,
      watermark: String(this.highestKey),
      ...this.opening,
    };
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
