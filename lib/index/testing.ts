// Test helpers for vector indexes: seeded unit vectors and an in-memory stand-in for the store.
import { seededRandom } from "@/lib/random";
import type { EmbeddingStream, LivePins, StoredVector } from "./open";

/** A deterministic unit vector (mulberry32 stream) for a seed. */
export function unitVector(seed: number, dim: number): Float32Array {
  const random = seededRandom(seed);
  const next = () => random() - 0.5;
  const v = Float32Array.from({ length: dim }, next);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** The store's vectors as a map from seq, with the calls openVectorIndex makes counted. */
export class FakeVectorStore {
  readonly vectors = new Map<bigint, Float32Array>();
  readonly streamedFrom: Array<bigint | undefined> = [];

  constructor(private readonly dim: number) {}

  put(seq: bigint): StoredVector {
    const vector = unitVector(Number(seq), this.dim);
    this.vectors.set(seq, vector);
    return { seq, vector };
  }

  readonly source: EmbeddingStream = (afterSeq) => {
    this.streamedFrom.push(afterSeq);
    const rows = [...this.vectors]
      .filter(([seq]) => afterSeq === undefined || seq > afterSeq)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([seq, vector]) => ({ seq, vector }));
    return (async function* () {
      for (let i = 0; i < rows.length; i += 3) yield rows.slice(i, i + 3);
    })();
  };

  readonly live: LivePins = {
    count: async () => this.vectors.size,
    seqsUpTo: async (upTo) => [...this.vectors.keys()].filter((seq) => seq <= upTo),
  };
}
