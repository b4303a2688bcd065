// What the browser downloads to search on its own: the distilled student model and the
// catalog's compact codes.
import { z } from "zod";
import { Pin } from "./pin";

/** `GET /api/models/student`: the manifest with every file path rewritten to a URL. */
export const StudentModelResponse = z.object({
  key: z.string(),
  /** The model key whose vector space the student's vectors live in (the server's teacher). */
  space: z.string(),
  dim: z.number().int().positive(),
  /** Total size of the files to download, for a progress bar. */
  bytes: z.number().int().nonnegative(),
  manifest: z.unknown(),
});
export type StudentModelResponse = z.infer<typeof StudentModelResponse>;

export const CodesQuery = z
  .object({
    /** `through` of the previous page: only pins added or deleted after it. */
    after: z
      .string()
      .regex(/^\d{1,19}$/, "after must be a cursor returned as `through`")
      .optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(2000),
  })
  .strict();
export type CodesQuery = z.infer<typeof CodesQuery>;

/** `GET /api/codes`: sign-bit codes (lib/embedding/binary.ts layout, base64) of the catalog. */
export const CodesResponse = z.object({
  model: z.string(),
  dim: z.number().int().positive(),
  through: z.string().nullable(),
  items: z.array(z.object({ code: z.string(), pin: Pin })),
  /** Ids of pins deleted since `after` (tombstones): a kept copy drops them. */
  removed: z.array(z.string()),
  /** Whether more changes follow `through`: ask again with it. */
  more: z.boolean(),
});
export type CodesResponse = z.infer<typeof CodesResponse>;
