// The Pin as the API shows it, and the fields a client may send to create one.
import { z } from "zod";
import { PinKind } from "./common";

export const Pin = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  link: z.string().nullable(),
  price: z.number().nullable(),
  category: z.string().nullable(),
  kind: PinKind,
  imageUrl: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** CSS hex colour shown while the image loads, e.g. "#a0b1c2". */
  dominantColor: z.string(),
  createdAt: z.string(),
});
export type Pin = z.infer<typeof Pin>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s === "" ? undefined : s));

/** The text fields of `POST /api/pins` (the image travels beside them in the multipart body). */
export const CreatePinFields = z
  .object({
    title: optionalText(200),
    description: optionalText(2000),
    link: optionalText(2000).pipe(z.string().url().optional()),
    price: z.coerce.number().nonnegative().finite().optional(),
    category: optionalText(80),
    kind: PinKind.default("pin"),
    boardId: optionalText(64),
  })
  .strict();
export type CreatePinFields = z.infer<typeof CreatePinFields>;

export const CreatePinResponse = z.object({ pin: Pin });

/** Pins in a feed page unless the client asks otherwise (the home page renders the first one). */
export const FEED_PAGE_SIZE = 30;

export const FeedQuery = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(FEED_PAGE_SIZE),
  })
  .strict();
export type FeedQuery = z.infer<typeof FeedQuery>;

export const FeedResponse = z.object({ pins: z.array(Pin), nextCursor: z.string().nullable() });
export type FeedResponse = z.infer<typeof FeedResponse>;

export const PinResponse = z.object({ pin: Pin });
