// The Accounts and Boards contract end to end through the route handlers, for whichever
// database the calling test file set up (PGlite or a PostgreSQL server) before importing this.
import { beforeAll, describe, expect, it } from "vitest";
import { Board, BoardListResponse, BoardPinsResponse, BoardResponse, ErrorBody, IdeasResponse, PinResponse } from "@/lib/contracts";
import { PASSWORD_ATTEMPTS_PER_MINUTE } from "@/lib/server/auth";
import { picture } from "@/lib/testing/pictures";

export function describeBoardsApi(driver: string) {
  describe(`accounts and boards on ${driver}`, async () => {
    const auth = await import("./auth/[...all]/route");
    const boards = await import("./boards/route");
    const board = await import("./boards/[id]/route");
    const boardPins = await import("./boards/[id]/pins/route");
    const boardPin = await import("./boards/[id]/pins/[pinId]/route");
    const ideas = await import("./boards/[id]/ideas/route");
    const pins = await import("./pins/route");
    const pin = await import("./pins/[id]/route");

    const base = "http://127.0.0.1:3000";
    const params = <T>(value: T) => ({ params: Promise.resolve(value) });

    function request(path: string, init: { method?: string; body?: unknown; cookie?: string; ip?: string } = {}): Request {
      const headers = new Headers({ origin: base });
      if (init.body !== undefined) headers.set("content-type", "application/json");
      if (init.cookie) headers.set("cookie", init.cookie);
      headers.set("x-forwarded-for", init.ip ?? "198.51.100.1");
      return new Request(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    }

    async function signUp(name: string, ip: string): Promise<{ cookie: string; id: string }> {
      const response = await auth.POST(request("/api/auth/sign-up/email", { body: { name, email: `${name.toLowerCase()}@example.com`, password: "correct horse battery" }, ip }));
      expect(response.status).toBe(200);
      const { user } = (await response.json()) as { user: { id: string } };
      const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
      return { cookie, id: user.id };
    }

    async function upload(seed: number, fields: Record<string, string> = {}, cookie?: string): Promise<Response> {
      const form = new FormData();
      form.set("image", new Blob([new Uint8Array(await picture(seed))], { type: "image/jpeg" }), "p.jpg");
      form.set("title", `Picture ${seed}`);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      const headers = new Headers();
      if (cookie) headers.set("cookie", cookie);
      return pins.POST(new Request(`${base}/api/pins`, { method: "POST", body: form, headers }));
    }

    const code = async (response: Response) => ErrorBody.parse(await response.json()).error.code;
    const feedSize = async () => ((await (await pins.GET(new Request(`${base}/api/pins?limit=100`))).json()) as { pins: unknown[] }).pins.length;

    let ann: { cookie: string; id: string };
    let bob: { cookie: string; id: string };
    let open: Board;
    let secret: Board;
    const pinIds: string[] = [];

    beforeAll(async () => {
      ann = await signUp("Ann", "198.51.100.10");
      bob = await signUp("Bob", "198.51.100.11");
      for (let seed = 1; seed <= 6; seed++) pinIds.push(PinResponse.parse(await (await upload(seed)).json()).pin.id);
      const made = async (body: unknown) => BoardResponse.parse(await (await boards.POST(request("/api/boards", { body, cookie: ann.cookie }))).json()).board;
      open = await made({ name: "Kitchen", description: "Copper and wood" });
      secret = await made({ name: "Gifts", secret: true });
    }, 300_000);

    it("knows who is signed in, and nobody after sign-out", async () => {
      const session = await auth.GET(request("/api/auth/get-session", { cookie: ann.cookie }));
      expect(((await session.json()) as { user: { name: string } }).user.name).toBe("Ann");
      const visitor = await auth.GET(request("/api/auth/get-session"));
      expect(await visitor.json()).toBeNull();
      const other = await signUp("Cleo", "198.51.100.12");
      expect((await auth.POST(request("/api/auth/sign-out", { body: {}, cookie: other.cookie }))).status).toBe(200);
      expect(await (await auth.GET(request("/api/auth/get-session", { cookie: other.cookie }))).json()).toBeNull();
    });

    it("answers wrong passwords and taken emails with a code, and rate-limits repeated sign-ins", async () => {
      const attempt = (ip: string) =>
        auth.POST(request("/api/auth/sign-in/email", { body: { email: "ann@example.com", password: "wrong password" }, ip }));
      const wrong = await attempt("203.0.113.7");
      expect(wrong.status).toBe(401);
      expect(await code(wrong)).toBe("invalid_email_or_password");
      const taken = await auth.POST(
        request("/api/auth/sign-up/email", { body: { name: "Ann", email: "ann@example.com", password: "another password" }, ip: "198.51.100.13" }),
      );
      expect(taken.status).toBe(422);
      expect(await code(taken)).toBe("user_already_exists_use_another_email");
      for (let i = 1; i < PASSWORD_ATTEMPTS_PER_MINUTE; i++) expect((await attempt("203.0.113.7")).status).toBe(401);
      const limited = await attempt("203.0.113.7");
      expect(limited.status).toBe(429);
      expect(await code(limited)).toBe("rate_limited");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      // The right password from that address waits too; another address is not affected.
      const right = await auth.POST(
        request("/api/auth/sign-in/email", { body: { email: "ann@example.com", password: "correct horse battery" }, ip: "203.0.113.7" }),
      );
      expect(right.status).toBe(429);
      expect((await attempt("203.0.113.8")).status).toBe(401);
    });

    it("needs a session to create or list one's boards", async () => {
      const response = await boards.POST(request("/api/boards", { body: { name: "Nope" } }));
      expect(response.status).toBe(401);
      expect(await code(response)).toBe("unauthenticated");
      expect((await boards.GET(request("/api/boards"))).status).toBe(401);
    });

    it("validates board bodies", async () => {
      const post = (body: unknown) => boards.POST(request("/api/boards", { body, cookie: ann.cookie }));
      expect(await code(await post({ name: "  " }))).toBe("invalid_field");
      expect(await code(await post({ name: "x", color: "red" }))).toBe("unknown_field");
      expect(await code(await post({ name: "x".repeat(101) }))).toBe("invalid_field");
      expect(await code(await post({ name: 5 }))).toBe("invalid_field");
    });

    it("lists the owner's boards with secret ones, and others only the public ones", async () => {
      const mine = BoardListResponse.parse(await (await boards.GET(request("/api/boards", { cookie: ann.cookie }))).json());
      expect(mine.boards.map((b) => b.name).sort()).toEqual(["Gifts", "Kitchen"]);
      for (const cookie of [bob.cookie, undefined]) {
        const theirs = BoardListResponse.parse(await (await boards.GET(request(`/api/boards?user=${ann.id}`, { cookie }))).json());
        expect(theirs.boards.map((b) => b.name)).toEqual(["Kitchen"]);
      }
    });

    it("saves, orders and moves pins with one call each, and the order holds", async () => {
      const place = (boardId: string, body: unknown) => boardPins.POST(request(`/api/boards/${boardId}/pins`, { body, cookie: ann.cookie }), params({ id: boardId }));
      for (const id of pinIds.slice(0, 3)) expect((await place(open.id, { pinId: id })).status).toBe(201);
      const order = async (boardId = open.id) =>
        BoardPinsResponse.parse(await (await board.GET(request(`/api/boards/${boardId}`, { cookie: ann.cookie }), params({ id: boardId }))).json()).pins.map((p) => p.id);
      // New saves go first, as on Pinterest.
      expect(await order()).toEqual([pinIds[2], pinIds[1], pinIds[0]]);
      expect((await place(open.id, { pinId: pinIds[2], after: pinIds[0] })).status).toBe(200);
      expect(await order()).toEqual([pinIds[1], pinIds[0], pinIds[2]]);
      expect((await place(open.id, { pinId: pinIds[2], before: pinIds[1] })).status).toBe(200);
      expect(await order()).toEqual([pinIds[2], pinIds[1], pinIds[0]]);
      // Saving again changes nothing; a pin is on a board at most once.
      expect((await place(open.id, { pinId: pinIds[1] })).status).toBe(200);
      expect(await order()).toEqual([pinIds[2], pinIds[1], pinIds[0]]);
      expect(await code(await place(open.id, { pinId: pinIds[3], after: pinIds[5] }))).toBe("invalid_field");
      expect(await code(await place(open.id, { pinId: pinIds[3], after: pinIds[3] }))).toBe("invalid_field");
      expect(await code(await place(open.id, { pinId: "nope" }))).toBe("not_found");
      const cover = BoardResponse.parse(await (await place(open.id, { pinId: pinIds[3], after: pinIds[0] })).json()).board;
      expect(cover.pinCount).toBe(4);
      expect(cover.coverUrls).toHaveLength(3);
      // Moving between boards: add to the other, remove from this one.
      expect((await place(secret.id, { pinId: pinIds[3] })).status).toBe(201);
      const removed = await boardPin.DELETE(request(`/api/boards/${open.id}/pins/${pinIds[3]}`, { method: "DELETE", cookie: ann.cookie }), params({ id: open.id, pinId: pinIds[3]! }));
      expect(removed.status).toBe(204);
      expect(await order()).toEqual([pinIds[2], pinIds[1], pinIds[0]]);
      expect(await order(secret.id)).toEqual([pinIds[3]]);
    });

    it("gives ideas that are not on the board", async () => {
      const response = await ideas.GET(request(`/api/boards/${open.id}/ideas?k=3`, { cookie: ann.cookie }), params({ id: open.id }));
      const { results } = IdeasResponse.parse(await response.json());
      expect(results).toHaveLength(3);
      const onBoard = new Set(pinIds.slice(0, 3));
      for (const r of results) expect(onBoard.has(r.id)).toBe(false);
      expect(new Set(results.map((r) => r.id)).size).toBe(3);
    });

    it("hides a secret board, its pins, its ideas and its existence from everyone else", async () => {
      const absent = "NoSuchBoard1";
      for (const cookie of [bob.cookie, undefined]) {
        for (const id of [secret.id, absent]) {
          const answers = [
            await board.GET(request(`/api/boards/${id}`, { cookie }), params({ id })),
            await ideas.GET(request(`/api/boards/${id}/ideas`, { cookie }), params({ id })),
          ];
          for (const response of answers) {
            expect(response.status).toBe(404);
            expect(await response.json()).toEqual({ error: { code: "not_found", message: `No board with id ${id}.` } });
          }
        }
      }
      const asBob = [
        await board.PATCH(request(`/api/boards/${secret.id}`, { method: "PATCH", body: { name: "Mine" }, cookie: bob.cookie }), params({ id: secret.id })),
        await board.DELETE(request(`/api/boards/${secret.id}`, { method: "DELETE", cookie: bob.cookie }), params({ id: secret.id })),
        await boardPins.POST(request(`/api/boards/${secret.id}/pins`, { body: { pinId: pinIds[4] }, cookie: bob.cookie }), params({ id: secret.id })),
        await boardPin.DELETE(request(`/api/boards/${secret.id}/pins/${pinIds[3]}`, { method: "DELETE", cookie: bob.cookie }), params({ id: secret.id, pinId: pinIds[3]! })),
      ];
      for (const response of asBob) expect(response.status).toBe(404);
      // Uploading onto it: refused before anything is stored.
      const before = await feedSize();
      const upload404 = await upload(40, { boardId: secret.id }, bob.cookie);
      expect(upload404.status).toBe(404);
      expect((await upload(41, { boardId: secret.id })).status).toBe(401);
      expect(await feedSize()).toBe(before);
      // Ann still sees it whole.
      const hers = BoardPinsResponse.parse(await (await board.GET(request(`/api/boards/${secret.id}`, { cookie: ann.cookie }), params({ id: secret.id }))).json());
      expect(hers.board.name).toBe("Gifts");
      expect(hers.pins.map((p) => p.id)).toEqual([pinIds[3]]);
    });

    it("lets only the owner change a public board (403), and the owner rename, make secret and delete it", async () => {
      const rename = (cookie: string) =>
        board.PATCH(request(`/api/boards/${open.id}`, { method: "PATCH", body: { name: "Copper kitchen" }, cookie }), params({ id: open.id }));
      const refused = await rename(bob.cookie);
      expect(refused.status).toBe(403);
      expect(await code(refused)).toBe("forbidden");
      expect((await boardPins.POST(request(`/api/boards/${open.id}/pins`, { body: { pinId: pinIds[4] }, cookie: bob.cookie }), params({ id: open.id }))).status).toBe(403);
      expect((await board.GET(request(`/api/boards/${open.id}`, { cookie: bob.cookie }), params({ id: open.id }))).status).toBe(200);
      const renamed = BoardResponse.parse(await (await rename(ann.cookie)).json()).board;
      expect(renamed.name).toBe("Copper kitchen");
      await board.PATCH(request(`/api/boards/${open.id}`, { method: "PATCH", body: { secret: true }, cookie: ann.cookie }), params({ id: open.id }));
      expect((await board.GET(request(`/api/boards/${open.id}`, { cookie: bob.cookie }), params({ id: open.id }))).status).toBe(404);
      expect(await code(await board.PATCH(request(`/api/boards/${open.id}`, { method: "PATCH", body: {}, cookie: ann.cookie }), params({ id: open.id })))).toBe("invalid_field");
    });

    it("uploads straight onto the user's own board, and a deleted pin leaves every board", async () => {
      const created = await upload(50, { boardId: secret.id }, ann.cookie);
      expect(created.status).toBe(201);
      const id = PinResponse.parse(await created.json()).pin.id;
      const onBoard = async () =>
        BoardPinsResponse.parse(await (await board.GET(request(`/api/boards/${secret.id}`, { cookie: ann.cookie }), params({ id: secret.id }))).json()).pins.map((p) => p.id);
      expect((await onBoard())[0]).toBe(id);
      expect((await pin.DELETE(new Request(`${base}/api/pins/${id}`, { method: "DELETE" }), params({ id }))).status).toBe(204);
      expect(await onBoard()).not.toContain(id);
      const deleted = await board.DELETE(request(`/api/boards/${secret.id}`, { method: "DELETE", cookie: ann.cookie }), params({ id: secret.id }));
      expect(deleted.status).toBe(204);
      expect((await board.GET(request(`/api/boards/${secret.id}`, { cookie: ann.cookie }), params({ id: secret.id }))).status).toBe(404);
    });
  });
}
