// Search requests and answers: by image, by text, by a vector from the on-device model.
import { z } from "zod";
import { Box, PinKind } from "./common";
import { Pin } from "./pin";

export const SearchFilters = z.object({
  kind: PinKind.optional(),
  category: z.string().trim().min(1).max(80).optional(),
  minPrice: z.coerce.number().nonnegative().finite().optional(),
  maxPrice: z.coerce.number().nonnegative().finite().optional(),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.kind !== undefined ||
    filters.category !== undefined ||
    filters.minPrice !== undefined ||
    filters.maxPrice !== undefined
  );
}

const k = z.coerce.number().int().min(1).max(200).default(24);

const priceRangeIsOrdered = (f: SearchFilters) =>
  f.minPrice === undefined || f.maxPrice === undefined || f.minPrice <= f.maxPrice;
const priceRangeMessage = { message: "minPrice must not exceed maxPrice", path: ["minPrice"] };

/** The text fields of `POST /api/search`; `box` arrives as a JSON string. */
export const ImageSearchFields = SearchFilters.extend({
  k,
  /** Words that refine the picture (multisearch): image similarity and text rank are fused. */
  q: z
    .string()
    .trim()
    .max(500)
    .transform((s) => (s === "" ? undefined : s))
    .optional(),
  box: z
    .string()
    .max(500)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === "") return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "box must be a JSON object {x,y,w,h}" });
        return z.NEVER;
      }
    })
    .pipe(Box.optional()),
})
  .strict()
  .refine(priceRangeIsOrdered, priceRangeMessage);
export type ImageSearchFields = z.infer<typeof ImageSearchFields>;

export const TextSearchQuery = SearchFilters.extend({
  q: z.string().trim().min(1).max(500),
  k,
})
  .strict()
  .refine(priceRangeIsOrdered, priceRangeMessage);
export type TextSearchQuery = z.infer<typeof TextSearchQuery>;

const EmbeddingValue = z.union([z.array(z.number().finite()).min(1).max(4096), z.string().min(1).max(65536)]);

export const EmbeddingSearchBody = SearchFilters.extend({
  embedding: EmbeddingValue,
  /** More views of the same query (crops around the object); a pin scores by its best view. */
  views: z.array(EmbeddingValue).max(8).optional(),
  model: z.string().min(1).max(200),
  k,
})
  .strict()
  .refine(priceRangeIsOrdered, priceRangeMessage);
export type EmbeddingSearchBody = z.infer<typeof EmbeddingSearchBody>;

export const SimilarQuery = z.object({ k }).strict();

export const Result = z.object({
  id: z.string(),
  /** Similarity in 0–1, higher is closer. */
  score: z.number().min(0).max(1),
  pin: Pin,
});
export type Result = z.infer<typeof Result>;

export const SearchResponse = z.object({
  results: z.array(Result),
  tookMs: z.number(),
  model: z.string(),
  /** Scores below this are unlikely to be the same kind of thing; the UI hides them. */
  minRelevantScore: z.number().min(0).max(1).optional(),
  /** A whole picture that is not a product shot is also searched by the objects found in it: these, best first. */
  objectBoxes: z.array(Box).optional(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const SimilarResponse = z.object({
  results: z.array(Result),
  tookMs: z.number(),
  minRelevantScore: z.number().min(0).max(1).optional(),
});
export type SimilarResponse = z.infer<typeof SimilarResponse>;

/** `POST /api/query-images`: an image searched with, kept for a while under its id. */
export const QueryImageResponse = z.object({ id: z.string(), url: z.string(), expiresAt: z.string() });
export type QueryImageResponse = z.infer<typeof QueryImageResponse>;

/** `GET /api/query-images/:id/words`: the words read in a kept query image, for refining chips. */
export const QueryImageWordsResponse = z.object({
  /** Distinct words worth searching for, in reading order. */
  words: z.array(z.string()),
  /** The lines of text as read. */
  lines: z.array(z.string()),
});
export type QueryImageWordsResponse = z.infer<typeof QueryImageWordsResponse>;
