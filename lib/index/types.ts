// An approximate-nearest-neighbour index over L2-normalized vectors, keyed by the store's pin
// sequence numbers, with the pin fields that search filters on kept beside each vector so that
// filters run inside the engine. The store keeps every vector too, so an index can always be
// rebuilt or caught up from it. Two engines implement it: the embedded usearch graph
// (usearch-index.ts) and a Qdrant collection (qdrant-index.ts), chosen by VECTOR_URL.
import type { SearchFilters } from "@/lib/contracts";
import type { FilterFields } from "@/lib/contracts/records";

export interface IndexEntry {
  key: bigint;
  vector: Float32Array;
  /** What filters test; a pin never changes these after creation. */
  fields: FilterFields;
}

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
  readonly engine: string;
  readonly dim: number;
  /** Adds entries, replacing any with the same key. Acknowledged means searchable. */
  add(entries: ReadonlyArray<IndexEntry>): Promise<void>;
  /** Removes those of the keys that are present. */
  remove(keys: ReadonlyArray<bigint>): Promise<void>;
  /** Which of the keys are present, in order. */
  contains(keys: ReadonlyArray<bigint>): Promise<boolean[]>;
  /**
   * The k keys nearest to any of the query's views (a key's similarity is its best over the
   * views) among those whose fields pass the filters, nearest first; fewer only when fewer
   * pass. Category matches ignore case; a price filter excludes entries without a price.
   */
  search(views: ReadonlyArray<Float32Array>, k: number, filters?: SearchFilters): Promise<Neighbor[]>;
  count(): Promise<number>;
  /** At least the highest key present (0 when none): a catch-up from the store starts after it. */
  watermark(): Promise<bigint>;
  /** Makes every acknowledged change durable where the engine does not do so by itself. */
  save(): Promise<void>;
  stats(): Promise<IndexStats>;
}

/** The k best of several views' neighbour lists, each key at its best similarity. */
export function bestOverViews(lists: ReadonlyArray<ReadonlyArray<Neighbor>>, k: number): Neighbor[] {
  const best = new Map<bigint, number>();
  for (const list of lists) for (const { key, similarity } of list) best.set(key, Math.max(similarity, best.get(key) ?? -1));
  return [...best]
    .map(([key, similarity]) => ({ key, similarity }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
