// An approximate-nearest-neighbour index over L2-normalized vectors, keyed by the store's
// pin sequence numbers. The store keeps every vector too, so an index can always be rebuilt.

export interface Neighbor {
  key: bigint;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

export interface IndexStats {
  engine: string;
  size: number;
  dim: number;
  /** Bytes of memory per stored vector, index overhead included (estimate). */
  bytesPerVector: number;
  [extra: string]: unknown;
}

export interface VectorIndex {
  readonly dim: number;
  /** Adds or replaces vectors. */
  add(entries: ReadonlyArray<{ key: bigint; vector: Float32Array }>): void;
  remove(key: bigint): void;
  has(key: bigint): boolean;
  search(vector: Float32Array, k: number): Neighbor[];
  size(): number;
  /** Writes the index to disk atomically (temp file + rename). */
  save(): Promise<void>;
  stats(): IndexStats;
}
