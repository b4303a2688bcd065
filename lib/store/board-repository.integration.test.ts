// Board order under adds, moves and removals, and two moves racing on one board, run alike on
// embedded PGlite and on a PostgreSQL server (which CI must reach).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoardRepository } from "./board-repository";
import type { Database } from "./database";
import { PinRepository } from "./pin-repository";
import { type TestDatabase, openTestPglite, openTestPostgres, samplePin, truncateAll } from "./testing";

const PINS = 8;

type Step =
  | { op: "place"; pin: number; after?: number; before?: number }
  | { op: "remove"; pin: number };

const pinIndex = fc.integer({ min: 0, max: PINS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("place" as const), pin: pinIndex }),
  fc.record({ op: fc.constant("place" as const), pin: pinIndex, after: pinIndex }),
  fc.record({ op: fc.constant("place" as const), pin: pinIndex, before: pinIndex }),
  fc.record({ op: fc.constant("remove" as const), pin: pinIndex }),
);

/** What the board should hold after a step, as a plain list (the model the store must match). */
function expected(order: number[], s: Step): number[] {
  if (s.op === "remove") return order.filter((p) => p !== s.pin);
  const has = order.includes(s.pin);
  const neighbour = s.after ?? s.before;
  if (neighbour === undefined) return has ? order : [s.pin, ...order];
  if (neighbour === s.pin || !order.includes(neighbour)) return order;
  const rest = order.filter((p) => p !== s.pin);
  const at = rest.indexOf(neighbour) + (s.after !== undefined ? 1 : 0);
  return [...rest.slice(0, at), s.pin, ...rest.slice(at)];
}

function describeBoards(driver: string, open: () => Promise<TestDatabase>) {
  describe(`board order on ${driver}`, () => {
    let handle: TestDatabase;
    let db: Database;
    let boards: BoardRepository;
    let seqs: bigint[];

    beforeAll(async () => {
      handle = await open();
      db = handle.db;
      await truncateAll(db);
      boards = new BoardRepository(db);
      const pins = new PinRepository(db);
      seqs = [];
      for (let i = 0; i < PINS; i++) seqs.push((await pins.createPin(samplePin(`board-pin-${i}`))).seq);
      await db.query(
        "insert into users (id, name, email, email_verified, updated_at) values ('u1', 'Ann', 'ann@example.com', false, now())",
      );
    });
    afterAll(async () => {
      await handle?.dispose();
    });

    const orderOf = async (boardId: string) => {
      const pins = await boards.boardPins(boardId);
      return pins.map((p) => seqs.indexOf(p.seq));
    };

    it("keeps a permutation without duplicates through any sequence of adds, moves and removals", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
          const board = await boards.createBoard({ ownerId: "u1", name: "Property", description: "", secret: false });
          let model: number[] = [];
          for (const s of steps) {
            if (s.op === "remove") await boards.removePin(board.id, seqs[s.pin]!);
            else {
              await boards.placePin(board.id, seqs[s.pin]!, {
                afterSeq: s.after === undefined ? undefined : seqs[s.after],
                beforeSeq: s.before === undefined ? undefined : seqs[s.before],
              });
            }
            model = expected(model, s);
          }
          const actual = await orderOf(board.id);
          expect(actual).toEqual(model);
          expect(new Set(actual).size).toBe(actual.length);
          expect((await boards.getBoard(board.id))!.pinCount).toBe(model.length);
          await boards.deleteBoard(board.id);
        }),
        { numRuns: 40, seed: 20261204 },
      );
    }, 120_000);

    it("a move writes one row: the other pins keep their keys", async () => {
      const board = await boards.createBoard({ ownerId: "u1", name: "One row", description: "", secret: false });
      for (const seq of seqs.slice(0, 5)) await boards.placePin(board.id, seq, {});
      const keys = async () =>
        new Map(
          (await db.query<{ pin_seq: string; order_key: string }>("select pin_seq::text, order_key from board_pins where board_id = $1", [
            board.id,
          ])).map((r) => [r.pin_seq, r.order_key]),
        );
      const before = await keys();
      await boards.placePin(board.id, seqs[0]!, { afterSeq: seqs[3] });
      const after = await keys();
      const changed = [...after].filter(([seq, key]) => before.get(seq) !== key).map(([seq]) => seq);
      expect(changed).toEqual([String(seqs[0])]);
    });

    it("two concurrent moves of the same board lose and duplicate nothing", async () => {
      const board = await boards.createBoard({ ownerId: "u1", name: "Race", description: "", secret: false });
      for (const seq of seqs.slice(0, 6).reverse()) await boards.placePin(board.id, seq, {});
      expect(await orderOf(board.id)).toEqual([0, 1, 2, 3, 4, 5]);
      // Both put a pin right after pin 0: without the board lock they would compute the same key.
      for (let round = 0; round < 5; round++) {
        const [a, b] = round % 2 === 0 ? [4, 5] : [5, 4];
        const outcomes = await Promise.all([
          boards.placePin(board.id, seqs[a]!, { afterSeq: seqs[0] }),
          boards.placePin(board.id, seqs[b]!, { afterSeq: seqs[0] }),
        ]);
        expect(outcomes).toEqual(["moved", "moved"]);
        const order = await orderOf(board.id);
        expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
        expect(order[0]).toBe(0);
        expect(new Set(order.slice(1, 3))).toEqual(new Set([4, 5]));
      }
      // And two adds of the same pin at once put it there once.
      const pinned = await Promise.all([boards.placePin(board.id, seqs[6]!, {}), boards.placePin(board.id, seqs[6]!, {})]);
      expect(pinned.sort()).toEqual(["added", "unchanged"]);
      expect((await orderOf(board.id)).filter((p) => p === 6)).toHaveLength(1);
    });

    it("refuses neighbours that are not on the board or out of order", async () => {
      const board = await boards.createBoard({ ownerId: "u1", name: "Refusals", description: "", secret: false });
      await boards.placePin(board.id, seqs[0]!, {});
      await boards.placePin(board.id, seqs[1]!, { afterSeq: seqs[0] });
      expect(await boards.placePin(board.id, seqs[2]!, { afterSeq: seqs[7] })).toBe("bad_placement");
      expect(await boards.placePin(board.id, seqs[2]!, { afterSeq: seqs[1], beforeSeq: seqs[0] })).toBe("bad_placement");
      expect(await boards.placePin("no-such-board", seqs[2]!, {})).toBe("board_missing");
      expect(await orderOf(board.id)).toEqual([0, 1]);
    });
  });
}

describeBoards("PGlite", openTestPglite);
describeBoards("PostgreSQL", () => openTestPostgres());
