// The pins the services read and write: creation (image, vector and pin in one transaction),
// lookups, the newest-first feed, text search, and the vectors that feed the vector index.
import "server-only";
import type { PinKind, SearchFilters } from "@/lib/contracts";
import type { FilterFields, PinRecord } from "@/lib/contracts/records";
import type { Detection } from "@/lib/detect/types";
import { float32FromBytes, float32ToBytes } from "@/lib/embedding/vectors";
import { decodeFeedCursor, encodeFeedCursor, newPublicId } from "./codec";
import type { Database, Queryable } from "./database";
import { Params, filterPredicates, prefixQuery, queryWords } from "./filters";
import { type PinRow, pinColumns, pinsWithImages, toPinRecord } from "./rows";

export interface NewPin {
  title?: string;
  description?: string;
  link?: string | null;
  price?: number | null;
  category?: string | null;
  kind: PinKind;
  ocrText?: string;
  image: {
    sha256: string;
    format: string;
    width: number;
    height: number;
    bytes: number;
    dominantColor: string;
  };
  embedding: { model: string; vector: Float32Array };
  /** Vectors of the same image for further models (while a model switch is re-embedding). */
  moreEmbeddings?: ReadonlyArray<{ model: string; vector: Float32Array }>;
}

export interface FeedPage {
  pins: PinRecord[];
  nextCursor: string | null;
}

export interface TextHit {
  record: PinRecord;
  /** ts_rank_cd normalized to 0..1 (rank / (rank + 1)). */
  rank: number;
}

export interface StoredVector {
  seq: bigint;
  vector: Float32Array;
}

export interface PinImage {
  seq: bigint;
  imageSha256: string;
}

/** What the scene detector found in an image (see migration 004). */
export interface SceneAnalysis {
  objects: Detection[];
  /** One vector per object, in the same order. */
  vectors: Float32Array[];
  oneObjectOnPlainBackground: boolean;
}

export interface ModelCount {
  model: string;
  count: number;
}

const streamBatchSize = 2000;
const fieldsBatchSize = 20_000;
const maxPinIdAttempts = 4;
/** Typo-tolerant search compares only this much of each word: trigrams of a long text cost. */
const maxFuzzyWordLength = 40;
/** Word similarity from which a title counts as what was typed: "sneekers" ~ "sneakers" is 0.5. */
const minTitleSimilarity = 0.5;

export class PinRepository {
  constructor(private readonly db: Database) {}

  /** Stores the image once (by hash), its vector for the model, and a new pin that shows it. */
  async createPin(input: NewPin): Promise<PinRecord> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => insertPin(tx, input, newPublicId()));
      } catch (error) {
        // A 71-bit id collides practically never; retry rather than fail a request if it does.
        if (attempt >= maxPinIdAttempts || !isUniqueViolation(error, "pins_id_key")) throw error;
      }
    }
  }

  async getPin(id: string): Promise<PinRecord | null> {
    const rows = await this.db.query<PinRow>(
      `select ${pinColumns} from ${pinsWithImages} where p.id = $1`,
      [id],
    );
    return rows[0] ? toPinRecord(rows[0]) : null;
  }

  /** Hydrates vector-index hits; seqs whose pin is gone are simply absent from the map. */
  async getPinsBySeq(seqs: readonly bigint[]): Promise<Map<bigint, PinRecord>> {
    const found = new Map<bigint, PinRecord>();
    if (seqs.length === 0) return found;
    const rows = await this.db.query<PinRow>(
      `select ${pinColumns} from ${pinsWithImages} where p.seq = any($1::bigint[])`,
      [seqs.map(String)],
    );
    for (const row of rows) {
      const record = toPinRecord(row);
      found.set(record.seq, record);
    }
    return found;
  }

  /** Newest first. The cursor is a keyset position, so pins added meanwhile never shift a page. */
  async listFeed({ cursor, limit }: { cursor?: string; limit: number }): Promise<FeedPage> {
    const params = new Params([limit + 1]);
    const below = cursor === undefined ? "true" : `p.seq < ${params.add(String(decodeFeedCursor(cursor)))}::bigint`;
    const rows = await this.db.query<PinRow>(
      `select ${pinColumns} from ${pinsWithImages} where ${below} order by p.seq desc limit $1`,
      params.values,
    );
    const pins = rows.slice(0, limit).map(toPinRecord);
    const last = pins[pins.length - 1];
    return { pins, nextCursor: rows.length > limit && last ? encodeFeedCursor(last.seq) : null };
  }

  /** Deletes the pin and answers what it was. The image and its vectors stay for other pins. */
  async deletePin(id: string): Promise<PinRecord | null> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<PinRow>(
        `select ${pinColumns} from ${pinsWithImages} where p.id = $1 for update of p`,
        [id],
      );
      if (!rows[0]) return null;
      await tx.query("delete from pins where id = $1", [id]);
      await tx.query("insert into pin_tombstones (seq, pin_id) values (nextval(pg_get_serial_sequence('pins', 'seq')), $1)", [id]);
      return toPinRecord(rows[0]);
    });
  }

  /** Pins deleted after `afterSeq` (in the pins' own seq order), at most `limit`, oldest first. */
  async deletedSince(afterSeq: bigint, limit: number): Promise<{ seq: bigint; pinId: string }[]> {
    const rows = await this.db.query<{ seq: string; pin_id: string }>(
      "select seq::text as seq, pin_id from pin_tombstones where seq > $1::bigint order by seq limit $2",
      [String(afterSeq), limit],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), pinId: r.pin_id }));
  }

  async countPins(): Promise<number> {
    const rows = await this.db.query<{ n: number }>("select count(*)::int as n from pins");
    return rows[0]?.n ?? 0;
  }

  /** Text read from the image arrives after the pin; it joins the full-text vector. */
  async setOcrText(id: string, ocrText: string): Promise<boolean> {
    const rows = await this.db.query("update pins set ocr_text = $2 where id = $1 returning 1", [id, ocrText]);
    return rows.length > 0;
  }

  /** The stored vector of an image, so a duplicate upload need not be embedded again. */
  async findEmbedding(sha256: string, model: string): Promise<Float32Array | null> {
    const rows = await this.db.query<{ vector: Uint8Array }>(
      "select vector from embeddings where image_sha256 = $1 and model = $2",
      [sha256, model],
    );
    return rows[0] ? float32FromBytes(rows[0].vector) : null;
  }

  /**
   * Full-text search: `websearch_to_tsquery` first (quotes, OR, -word work); when that finds
   * nothing, every word as a prefix, so "sneak" finds "sneakers"; when that finds nothing
   * either, any word as a prefix, so "tiger shoes" finds tigers and shoes (pins with more of
   * the words rank first); and when no word matches at all, titles that look like what was
   * typed (trigram word similarity), so "tigr" finds "Tiger".
   */
  async textSearch(q: string, filters: SearchFilters, k: number): Promise<TextHit[]> {
    const exact = await this.rankedBy("websearch_to_tsquery", q, q, filters, k);
    if (exact.length > 0) return exact;
    for (const words of ["all", "any"] as const) {
      const prefix = prefixQuery(q, words);
      if (prefix === null) return [];
      const hits = await this.rankedBy("to_tsquery", prefix, q, filters, k);
      if (hits.length > 0) return hits;
    }
    return this.similarTitles(q, filters, k);
  }

  private async similarTitles(q: string, filters: SearchFilters, k: number): Promise<TextHit[]> {
    // Short words share too few trigrams to say anything; long ones are cut (trigrams cost).
    const words = queryWords(q).filter((w) => w.length >= 3).map((w) => w.slice(0, maxFuzzyWordLength));
    if (words.length === 0) return [];
    const params = new Params([k]);
    const refs = words.map((w) => params.add(w));
    // "<%" is pg_trgm's word similarity above a threshold, which the trigram index on
    // lower(title) answers; its default (0.6) missed one wrong letter in a short word.
    const rows = await this.db.transaction(async (tx) => {
      await tx.query(`select set_config('pg_trgm.word_similarity_threshold', '${minTitleSimilarity}', true)`);
      return tx.query<PinRow & { rank: number }>(
        `select ${pinColumns}, greatest(${refs.map((r) => `word_similarity(${r}, lower(p.title))`).join(", ")})::float8 as rank
           from ${pinsWithImages}
          where (${refs.map((r) => `${r} <% lower(p.title)`).join(" or ")}) and ${filterPredicates(filters, params)}
          order by rank desc, length(p.title), p.seq desc
          limit $1`,
        params.values,
      );
    });
    return rows.map((row) => ({ record: toPinRecord(row), rank: row.rank }));
  }

  private async rankedBy(
    parser: "websearch_to_tsquery" | "to_tsquery",
    query: string,
    typed: string,
    filters: SearchFilters,
    k: number,
  ): Promise<TextHit[]> {
    const params = new Params([query, k, typed]);
    const rows = await this.db.query<PinRow & { rank: number }>(
      `select ${pinColumns}, ts_rank_cd(p.search_vector, query, 32)::float8 as rank
         from ${pinsWithImages}, ${parser}('english', $1) as query
        where p.search_vector @@ query and ${filterPredicates(filters, params)}
        -- Equal ranks are common (one matching word each): the pin titled exactly as typed
        -- comes first, then shorter titles, where the word is more of what the pin is about.
        order by rank desc, lower(p.title) = lower($3) desc, length(p.title), p.seq desc
        limit $2`,
      params.values,
    );
    return rows.map((row) => ({ record: toPinRecord(row), rank: row.rank }));
  }

  /** Vectors of live pins with seq > afterSeq, ascending, in batches, with their filter fields: index rebuild and catch-up. */
  async *streamEmbeddings(model: string, afterSeq = 0n): AsyncGenerator<(StoredVector & { fields: FilterFields })[]> {
    let after = afterSeq;
    for (;;) {
      const rows = await this.db.query<{ seq: string; vector: Uint8Array } & FilterFields>(
        `select p.seq::text as seq, e.vector, p.kind, p.category, p.price::float8 as price
           from pins p join embeddings e on e.image_sha256 = p.image_sha256 and e.model = $1
          where p.seq > $2::bigint order by p.seq limit $3`,
        [model, String(after), streamBatchSize],
      );
      if (rows.length === 0) return;
      const batch = rows.map((r) => ({
        seq: BigInt(r.seq),
        vector: float32FromBytes(r.vector),
        fields: { kind: r.kind, category: r.category, price: r.price },
      }));
      yield batch;
      after = batch[batch.length - 1]!.seq;
      if (rows.length < streamBatchSize) return;
    }
  }

  /**
   * The filter fields of live pins with seq ≤ upToSeq, ascending, in batches. Pins without a
   * vector are included (an index holds none of their keys, so their fields are never asked
   * for): reading pins alone is several times faster than joining their vectors.
   */
  async *streamFilterFields(upToSeq: bigint): AsyncGenerator<{ seq: bigint; fields: FilterFields }[]> {
    let after = 0n;
    for (;;) {
      const rows = await this.db.query<{ seq: string } & FilterFields>(
        `select p.seq::text as seq, p.kind, p.category, p.price::float8 as price
           from pins p where p.seq > $1::bigint and p.seq <= $2::bigint order by p.seq limit $3`,
        [String(after), String(upToSeq), fieldsBatchSize],
      );
      if (rows.length === 0) return;
      const batch = rows.map((r) => ({ seq: BigInt(r.seq), fields: { kind: r.kind, category: r.category, price: r.price } }));
      yield batch;
      after = batch[batch.length - 1]!.seq;
      if (rows.length < fieldsBatchSize) return;
    }
  }

  /** The vectors of these pins for the model (pins without one are left out), with their images. */
  async embeddingsOf(model: string, seqs: readonly bigint[]): Promise<(StoredVector & { imageSha256: string })[]> {
    if (seqs.length === 0) return [];
    const rows = await this.db.query<{ seq: string; vector: Uint8Array; image_sha256: string }>(
      `select p.seq::text as seq, e.vector, p.image_sha256
         from pins p join embeddings e on e.image_sha256 = p.image_sha256 and e.model = $1
        where p.seq = any($2::bigint[])`,
      [model, seqs.map(String)],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), vector: float32FromBytes(r.vector), imageSha256: r.image_sha256 }));
  }

  /** How many live pins have a vector for the model (what a complete index holds). */
  async countEmbeddings(model: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `select count(*)::int as n from pins p
         join embeddings e on e.image_sha256 = p.image_sha256 and e.model = $1`,
      [model],
    );
    return rows[0]?.n ?? 0;
  }

  /** Seqs of live pins with a vector for the model, up to and including `upToSeq`. */
  async listEmbeddedSeqs(model: string, upToSeq: bigint): Promise<bigint[]> {
    const rows = await this.db.query<{ seq: string }>(
      `select p.seq::text as seq from pins p
         join embeddings e on e.image_sha256 = p.image_sha256 and e.model = $1
        where p.seq <= $2::bigint order by p.seq`,
      [model, String(upToSeq)],
    );
    return rows.map((r) => BigInt(r.seq));
  }

  /** Stores (or replaces) the vector of an already stored image for a model. */
  async putEmbedding(sha256: string, model: string, vector: Float32Array): Promise<void> {
    await upsertEmbedding(this.db, sha256, model, vector);
  }

  /** How many live pins have a vector, per model. */
  async countEmbeddingsByModel(): Promise<ModelCount[]> {
    return this.db.query<ModelCount>(
      `select e.model, count(*)::int as count from pins p
         join embeddings e on e.image_sha256 = p.image_sha256
        group by e.model order by e.model`,
    );
  }

  /** How many live pins have no vector for the model. */
  async countPinsWithoutEmbedding(model: string): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `select count(*)::int as n from pins p
        where not exists (select 1 from embeddings e where e.image_sha256 = p.image_sha256 and e.model = $1)`,
      [model],
    );
    return rows[0]?.n ?? 0;
  }

  /** Live pins with seq > afterSeq that have no vector for the model, oldest first. */
  async pinsWithoutEmbedding(model: string, afterSeq: bigint, limit: number): Promise<PinImage[]> {
    const rows = await this.db.query<{ seq: string; image_sha256: string }>(
      `select p.seq::text as seq, p.image_sha256 from pins p
        where p.seq > $2::bigint
          and not exists (select 1 from embeddings e where e.image_sha256 = p.image_sha256 and e.model = $1)
        order by p.seq limit $3`,
      [model, String(afterSeq), limit],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), imageSha256: r.image_sha256 }));
  }

  async findSceneAnalysis(sha256: string, model: string): Promise<SceneAnalysis | null> {
    const rows = await this.db.query<{ objects: SceneAnalysis["objects"]; vectors: Uint8Array; one_object_on_plain_background: boolean }>(
      "select objects, vectors, one_object_on_plain_background from scene_analyses where image_sha256 = $1 and model = $2",
      [sha256, model],
    );
    const row = rows[0];
    if (!row) return null;
    const all = float32FromBytes(row.vectors);
    const dim = row.objects.length > 0 ? all.length / row.objects.length : 0;
    const vectors = row.objects.map((_, i) => all.slice(i * dim, (i + 1) * dim));
    return { objects: row.objects, vectors, oneObjectOnPlainBackground: row.one_object_on_plain_background };
  }

  async putSceneAnalysis(sha256: string, model: string, analysis: SceneAnalysis): Promise<void> {
    const joined = new Float32Array(analysis.vectors.reduce((n, v) => n + v.length, 0));
    let offset = 0;
    for (const vector of analysis.vectors) {
      joined.set(vector, offset);
      offset += vector.length;
    }
    await this.db.query(
      `insert into scene_analyses (image_sha256, model, objects, vectors, one_object_on_plain_background)
       values ($1, $2, $3::jsonb, $4, $5)
       on conflict (image_sha256, model) do update
         set objects = excluded.objects, vectors = excluded.vectors,
             one_object_on_plain_background = excluded.one_object_on_plain_background, analyzed_at = now()`,
      [sha256, model, JSON.stringify(analysis.objects), float32ToBytes(joined), analysis.oneObjectOnPlainBackground],
    );
  }

  /** Scene pins (kind "pin") whose image has no analysis for the model yet, oldest first. */
  async scenePinsWithoutAnalysis(model: string, afterSeq: bigint, limit: number): Promise<PinImage[]> {
    const rows = await this.db.query<{ seq: string; image_sha256: string }>(
      `select p.seq::text as seq, p.image_sha256 from pins p
        where p.kind = 'pin' and p.seq > $2::bigint
          and not exists (select 1 from scene_analyses s where s.image_sha256 = p.image_sha256 and s.model = $1)
        order by p.seq limit $3`,
      [model, String(afterSeq), limit],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), imageSha256: r.image_sha256 }));
  }

  /** The words read from an image, or null when it has not been read. */
  async findImageWords(sha256: string): Promise<string | null> {
    const rows = await this.db.query<{ words: string }>("select words from image_words where image_sha256 = $1", [sha256]);
    return rows[0]?.words ?? null;
  }

  /** Keeps the words read from an image and puts them in the text of every pin that shows it. */
  async putImageWords(sha256: string, words: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into image_words (image_sha256, words) values ($1, $2)
         on conflict (image_sha256) do update set words = excluded.words, read_at = now()`,
        [sha256, words],
      );
      await tx.query("update pins set ocr_text = $2 where image_sha256 = $1 and ocr_text is distinct from $2", [sha256, words]);
    });
  }

  /** Pins whose image has not been read yet, oldest first. */
  async pinsWithUnreadImages(afterSeq: bigint, limit: number): Promise<PinImage[]> {
    const rows = await this.db.query<{ seq: string; image_sha256: string }>(
      `select p.seq::text as seq, p.image_sha256 from pins p
        where p.seq > $1::bigint and not exists (select 1 from image_words w where w.image_sha256 = p.image_sha256)
        order by p.seq limit $2`,
      [String(afterSeq), limit],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), imageSha256: r.image_sha256 }));
  }

  /** Vectors of the pins that pass the filters: exact search when a filter is very selective. */
  async embeddingsMatching(model: string, filters: SearchFilters, limit: number): Promise<StoredVector[]> {
    const params = new Params([model, limit]);
    const rows = await this.db.query<{ seq: string; vector: Uint8Array }>(
      `select p.seq::text as seq, e.vector
         from pins p join embeddings e on e.image_sha256 = p.image_sha256 and e.model = $1
        where ${filterPredicates(filters, params)}
        order by p.seq desc limit $2`,
      params.values,
    );
    return rows.map((r) => ({ seq: BigInt(r.seq), vector: float32FromBytes(r.vector) }));
  }
}

async function insertPin(tx: Queryable, input: NewPin, id: string): Promise<PinRecord> {
  const { image, embedding } = input;
  await tx.query(
    `insert into images (sha256, format, width, height, bytes, dominant_color)
     values ($1, $2, $3, $4, $5, $6) on conflict (sha256) do nothing`,
    [image.sha256, image.format, image.width, image.height, image.bytes, image.dominantColor],
  );
  for (const { model, vector } of [embedding, ...(input.moreEmbeddings ?? [])]) {
    await upsertEmbedding(tx, image.sha256, model, vector);
  }
  const rows = await tx.query<PinRow>(
    `with inserted as (
       insert into pins (id, title, description, link, price, category, kind, image_sha256, ocr_text)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *)
     select ${pinColumns} from inserted p join images i on i.sha256 = p.image_sha256`,
    [
      id,
      input.title ?? "",
      input.description ?? "",
      input.link ?? null,
      input.price ?? null,
      input.category ?? null,
      input.kind,
      image.sha256,
      input.ocrText ?? "",
    ],
  );
  if (!rows[0]) throw new Error("insert into pins returned no row");
  return toPinRecord(rows[0]);
}

async function upsertEmbedding(db: Queryable, sha256: string, model: string, vector: Float32Array): Promise<void> {
  await db.query(
    `insert into embeddings (image_sha256, model, vector) values ($1, $2, $3)
     on conflict (image_sha256, model) do update set vector = excluded.vector`,
    [sha256, model, float32ToBytes(vector)],
  );
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  return e.code === "23505" && (e.constraint === constraint || String(e.message).includes(constraint));
}
