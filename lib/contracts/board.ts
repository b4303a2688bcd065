// Boards as the API shows them, the bodies that create, change and fill them, and ideas.
import { z } from "zod";
import { Pin } from "./pin";
import { Result } from "./search";

export const Board = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  secret: z.boolean(),
  ownerId: z.string(),
  pinCount: z.number().int().nonnegative(),
  /** Thumbnails of the first pins in board order, for the cover collage. */
  coverUrls: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Board = z.infer<typeof Board>;

const boardName = z.string().trim().min(1, "a board needs a name").max(100);
const boardDescription = z.string().trim().max(500);
const pinId = z.string().min(1).max(64);

export const CreateBoardBody = z
  .object({ name: boardName, description: boardDescription.default(""), secret: z.boolean().default(false) })
  .strict();
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;

export const UpdateBoardBody = z
  .object({ name: boardName.optional(), description: boardDescription.optional(), secret: z.boolean().optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.description !== undefined || b.secret !== undefined, {
    message: "send at least one of name, description, secret",
  });
export type UpdateBoardBody = z.infer<typeof UpdateBoardBody>;

export const BoardListQuery = z.object({ user: z.string().min(1).max(64).optional() }).strict();

/** Add a pin to a board, or move one already there: after one pin, before another, or first. */
export const PlacePinBody = z
  .object({ pinId, after: pinId.optional(), before: pinId.optional() })
  .strict()
  .refine((b) => b.after !== b.pinId && b.before !== b.pinId, { message: "a pin cannot be placed next to itself" });
export type PlacePinBody = z.infer<typeof PlacePinBody>;

export const IdeasQuery = z.object({ k: z.coerce.number().int().min(1).max(100).default(24) }).strict();

export const BoardResponse = z.object({ board: Board });
export const BoardListResponse = z.object({ boards: z.array(Board) });
export const BoardPinsResponse = z.object({ board: Board, pins: z.array(Pin) });
export type BoardPinsResponse = z.infer<typeof BoardPinsResponse>;
export const IdeasResponse = z.object({ results: z.array(Result), tookMs: z.number() });
export type IdeasResponse = z.infer<typeof IdeasResponse>;

/** The signed-in user as the session route shows them (better-auth's `user`, the fields we use). */
export const SessionUser = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type SessionUser = z.infer<typeof SessionUser>;
export const SessionResponse = z.object({ user: SessionUser }).nullable();
