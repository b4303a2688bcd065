// A PostgreSQL server that goes away and comes back, through the route handlers. The app
// reaches the server through a TCP proxy that this test cuts (every connection dropped, new ones
// refused) and restores, as a server restart looks from the app, without disturbing the real
// server other suites use. While it is gone every route answers `503 unavailable` in the
// contract's envelope, quickly; nothing half-written stays; once it is back the same process
// serves again without a restart.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorBody, FeedResponse, PinResponse, SearchResponse } from "@/lib/contracts";
import { picture } from "@/lib/testing/pictures";
import { defaultTestDatabaseUrl } from "@/lib/store/testing";

const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? defaultTestDatabaseUrl);

/** A TCP proxy to the database server that can be cut and restored on the same port. */
async function databaseProxy() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(serverUrl.port || 5432), serverUrl.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    async restore() {
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
  };
}

const schema = `test_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: serverUrl.href });
await admin.connect();
await admin.query(`create schema ${schema}`);
const proxy = await databaseProxy();
const proxied = new URL(serverUrl.href);
proxied.port = String(proxy.port);

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-outage-"));
process.env.DATABASE_URL = proxied.href;
process.env.DATABASE_SCHEMA = schema;

const pins = await import("./pins/route");
const search = await import("./search/route");

afterAll(async () => {
  const { closeServerContext } = await import("@/lib/server/context");
  await closeServerContext();
  await proxy.cut().catch(() => {});
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.query(`drop schema if exists ${schema}_jobs cascade`);
  await admin.end();
});

const base = "http://test.local";
const feed = () => pins.GET(new Request(`${base}/api/pins?limit=50`));
const textSearch = (q: string) => search.GET(new Request(`${base}/api/search?q=${q}`));
function upload(image: Buffer, title: string) {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "upload.jpg");
  body.set("title", title);
  return pins.POST(new Request(`${base}/api/pins`, { method: "POST", body }));
}
function imageSearch(image: Buffer) {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "query.jpg");
  return search.POST(new Request(`${base}/api/search`, { method: "POST", body }));
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(ErrorBody.parse(await response.json()).error.code).toBe("unavailable");
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
}

describe("a database that goes away and comes back", () => {
  it("answers 503 unavailable while it is gone, keeps what was acknowledged, and recovers without a restart", async () => {
    const before = await upload(await picture(1), "Copper kettle");
    expect(before.status).toBe(201);
    const kept = PinResponse.parse(await before.json()).pin;

    await proxy.cut();
    await expectUnavailable(await feed());
    await expectUnavailable(await textSearch("kettle"));
    await expectUnavailable(await upload(await picture(2), "Walnut desk"));

    await proxy.restore();
    // The pool drops the connections that died and opens new ones: no restart needed.
    const page = FeedResponse.parse(await (await feed()).json());
    expect(page.pins.map((p) => p.id)).toEqual([kept.id]);
    const after = await upload(await picture(2), "Walnut desk");
    expect(after.status).toBe(201);
    const added = PinResponse.parse(await after.json()).pin;
    const found = SearchResponse.parse(await (await imageSearch(await picture(2))).json());
    expect(found.results[0]?.id).toBe(added.id);
    expect(FeedResponse.parse(await (await feed()).json()).pins).toHaveLength(2);
  });
});
