// Records as the store hands them to services: what a row holds, before it is shaped into
// the API's `Pin` (URLs, ISO dates). `seq` is the store's sequence number and the key of
// every vector index; `id` is the short public id.
import { z } from "zod";
import { PinKind } from "./common";

export const PinRecord = z.object({
  seq: z.bigint().positive(),
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  link: z.string().nullable(),
  price: z.number().nullable(),
  category: z.string().nullable(),
  kind: PinKind,
  imageSha256: z.string().regex(/^[0-9a-f]{64}$/),
  imageFormat: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** CSS hex colour, e.g. "#a0b1c2". */
  dominantColor: z.string(),
  ocrText: z.string(),
  createdAt: z.date(),
});
export type PinRecord = z.infer<typeof PinRecord>;

/** The fields of a pin that search filters name; a vector index keeps them beside the vector. */
export type FilterFields = Pick<PinRecord, "kind" | "category" | "price">;

export const BoardRecord = z.object({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  name: z.string(),
  description: z.string(),
  secret: z.boolean(),
  pinCount: z.number().int().nonnegative(),
  /** Images of the first pins in board order. */
  coverSha256s: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type BoardRecord = z.infer<typeof BoardRecord>;
