// The live catalog reader against an HTTP server that answers the feed and image routes as the
// API contract says (two pages, a repeated image, a broken file), with pictures drawn here.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { picture } from "@/lib/testing/pictures";
import { liveCatalog, livePins, pinsSince } from "./live-catalog";

const sha = (n: number) => n.toString(16).padStart(64, "0");
const pin = (n: number, createdAt: string, image = n, category: string | null = "Home") => ({
  id: `pin${n}`,
  title: `Pin ${n}`,
  description: "",
  link: null,
  price: null,
  category,
  kind: "pin",
  imageUrl: `/api/images/${sha(image)}/display`,
  thumbUrl: `/api/images/${sha(image)}/thumb`,
  width: 320,
  height: 320,
  dominantColor: "#808080",
  createdAt,
});
// The feed is newest first.
const feed = [
  pin(4, "2026-12-04T10:00:00.000Z", 2),
  pin(3, "2026-12-03T10:00:00.000Z", 3, null),
  pin(2, "2026-12-02T10:00:00.000Z"),
  pin(1, "2026-12-01T10:00:00.000Z"),
];
const images = new Map<string, Buffer>();
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  images.set(sha(1), await picture(1));
  images.set(sha(2), await picture(2));
  images.set(sha(3), Buffer.from("not an image at all"));
  server = createServer((request, response) => {
    const url = new URL(request.url!, "http://x");
    requests.push(url.pathname);
    if (url.pathname === "/api/pins") {
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const pins = feed.slice(start, start + 2);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ pins, nextCursor: start + 2 < feed.length ? String(start + 2) : null }));
      return;
    }
    const bytes = images.get(url.pathname.split("/")[3] ?? "");
    response.statusCode = bytes ? 200 : 404;
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the live catalog", () => {
  it("lists every page of pins, oldest first, and counts the pins added since a time", async () => {
    const pins = await livePins(base);
    expect(pins.map((p) => p.id)).toEqual(["pin1", "pin2", "pin3", "pin4"]);
    expect(pinsSince(pins, null)).toBe(4);
    expect(pinsSince(pins, "2026-12-02T10:00:00.000Z")).toBe(2);
  });

  it("downloads each distinct usable image once, skips a broken one, and fetches only new images later", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "glimpse-live-"));
    const pins = await livePins(base);
    const first = await liveCatalog(base, pins, dir, () => {});
    // pin4 shows pin2's picture: one identity; pin3's file is not an image.
    expect(first.images.map((i) => i.title)).toEqual(["Pin 1", "Pin 2"]);
    expect(first.images.map((i) => path.basename(i.file))).toEqual([sha(1), sha(2)]);
    expect(first.images.every((i) => existsSync(i.file))).toBe(true);
    expect(first).toMatchObject({ newest: "2026-12-04T10:00:00.000Z", downloaded: 2, skipped: 1 });

    requests.length = 0;
    const again = await liveCatalog(base, pins, dir, () => {});
    expect(again.images).toEqual(first.images);
    expect(again.downloaded).toBe(0);
    expect(requests.filter((r) => r.startsWith("/api/images/") && !r.includes(sha(3)))).toEqual([]);
  });
});
