// Boards: who may see and change what, and the board's pins in order. A secret board is the
// owner's alone: to anyone else every route answers 404, exactly as for a board that does not
// exist, so not even its existence leaks. Only the owner changes a board (403 on a public one).
import "server-only";
import type { Board, BoardPinsResponse, CreateBoardBody, PlacePinBody, UpdateBoardBody } from "@/lib/contracts";
import type { BoardRecord } from "@/lib/contracts/records";
import { AppError } from "@/lib/errors";
import { serverContext } from "./context";
import type { User } from "./auth";
import { getPinRecord, toPin } from "./pins";

export function toBoard(record: BoardRecord): Board {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    secret: record.secret,
    ownerId: record.ownerId,
    pinCount: record.pinCount,
    coverUrls: record.coverSha256s.map((sha) => `/api/images/${sha}/thumb`),
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

const notFound = (id: string) => new AppError("not_found", `No board with id ${id}.`, 404);

/** The board if `viewer` may see it; 404 otherwise, whether it is secret or absent. */
export async function visibleBoard(id: string, viewer: User | null): Promise<BoardRecord> {
  const record = await (await serverContext()).boards.getBoard(id);
  if (!record || (record.secret && record.ownerId !== viewer?.id)) throw notFound(id);
  return record;
}

/** The board if `user` owns it: 404 when they cannot see it, 403 when they can but do not own it. */
export async function ownedBoard(id: string, user: User): Promise<BoardRecord> {
  const record = await visibleBoard(id, user);
  if (record.ownerId !== user.id) throw new AppError("forbidden", "Only the board's owner can change it.", 403);
  return record;
}

export async function createBoard(user: User, body: CreateBoardBody): Promise<Board> {
  const repository = (await serverContext()).boards;
  return toBoard(await repository.createBoard({ ownerId: user.id, ...body }));
}

/** The user's own boards (secret ones included), or another user's public ones. */
export async function listBoards(viewer: User | null, ownerId: string): Promise<Board[]> {
  const repository = (await serverContext()).boards;
  return (await repository.listBoards(ownerId, viewer?.id === ownerId)).map(toBoard);
}

export async function getBoardWithPins(id: string, viewer: User | null): Promise<BoardPinsResponse> {
  const record = await visibleBoard(id, viewer);
  const pins = await (await serverContext()).boards.boardPins(id);
  return { board: toBoard(record), pins: pins.map(toPin) };
}

export async function updateBoard(id: string, user: User, body: UpdateBoardBody): Promise<Board> {
  await ownedBoard(id, user);
  const updated = await (await serverContext()).boards.updateBoard(id, body);
  if (!updated) throw notFound(id);
  return toBoard(updated);
}

export async function deleteBoard(id: string, user: User): Promise<void> {
  await ownedBoard(id, user);
  await (await serverContext()).boards.deleteBoard(id);
}

/** Adds a pin to the board or moves it: after `after`, before `before`, or first when neither. */
export async function placePin(boardId: string, user: User, body: PlacePinBody): Promise<{ board: Board; added: boolean }> {
  await ownedBoard(boardId, user);
  const pin = await getPinRecord(body.pinId);
  const neighbour = async (id: string | undefined) => (id === undefined ? undefined : (await getPinRecord(id)).seq);
  const repository = (await serverContext()).boards;
  const outcome = await repository.placePin(boardId, pin.seq, {
    afterSeq: await neighbour(body.after),
    beforeSeq: await neighbour(body.before),
  });
  if (outcome === "board_missing") throw notFound(boardId);
  if (outcome === "bad_placement") {
    throw new AppError("invalid_field", "after/before must be pins on this board, with `after` above `before`.");
  }
  const board = await repository.getBoard(boardId);
  if (!board) throw notFound(boardId);
  return { board: toBoard(board), added: outcome === "added" };
}

export async function removePin(boardId: string, user: User, pinId: string): Promise<void> {
  await ownedBoard(boardId, user);
  const pin = await getPinRecord(pinId);
  const removed = await (await serverContext()).boards.removePin(boardId, pin.seq);
  if (!removed) throw new AppError("not_found", `Pin ${pinId} is not on this board.`, 404);
}
