// Search: by image (a whole upload or a box in it), by text, by a vector the browser made, and
// "more like this" for a stored pin. Answers in the contract's Result shape, best first. Vector
// searches hold the serving model (image-models.ts) from the query's embedding to the answer.
import "server-only";
import type {
  EmbeddingSearchBody,
  ImageSearchFields,
  Result,
  SearchFilters,
  SearchResponse,
  SimilarResponse,
  TextSearchQuery,
} from "@/lib/contracts";
import { dot, float32FromBytes, l2NormalizeInPlace, scoreOf } from "@/lib/embedding/vectors";
import { AppError } from "@/lib/errors";
import { isOneObjectOnPlainBackground } from "@/lib/detect/plain-background";
import { cropBox, validateImage, type RgbImage, type ValidatedImage } from "@/lib/image";
import { catalogPixels, regionSource } from "./catalog-pixels";
import { serverContext } from "./context";
import { withServingModel } from "./image-models";
import type { LoadedModel } from "./loaded-model";
import { objectCrops } from "./object-views";
import { getPinRecord, toPin } from "./pins";
import { fuseRankings } from "./rank-fusion";
import type { Hit } from "./vectors";

/** Below this many pixels on a side, a cropped region holds too little to search. */
const MIN_REGION_SIDE = 16;
/** How many of the detector's objects join a whole picture's query views. */
const OBJECT_VIEWS = 6;

function toResults(hits: Hit[]): Result[] {
  return hits.map(({ record, similarity }) => ({
    id: record.id,
    score: scoreOf(similarity),
    pin: toPin(record),
  }));
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

export async function searchByImage(bytes: Uint8Array, fields: ImageSearchFields): Promise<SearchResponse> {
  const start = performance.now();
  return (await serverContext()).limits.imageWork.run(() => searchImage(bytes, fields, start));
}

/** How deep each ranking goes before multisearch fuses them. */
const MULTISEARCH_DEPTH = 100;

async function searchImage(bytes: Uint8Array, fields: ImageSearchFields, start: number): Promise<SearchResponse> {
  const { k, box, q, ...filters } = fields;
  const image = await validateImage(bytes);
  const region = box ? cropBox(await regionSource(image), box) : null;
  if (region && (region.width < MIN_REGION_SIDE || region.height < MIN_REGION_SIDE)) {
    throw new AppError("bad_box", `The box covers fewer than ${MIN_REGION_SIDE} pixels on a side.`);
  }
  return withServingModel(async (model) => {
    const { embedder, vectors } = model;
    const query = region ? await embedder.embedQuery(region) : await wholePictureViews(model, image);
    if (q === undefined) {
      const hits = await vectors.nearest(query, k, filters);
      return { results: toResults(hits), tookMs: elapsed(start), model: embedder.model, minRelevantScore: embedder.minRelevantScore };
    }
    // Multisearch: the picture and the words each rank the catalog, and the rankings are fused.
    // Fused scores are ranks, not similarities, so no relevance cut-off applies to them.
    const depth = Math.max(k, MULTISEARCH_DEPTH);
    const [hits, text] = await Promise.all([vectors.nearest(query, depth, filters), rankByText(q, filters, depth)]);
    return { results: fuseRankings([toResults(hits), text], k), tookMs: elapsed(start), model: `${embedder.model}+text` };
  });
}

/**
 * A whole picture's query views: the picture's own, and the detector's first objects cut from it
 * unless it is one object on a plain background (a product shot, which they would only blur).
 * The best view decides each pin's score, so an object that fills a tenth of a busy photo is
 * still found.
 */
async function wholePictureViews({ embedder }: LoadedModel, image: ValidatedImage): Promise<Float32Array[]> {
  const picture = await catalogPixels(image);
  if (isOneObjectOnPlainBackground(picture)) return embedder.embedQuery(picture);
  const crops: RgbImage[] = (await objectCrops(await regionSource(image), OBJECT_VIEWS)).map((o) => o.crop);
  const [own, objects] = await Promise.all([embedder.embedQuery(picture), embedder.embedAll(crops)]);
  return [...own, ...objects];
}

async function rankByText(q: string, filters: SearchFilters, k: number): Promise<Result[]> {
  const ranked = await (await serverContext()).pins.textSearch(q, filters, k);
  return ranked.map(({ record, rank }) => ({ id: record.id, score: rank, pin: toPin(record) }));
}

export async function searchByText(query: TextSearchQuery): Promise<SearchResponse> {
  const start = performance.now();
  const { q, k, ...filters } = query;
  const { limits } = await serverContext();
  const results = await limits.reads.run(() => rankByText(q, filters, k));
  return { results, tookMs: elapsed(start), model: "postgres-fts-english" };
}

/** A vector sent as JSON numbers or as base64 of little-endian float32. */
export function decodeEmbedding(embedding: number[] | string): Float32Array {
  if (Array.isArray(embedding)) return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, "base64");
  if (bytes.byteLength === 0 || bytes.byteLength % 4 !== 0) {
    throw new AppError("invalid_field", "embedding: base64 must encode little-endian float32 values.");
  }
  return float32FromBytes(bytes);
}

export function normalize(vector: Float32Array): Float32Array {
  const squared = dot(vector, vector);
  if (!Number.isFinite(squared) || squared === 0) {
    throw new AppError("invalid_field", "embedding: the vector must be finite and non-zero.");
  }
  return l2NormalizeInPlace(vector.slice());
}

/**
 * A vector of the serving model, or of a model whose manifest says it lives in the serving
 * model's space (the browser's distilled student), is searched; any other is refused.
 */
export async function searchByEmbedding(body: EmbeddingSearchBody): Promise<SearchResponse> {
  const start = performance.now();
  const { embedding, views = [], model, k, ...filters } = body;
  const context = await serverContext();
  const models = await context.models();
  const serving = models.serving;
  return context.limits.reads.run(() =>
    serving.use(async () => {
      const { embedder, vectors } = serving;
      if (!models.acceptsQueryModel(model)) {
        throw new AppError("model_mismatch", `Vectors of model ${model} cannot be searched; this catalog uses ${embedder.model}.`, 409);
      }
      const query = [embedding, ...views].map((value, i) => {
        const vector = decodeEmbedding(value);
        if (vector.length !== embedder.dim) {
          throw new AppError("invalid_field", `${i === 0 ? "embedding" : `views[${i - 1}]`}: expected ${embedder.dim} values, got ${vector.length}.`);
        }
        return normalize(vector);
      });
      const hits = await vectors.nearest(query, k, filters);
      return { results: toResults(hits), tookMs: elapsed(start), model: embedder.model, minRelevantScore: embedder.minRelevantScore };
    }),
  );
}

export async function similarPins(id: string, k: number): Promise<SimilarResponse> {
  const start = performance.now();
  const record = await getPinRecord(id);
  const { pins: repository, limits } = await serverContext();
  return limits.reads.run(() =>
    withServingModel(async ({ embedder, vectors }) => {
      const vector = await repository.findEmbedding(record.imageSha256, embedder.model);
      if (!vector) throw new AppError("warming_up", "This pin has not been embedded with the current model yet.", 503, 30);
      const hits = await vectors.nearest([vector], k, {}, record.seq);
      return { results: toResults(hits), tookMs: elapsed(start), minRelevantScore: embedder.minRelevantScore };
    }),
  );
}
