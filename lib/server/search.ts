// Search: by image (a whole upload or a box in it), by text, by a vector the browser made, and
// "more like this" for a stored pin. Answers in the contract's Result shape, best first. Vector
// searches hold the serving model (image-models.ts) from the query's embedding to the answer.
import "server-only";
import type {
  Box,
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
import { isProductShot } from "@/lib/detect/plain-background";
import { MIN_REGION_SIDE, cropBox, validateImage, type ValidatedImage } from "@/lib/image";
import { PHOTO_OBJECTS } from "@/lib/detect/localizer";
import { catalogPixels, regionSource } from "./catalog-pixels";
import { serverContext } from "./context";
import { withServingModel } from "./image-models";
import type { LoadedModel } from "./loaded-model";
import { getPinRecord, toPin } from "./pins";
import { fuseRankings } from "./rank-fusion";
import type { Hit } from "./vectors";

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
    const { views, objectBoxes } = region ? { views: await embedder.embedQuery(region), objectBoxes: undefined } : await wholePictureQuery(model, image, filters);
    if (q === undefined) {
      const hits = await vectors.nearest(views, k, filters);
      // A photo searched with its objects scores every pin by its best of more views.
      const minRelevantScore = objectBoxes ? embedder.minRelevantPhotoScore : embedder.minRelevantScore;
      return { results: toResults(hits), tookMs: elapsed(start), model: embedder.model, minRelevantScore, objectBoxes };
    }
    // Multisearch: the picture and the words each rank the catalog, and the rankings are fused.
    // Fused scores are ranks, not similarities, so no relevance cut-off applies to them.
    const depth = Math.max(k, MULTISEARCH_DEPTH);
    const [hits, text] = await Promise.all([vectors.nearest(views, depth, filters), rankByText(q, filters, depth)]);
    return { results: fuseRankings([toResults(hits), text], k), tookMs: elapsed(start), model: `${embedder.model}+text`, objectBoxes };
  });
}

/**
 * A whole picture's query. A product shot is searched by its own views. Any other picture adds
 * the two objects the localizer finds likeliest in it, each searched as a drawn box would be,
 * and the answer names them so the app can show them: a pin scores its best view, so a product
 * that fills a tenth of a busy photo is found as well as pins like the whole picture. Searching
 * the objects alone did better still on held-out phone photos, but on the benchmark's clean and
 * camera queries, whose objects are large, R@10 fell by 0.07 and 0.04 (docs/models.md).
 */
async function wholePictureQuery({ embedder, vectors }: LoadedModel, image: ValidatedImage, filters: SearchFilters): Promise<{ views: Float32Array[]; objectBoxes?: Box[] }> {
  const picture = await catalogPixels(image);
  if (isProductShot(picture)) return { views: await embedder.embedQuery(picture) };
  // The localizer (a network of its own) runs while the picture's own views are embedded.
  const source = await regionSource(image);
  const [objects, own] = await Promise.all([
    (await serverContext()).localizer().then((localizer) => localizer.locate(source, PHOTO_OBJECTS)),
    embedder.embedQuery(picture),
  ]);
  const crops = objects.map((o) => ({ box: o.box, crop: cropBox(source, o.box) })).filter(({ crop }) => crop.width >= MIN_REGION_SIDE && crop.height >= MIN_REGION_SIDE);
  // Each object is searched as its drawn box would be, so tapping it gives that part of the
  // answer. The object that matches some pin best comes first: the one to show.
  const objectViews = await Promise.all(crops.map((c) => embedder.embedQuery(c.crop)));
  const bestMatch = await Promise.all(objectViews.map(async (views) => (await vectors.nearest(views, 1, filters))[0]?.similarity ?? -1));
  const order = crops.map((_, i) => i).sort((a, b) => bestMatch[b]! - bestMatch[a]!);
  return { views: [...own, ...objectViews.flat()], objectBoxes: order.map((i) => crops[i]!.box) };
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
