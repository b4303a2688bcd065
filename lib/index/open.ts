// Opens the vector index of one model and catches it up with the store, which holds every
// vector: the embedded engine loads its saved file when the sidecar vouches for it (else it
// rebuilds), a Qdrant collection is its own saved state. Either way, every vector above the
// index's watermark is added from the store, and keys of pins deleted meanwhile are removed.
import "server-only";
import { readSidecar, indexPaths } from "./persistence";
import { QdrantIndex } from "./qdrant-index";
import type { FilterFields } from "@/lib/contracts/records";
import type { IndexEntry, VectorIndex } from "./types";
import { type IndexLocation, UsearchIndex, type UsearchTuning, type VectorReader, defaultTuning } from "./usearch-index";

/** Stored vectors of live pins with seq > afterSeq (all when absent), ascending, in batches. */
export type EmbeddingStream = (afterSeq?: bigint) => AsyncIterable<ReadonlyArray<IndexEntry>>;

/** What the store knows about live pins; lets opening drop keys of pins deleted since the save. */
export interface LivePins {
  /** How many live pins have a vector for the model. */
  count(): Promise<number>;
  /** Their seqs up to and including `upToSeq`. */
  seqsUpTo(upToSeq: bigint): Promise<bigint[]>;
  /** The filter fields of live pins up to and including `upToSeq`, in batches (the embedded engine keeps them in memory only). */
  fieldsUpTo(upToSeq: bigint): AsyncIterable<ReadonlyArray<{ key: bigint; fields: FilterFields }>>;
}

export interface OpenVectorIndexOptions {
  model: string;
  dim: number;
  dataDir: string;
  source: EmbeddingStream;
  live: LivePins;
  /** Reads stored vectors: the embedded engine's exact answer to a very selective filter. */
  readVectors?: VectorReader;
  /** A Qdrant server's URL: the collection there is the index, instead of the embedded engine. */
  vectorUrl?: string;
  vectorApiKey?: string;
  tuning?: Partial<UsearchTuning>;
  /** Updated as the index opens: why it is rebuilt, and vectors read from the store so far. */
  progress?: { rebuildReason?: string; done: number };
}

/** Beyond this many candidate seqs, stale keys stay and searches drop them on hydration. */
const maxStaleScan = 2_000_000;

export async function openVectorIndex(options: OpenVectorIndexOptions): Promise<VectorIndex & { opening: Record<string, unknown> }> {
  const { source, live } = options;
  const { index, rebuildReason } = options.vectorUrl
    ? { index: await QdrantIndex.open({ url: options.vectorUrl, apiKey: options.vectorApiKey, model: options.model, dim: options.dim }), rebuildReason: undefined }
    : await openEmbedded(options);
  if (options.progress && rebuildReason !== undefined) options.progress.rebuildReason = rebuildReason;

  const savedWatermark = await index.watermark();
  let caughtUp = 0;
  for await (const batch of source(savedWatermark > 0n ? savedWatermark : undefined)) {
    await index.add(batch);
    caughtUp += batch.length;
    if (options.progress) options.progress.done = caughtUp;
  }

  let staleRemoved = 0;
  if (rebuildReason === undefined && savedWatermark <= BigInt(maxStaleScan)) {
    // More keys than live pins means deletions the index never saw.
    if ((await index.count()) > (await live.count())) {
      const stale = await staleCandidates(index, live, savedWatermark);
      const present = await index.contains(stale);
      const found = stale.filter((_key, i) => present[i]);
      await index.remove(found);
      staleRemoved = found.length;
    }
  }

  index.opening = {
    openedFrom: rebuildReason === undefined ? (index instanceof QdrantIndex ? "engine" : "file") : "store",
    ...(rebuildReason === undefined ? {} : { rebuildReason }),
    caughtUp,
    staleRemoved,
  };
  if (rebuildReason !== undefined || caughtUp > 0 || staleRemoved > 0) await index.save();
  return index;
}

/** The embedded engine from its saved file, with its filter fields set from the store; or a new, empty one and why. */
async function openEmbedded(options: OpenVectorIndexOptions): Promise<{ index: UsearchIndex; rebuildReason?: string }> {
  const { model, dim, dataDir, live, readVectors } = options;
  const tuning: UsearchTuning = { ...defaultTuning, ...options.tuning };
  const location: IndexLocation = { model, paths: indexPaths(dataDir, model) };
  const sidecar = await readSidecar(location.paths.sidecar);
  let rebuildReason: string;
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
    const loaded = await UsearchIndex.load(sidecar, tuning, location, readVectors);
    if (typeof loaded !== "string") {
      for await (const batch of live.fieldsUpTo(await loaded.watermark())) loaded.setFilterFields(batch);
      return { index: loaded };
    }
    rebuildReason = loaded;
  }
  return { index: UsearchIndex.create(dim, tuning, location, readVectors), rebuildReason };
}

/** Seqs up to `upTo` that are not live pins: keys that may linger in the index. */
async function staleCandidates(index: VectorIndex, live: LivePins, upTo: bigint): Promise<bigint[]> {
  // The embedded engine knows its live keys from the filter fields it was given.
  if (index instanceof UsearchIndex) return index.keysWithoutFields(upTo);
  const alive = new Set(await live.seqsUpTo(upTo));
  const candidates: bigint[] = [];
  for (let seq = 1n; seq <= upTo; seq++) if (!alive.has(seq)) candidates.push(seq);
  return candidates;
}
