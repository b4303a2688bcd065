// Test helpers for vector indexes: seeded unit vectors, filter fields that vary with the key,
// and an in-memory stand-in for the store.
import type { FilterFields } from "@/lib/contracts/records";
import { seededRandom } from "@/lib/random";
import type { EmbeddingStream, LivePins } from "./open";
import type { IndexEntry } from "./types";

/** A deterministic unit vector (mulberry32 stream) for a seed. */
export function unitVector(seed: number, dim: number): Float32Array {
  const random = seededRandom(seed);
  const next = () => random() - 0.5;
  const v = Float32Array.from({ length: dim }, next);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const categories = ["Shoes", "lamps", "Bags"];

/** Odd keys are products; categories take turns; every fifth key has no price, the rest cost 10 × key. */
export function fieldsOf(key: bigint): FilterFields {
  return {
    kind: key % 2n === 1n ? "product" : "pin",
    category: categories[Number(key % 3n)]!,
    price: key % 5n === 0n ? null : Number(key) * 10,
  };
}

export function entryOf(key: bigint, dim: number): IndexEntry {
  return { key, vector: unitVector(Number(key), dim), fields: fieldsOf(key) };
}

/** The store's vectors as a map from seq, with the calls openVectorIndex makes counted. */
export class FakeVectorStore {
  readonly vectors = new Map<bigint, Float32Array>();
  readonly streamedFrom: Array<bigint | undefined> = [];

  constructor(private readonly dim: number) {}

  put(seq: bigint): IndexEntry {
    const entry = entryOf(seq, this.dim);
    this.vectors.set(seq, entry.vector);
    return entry;
  }

  private sorted(): IndexEntry[] {
    return [...this.vectors]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, vector]) => ({ key, vector, fields: fieldsOf(key) }));
  }

  readonly source: EmbeddingStream = (afterSeq) => {
    this.streamedFrom.push(afterSeq);
    const rows = this.sorted().filter(({ key }) => afterSeq === undefined || key > afterSeq);
    return inBatches(rows);
  };

  readonly live: LivePins = {
    count: async () => this.vectors.size,
    seqsUpTo: async (upTo) => [...this.vectors.keys()].filter((seq) => seq <= upTo),
    fieldsUpTo: (upTo) => inBatches(this.sorted().filter(({ key }) => key <= upTo)),
  };

  /** The stored vectors of some keys, as the embedded engine's exact path reads them. */
  readonly read = async (keys: bigint[]) =>
    new Map(keys.filter((key) => this.vectors.has(key)).map((key) => [key, this.vectors.get(key)!]));
}

async function* inBatches<T>(rows: T[]) {
  for (let i = 0; i < rows.length; i += 3) yield rows.slice(i, i + 3);
}
