// Shop the Look: the shoppable objects found in a scene, each with matching products.
import { z } from "zod";
import { Box } from "./common";
import { Result } from "./search";

export const ShopFields = z
  .object({
    /** Products per object. */
    k: z.coerce.number().int().min(1).max(50).default(5),
  })
  .strict();
export type ShopFields = z.infer<typeof ShopFields>;

export const ShopQuery = ShopFields;

export const ShopObject = z.object({
  box: Box,
  /** What the object is, e.g. "cup" from the detector or "object" from the class-agnostic fallback. */
  label: z.string(),
  /** Confidence that this is an object, 0–1. */
  score: z.number().min(0).max(1),
  products: z.array(Result),
});
export type ShopObject = z.infer<typeof ShopObject>;

export const ShopResponse = z.object({
  objects: z.array(ShopObject),
  tookMs: z.number(),
  /** Products scoring below this are probably not the same kind of thing (the model's cut-off). */
  minRelevantScore: z.number().min(0).max(1).optional(),
});
export type ShopResponse = z.infer<typeof ShopResponse>;
