// Opens the vector index of one model: the saved file when its sidecar vouches for it, caught
// up from the store (every vector with seq above the saved watermark); otherwise a rebuild
// from the store. The store holds every vector, so the file is only ever a cache.
import "server-only";
import { readSidecar, indexPaths } from "./persistence";
import { type IndexLocation, UsearchIndex, type UsearchTuning, defaultTuning } from "./usearch-index";

export interface StoredVector {
  seq: bigint;
  vector: Float32Array;
}

/** Stored vectors of live pins with seq > afterSeq (all when absent), ascending, in batches. */
export type EmbeddingStream = (afterSeq?: bigint) => AsyncIterable<ReadonlyArray<StoredVector>>;

/** What the store knows about live pins; lets opening drop keys of pins deleted since the save. */
export interface LivePins {
  /** How many live pins have a vector for the model. */
  count(): Promise<number>;
  /** Their seqs up to and including `upToSeq`. */
  seqsUpTo(upToSeq: bigint): Promise<bigint[]>;
}

export interface OpenVectorIndexOptions {
  model: string;
  dim: number;
  dataDir: string;
  source: EmbeddingStream;
  live?: LivePins;
  tuning?: Partial<UsearchTuning>;
  /** Updated as the index opens: why it is rebuilt, and vectors read from the store so far. */
  progress?: { rebuildReason?: string; done: number };
}

/** Beyond this many candidate seqs, stale keys stay and searches drop them on hydration. */
const maxStaleScan = 2_000_000;

export async function openVectorIndex(options: OpenVectorIndexOptions): Promise<UsearchIndex> {
  const { model, dim, dataDir, source, live } = options;
  const tuning: UsearchTuning = { ...defaultTuning, ...options.tuning };
  const location: IndexLocation = { model, paths: indexPaths(dataDir, model) };

  let index: UsearchIndex | undefined;
  let rebuildReason: string | undefined;
  const sidecar = await readSidecar(location.paths.sidecar);
  if (typeof sidecar === "string") {
    rebuildReason = sidecar;
  } else if (
    sidecar.model !== model ||
    sidecar.dim !== dim ||
    sidecar.quantization !== tuning.quantization ||
    sidecar.connectivity !== tuning.connectivity
  ) {
    rebuildReason = "saved index is for another model or shape";
  } else {
    const loaded = await UsearchIndex.load(sidecar, tuning, location);
    if (typeof loaded === "string") rebuildReason = loaded;
    else index = loaded;
  }
  index ??= UsearchIndex.create(dim, tuning, location);
  if (options.progress && rebuildReason !== undefined) options.progress.rebuildReason = rebuildReason;

  const savedWatermark = index.watermark;
  let caughtUp = 0;
  for await (const batch of source(savedWatermark > 0n ? savedWatermark : undefined)) {
    index.add(batch.map(({ seq, vector }) => ({ key: seq, vector })));
    caughtUp += batch.length;
    if (options.progress) options.progress.done = caughtUp;
  }

  let staleRemoved = 0;
  if (rebuildReason === undefined && live) {
    // More keys than live pins means deletions the file never saw.
    const liveCount = await live.count();
    if (index.size() > liveCount && savedWatermark <= BigInt(maxStaleScan)) {
      staleRemoved = index.removeMany(await staleCandidates(live, savedWatermark));
    }
  }

  index.opening = {
    openedFrom: rebuildReason === undefined ? "file" : "store",
    ...(rebuildReason === undefined ? {} : { rebuildReason }),
    caughtUp,
    staleRemoved,
  };
  if (rebuildReason !== undefined || caughtUp > 0 || staleRemoved > 0) await index.save();
  return index;
}

/** Every seq from 1 to `upTo` that is not a live pin: keys that may linger in the saved file. */
async function staleCandidates(live: LivePins, upTo: bigint): Promise<BigUint64Array> {
  const alive = new Set(await live.seqsUpTo(upTo));
  const candidates: bigint[] = [];
  for (let seq = 1n; seq <= upTo; seq++) if (!alive.has(seq)) candidates.push(seq);
  return BigUint64Array.from(candidates);
}
