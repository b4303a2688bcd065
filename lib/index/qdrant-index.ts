// An existing distributed engine takes over past one machine: a Qdrant collection per model,
// one point per pin (id = pin seq) with its filter fields as payload, so filters run inside
// Qdrant. Vectors are kept as int8 codes in RAM and as floats on disk, which rescore the short
// list, so a point's resident memory is its 256-byte code plus its share of the graph. (1-bit
// codes of this 256-d embedding need a short list of 200–400 to reach recall@10 0.95, measured
// in docs/performance.md: far more oversampling than Qdrant's binary quantization is meant for.)
import "server-only";
import { QdrantClient, type Schemas } from "@qdrant/js-client-rest";
import type { SearchFilters } from "@/lib/contracts";
import { AppError } from "@/lib/errors";
import { type IndexEntry, type IndexStats, type Neighbor, type VectorIndex, bestOverViews } from "./types";

/** Points per upsert request. */
const batchSize = 256;
/** Ids per retrieve or delete request (a catch-up can check millions of keys). */
const idBatchSize = 4096;
/** Graph degree (HNSW "M"), also used in the memory estimate. */
const connectivity = 16;

/** Payload indexes: the filter fields, and seq for ordering by it (the watermark). */
const payloadIndexes: Record<string, Schemas["PayloadFieldSchema"]> = {
  kind: "keyword",
  category: "keyword",
  price: "float",
  seq: { type: "integer", lookup: true, range: true },
};

export class QdrantIndex implements VectorIndex {
  readonly engine = "qdrant";
  /** How the index came to be (set by openVectorIndex), reported in stats(). */
  opening: Record<string, unknown> = {};

  private constructor(
    private readonly client: QdrantClient,
    readonly collection: string,
    readonly dim: number,
    private readonly url: string,
  ) {}

  static async open({ url, apiKey, model, dim }: { url: string; apiKey?: string; model: string; dim: number }): Promise<QdrantIndex> {
    const client = new QdrantClient({ url, apiKey, checkCompatibility: false });
    const collection = `glimpse_${model.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    if (!(await client.collectionExists(collection)).exists) {
      const created = client.createCollection(collection, {
        vectors: { size: dim, distance: "Cosine", on_disk: true },
        hnsw_config: { m: connectivity, ef_construct: 128 },
        quantization_config: { scalar: { type: "int8", quantile: 0.99, always_ram: true } },
      });
      // Another replica may have created it since the check.
      await created.catch(async (error: unknown) => {
        if (!(await client.collectionExists(collection)).exists) throw error;
      });
    }
    const info = await client.getCollection(collection);
    const vectors = info.config.params.vectors;
    const size = vectors !== undefined && typeof vectors.size === "number" ? vectors.size : undefined;
    if (size !== dim) {
      throw new Error(`Qdrant collection ${collection} holds vectors of size ${size ?? "(named vectors)"}, not ${dim}`);
    }
    // Also on an existing collection, in case an earlier open stopped before making them all.
    for (const [field_name, field_schema] of Object.entries(payloadIndexes)) {
      if (info.payload_schema[field_name] !== undefined) continue;
      await client.createPayloadIndex(collection, { field_name, field_schema, wait: true });
    }
    // The client talks to the URL's scheme, host and port only; credentials are never shown.
    const { protocol, host } = new URL(url);
    return new QdrantIndex(client, collection, dim, `${protocol}//${host}`);
  }

  async add(entries: ReadonlyArray<IndexEntry>): Promise<void> {
    // Last one wins within a call; an upsert replaces a point already present.
    const latest = new Map<bigint, IndexEntry>();
    for (const entry of entries) {
      this.checkVector(entry.vector);
      latest.set(entry.key, entry);
    }
    const points: Schemas["PointStruct"][] = [...latest.values()].map(({ key, vector, fields }) => ({
      id: pointId(key),
      vector: Array.from(vector),
      payload: { seq: pointId(key), kind: fields.kind, category: fields.category?.toLowerCase() ?? null, price: fields.price },
    }));
    for (const batch of chunks(points, batchSize)) {
      await this.client.upsert(this.collection, { points: batch, wait: true });
    }
  }

  async remove(keys: ReadonlyArray<bigint>): Promise<void> {
    for (const points of chunks(keys.map(pointId), idBatchSize)) {
      await this.client.delete(this.collection, { points, wait: true });
    }
  }

  async contains(keys: ReadonlyArray<bigint>): Promise<boolean[]> {
    const present = new Set<string>();
    for (const ids of chunks(keys.map(pointId), idBatchSize)) {
      const found = await this.client.retrieve(this.collection, { ids, with_payload: false, with_vector: false });
      for (const point of found) present.add(String(point.id));
    }
    return keys.map((key) => present.has(String(key)));
  }

  async search(views: ReadonlyArray<Float32Array>, k: number, filters?: SearchFilters): Promise<Neighbor[]> {
    for (const view of views) this.checkVector(view);
    const limit = Math.floor(k);
    if (!(limit >= 1) || views.length === 0) return [];
    const filter = toFilter(filters);
    const answers = await this.client.queryBatch(this.collection, {
      searches: views.map((view) => ({
        query: Array.from(view),
        limit,
        filter,
        params: { hnsw_ef: Math.max(64, limit), quantization: { rescore: true, oversampling: 2 } },
        with_payload: false,
      })),
    });
    // The cosine score is the similarity; float rounding can put it a hair outside [-1, 1].
    const lists = answers.map(({ points }) => points.map((point) => ({ key: BigInt(point.id), similarity: Math.max(-1, Math.min(1, point.score)) })));
    return bestOverViews(lists, limit);
  }

  async count(): Promise<number> {
    return (await this.client.count(this.collection, { exact: true })).count;
  }

  async watermark(): Promise<bigint> {
    const { points } = await this.client.scroll(this.collection, {
      limit: 1,
      order_by: { key: "seq", direction: "desc" },
      with_payload: false,
      with_vector: false,
    });
    return points[0] === undefined ? 0n : BigInt(points[0].id);
  }

  /** Deletes the collection (tests; taking a model out of service). */
  async drop(): Promise<void> {
    await this.client.deleteCollection(this.collection);
  }

  async save(): Promise<void> {
    // Nothing to do: Qdrant has each acknowledged upsert in its write-ahead log.
  }

  async stats(): Promise<IndexStats> {
    const info = await this.client.getCollection(this.collection);
    return {
      engine: "qdrant",
      size: info.points_count ?? 0,
      dim: this.dim,
      // The int8 code, the base layer's 2·M neighbour slots (u32), and the id; vectors are on disk.
      bytesPerVector: Math.round(this.dim + connectivity * 2 * 4 + 16),
      collection: this.collection,
      status: info.status,
      url: this.url,
      ...this.opening,
    };
  }

  private checkVector(vector: Float32Array): void {
    if (vector.length !== this.dim) {
      throw new AppError("bad_request", `expected a vector of ${this.dim} numbers, got ${vector.length}`, 400);
    }
  }
}

/** A pin seq as a Qdrant point id (an unsigned integer, exact in a JS number). */
function pointId(key: bigint): number {
  if (key < 1n || key > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`index key ${key} is out of range`);
  return Number(key);
}

/** The filters as Qdrant `must` conditions; a range never matches a null price. */
function toFilter(filters: SearchFilters | undefined): Schemas["Filter"] | undefined {
  const must: Schemas["Condition"][] = [];
  if (filters?.kind !== undefined) must.push({ key: "kind", match: { value: filters.kind } });
  if (filters?.category !== undefined) must.push({ key: "category", match: { value: filters.category.toLowerCase() } });
  if (filters?.minPrice !== undefined || filters?.maxPrice !== undefined) {
    const range: Schemas["Range"] = {};
    if (filters.minPrice !== undefined) range.gte = filters.minPrice;
    if (filters.maxPrice !== undefined) range.lte = filters.maxPrice;
    must.push({ key: "price", range });
  }
  return must.length > 0 ? { must } : undefined;
}

function* chunks<T>(list: ReadonlyArray<T>, size: number): Generator<T[]> {
  for (let start = 0; start < list.length; start += size) yield list.slice(start, start + size);
}
