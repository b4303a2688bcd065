// Boards and the pins on them. A board's order is its pins' fractional order keys: placing a
// pin computes a key between its new neighbours and writes that one row. Placing locks the
// board's row first, so two moves on one board run one after the other and never pick the
// same key; the unique (board, key) constraint guards it all the same.
import "server-only";
import { generateKeyBetween } from "fractional-indexing";
import { BoardRecord, type PinRecord } from "@/lib/contracts/records";
import { newPublicId } from "./codec";
import type { Database, Queryable } from "./database";
import { type PinRow, asDate, pinColumns, pinsWithImages, toPinRecord } from "./rows";

export interface NewBoard {
  ownerId: string;
  name: string;
  description: string;
  secret: boolean;
}

export type BoardChanges = Partial<Pick<NewBoard, "name" | "description" | "secret">>;

/** Where a pin goes: right after one pin, right before another, or (neither) first. */
export interface Placement {
  afterSeq?: bigint;
  beforeSeq?: bigint;
}

/** "bad_placement": a neighbour is not on the board, or `after` does not come before `before`. */
export type PlaceOutcome = "added" | "moved" | "unchanged" | "bad_placement" | "board_missing";

const COVER_PINS = 3;

interface BoardRow {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  secret: boolean;
  pin_count: string;
  cover_sha256s: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const boardColumns = /* sql */ `
  b.id, b.owner_id, b.name, b.description, b.secret, b.created_at, b.updated_at,
  (select count(*) from board_pins bp where bp.board_id = b.id)::text as pin_count,
  array(select p.image_sha256 from board_pins bp join pins p on p.seq = bp.pin_seq
        where bp.board_id = b.id order by bp.order_key limit ${COVER_PINS}) as cover_sha256s`;

function toBoardRecord(row: BoardRow): BoardRecord {
  return BoardRecord.parse({
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    secret: row.secret,
    pinCount: Number(row.pin_count),
    coverSha256s: row.cover_sha256s ?? [],
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  });
}

export class BoardRepository {
  constructor(private readonly db: Database) {}

  async createBoard(input: NewBoard): Promise<BoardRecord> {
    const id = newPublicId();
    await this.db.query("insert into boards (id, owner_id, name, description, secret) values ($1, $2, $3, $4, $5)", [
      id,
      input.ownerId,
      input.name,
      input.description,
      input.secret,
    ]);
    return (await this.getBoard(id))!;
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const rows = await this.db.query<BoardRow>(`select ${boardColumns} from boards b where b.id = $1`, [id]);
    return rows[0] ? toBoardRecord(rows[0]) : null;
  }

  /** A user's boards, newest first; secret ones only when `withSecret`. */
  async listBoards(ownerId: string, withSecret: boolean): Promise<BoardRecord[]> {
    const rows = await this.db.query<BoardRow>(
      `select ${boardColumns} from boards b where b.owner_id = $1 and ($2 or not b.secret) order by b.created_at desc, b.id`,
      [ownerId, withSecret],
    );
    return rows.map(toBoardRecord);
  }

  async updateBoard(id: string, changes: BoardChanges): Promise<BoardRecord | null> {
    const rows = await this.db.query(
      `update boards set name = coalesce($2, name), description = coalesce($3, description),
         secret = coalesce($4, secret), updated_at = now() where id = $1 returning id`,
      [id, changes.name ?? null, changes.description ?? null, changes.secret ?? null],
    );
    return rows.length > 0 ? this.getBoard(id) : null;
  }

  async deleteBoard(id: string): Promise<boolean> {
    return (await this.db.execute("delete from boards where id = $1", [id])).affectedRows > 0;
  }

  /** The board's pins in board order. */
  async boardPins(id: string): Promise<PinRecord[]> {
    const rows = await this.db.query<PinRow>(
      `select ${pinColumns} from board_pins bp join ${pinsWithImages} on p.seq = bp.pin_seq
       where bp.board_id = $1 order by bp.order_key`,
      [id],
    );
    return rows.map(toPinRecord);
  }

  /** Seqs of the board's pins, most recently added first (what ideas model the board from). */
  async recentPinSeqs(id: string, limit: number): Promise<bigint[]> {
    const rows = await this.db.query<{ seq: string }>(
      "select pin_seq::text as seq from board_pins where board_id = $1 order by added_at desc, pin_seq desc limit $2",
      [id, limit],
    );
    return rows.map((r) => BigInt(r.seq));
  }

  /** Adds the pin to the board or moves it there; one row is written. */
  async placePin(boardId: string, pinSeq: bigint, placement: Placement): Promise<PlaceOutcome> {
    return this.db.transaction(async (tx) => {
      const board = await tx.query("select id from boards where id = $1 for update", [boardId]);
      if (board.length === 0) return "board_missing";
      const current = await keyOf(tx, boardId, pinSeq);
      const positioned = placement.afterSeq !== undefined || placement.beforeSeq !== undefined;
      if (current !== null && !positioned) return "unchanged";
      let low: string | null = null;
      let high: string | null = null;
      if (placement.afterSeq !== undefined) {
        low = await keyOf(tx, boardId, placement.afterSeq);
        if (low === null) return "bad_placement";
      }
      if (placement.beforeSeq !== undefined) {
        high = await keyOf(tx, boardId, placement.beforeSeq);
        if (high === null) return "bad_placement";
      }
      // With one neighbour given, the other is whoever sits next to it now (the moving pin
      // aside); with none, the pin goes before the current first one.
      if (placement.beforeSeq === undefined) {
        high = await firstKeyAbove(tx, boardId, pinSeq, low);
      } else if (placement.afterSeq === undefined) {
        low = await lastKeyBelow(tx, boardId, pinSeq, high!);
      }
      if (low !== null && high !== null && low >= high) return "bad_placement";
      const key = generateKeyBetween(low, high);
      if (current === null) {
        await tx.query("insert into board_pins (board_id, pin_seq, order_key) values ($1, $2, $3)", [boardId, pinSeq, key]);
      } else {
        await tx.query("update board_pins set order_key = $3 where board_id = $1 and pin_seq = $2", [boardId, pinSeq, key]);
      }
      await tx.query("update boards set updated_at = now() where id = $1", [boardId]);
      return current === null ? "added" : "moved";
    });
  }

  async removePin(boardId: string, pinSeq: bigint): Promise<boolean> {
    const { affectedRows } = await this.db.execute("delete from board_pins where board_id = $1 and pin_seq = $2", [boardId, pinSeq]);
    if (affectedRows > 0) await this.db.query("update boards set updated_at = now() where id = $1", [boardId]);
    return affectedRows > 0;
  }
}

async function keyOf(tx: Queryable, boardId: string, pinSeq: bigint): Promise<string | null> {
  const rows = await tx.query<{ order_key: string }>("select order_key from board_pins where board_id = $1 and pin_seq = $2", [
    boardId,
    pinSeq,
  ]);
  return rows[0]?.order_key ?? null;
}

/** The lowest key above `key` (or the lowest of all when `key` is null), the moving pin aside. */
async function firstKeyAbove(tx: Queryable, boardId: string, movingSeq: bigint, key: string | null): Promise<string | null> {
  const rows = await tx.query<{ order_key: string }>(
    `select order_key from board_pins where board_id = $1 and pin_seq <> $2 and ($3::text is null or order_key > $3)
     order by order_key limit 1`,
    [boardId, movingSeq, key],
  );
  return rows[0]?.order_key ?? null;
}

/** The highest key below `key`, the moving pin aside. */
async function lastKeyBelow(tx: Queryable, boardId: string, movingSeq: bigint, key: string): Promise<string | null> {
  const rows = await tx.query<{ order_key: string }>(
    "select order_key from board_pins where board_id = $1 and pin_seq <> $2 and order_key < $3 order by order_key desc limit 1",
    [boardId, movingSeq, key],
  );
  return rows[0]?.order_key ?? null;
}
