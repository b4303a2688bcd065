// Hostile input, fuzzed: seeded mutations of real images (bit flips, truncations, header edits,
// absurd declared sizes, polyglots) sent to the upload and search routes, broken multipart
// bodies, and hostile JSON to the JSON routes. Every answer must be a 2xx or a 4xx with the
// error envelope, never a 5xx; a refused upload must leave the store as it was, and an accepted
// one add exactly one pin. GLIMPSE_FUZZ_CASES sets how many image cases run (default 1500).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody } from "@/lib/contracts";
import { seededRandom } from "@/lib/random";
import { heicPhoto } from "@/lib/testing/fixtures";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-fuzz-"));
process.env.DATABASE_URL = "";

const pins = await import("./pins/route");
const search = await import("./search/route");
const searchEmbedding = await import("./search/embedding/route");
const boards = await import("./boards/route");
const health = await import("./health/route");

const CASES = Number(process.env.GLIMPSE_FUZZ_CASES ?? 1500);
const base = "http://test.local";
const random = seededRandom(20261204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (n: number) => Math.floor(random() * n);

async function pinCount(): Promise<number> {
  return ((await (await health.GET()).json()) as { pins: number }).pins;
}

/** A 2xx, or a 4xx carrying the error envelope; anything else fails with the case named. */
async function expectHandled(response: Response, label: string): Promise<void> {
  if (response.status >= 500 || response.status < 200) throw new Error(`${label}: answered ${response.status} ${await response.text()}`);
  if (response.status >= 400) {
    const body = ErrorBody.safeParse(await response.json().catch(() => null));
    if (!body.success) throw new Error(`${label}: a ${response.status} without the error envelope`);
  }
}

// ---- Mutations of real image bytes ---------------------------------------------------------

type Mutation = (bytes: Buffer) => Buffer;

const mutations: Record<string, Mutation> = {
  "bit flips": (b) => {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + int(8); i < n; i++) out[int(out.length)]! ^= 1 << int(8);
    return out;
  },
  "header bit flips": (b) => {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + int(4); i < n; i++) out[int(Math.min(out.length, 64))]! ^= 1 << int(8);
    return out;
  },
  truncation: (b) => b.subarray(0, int(b.length)),
  "bytes overwritten": (b) => {
    const out = Buffer.from(b);
    const at = int(out.length);
    out.fill(pick([0x00, 0xff, 0x41]), at, Math.min(out.length, at + 1 + int(256)));
    return out;
  },
  "absurd declared size": (b) => {
    const out = Buffer.from(b);
    if (out.subarray(1, 4).toString() === "PNG") out.writeUInt32BE(pick([0, 1, 0x7fffffff, 0xffffffff, 100000]), 16);
    else if (out[0] === 0xff && out[1] === 0xd8) {
      for (let i = 2; i < out.length - 8; i++) {
        if (out[i] === 0xff && out[i + 1] === 0xc0) {
          out.writeUInt16BE(pick([0, 1, 65535]), i + 5);
          out.writeUInt16BE(pick([0, 1, 65535]), i + 7);
          break;
        }
      }
    } else if (out.subarray(0, 3).toString() === "GIF") out.writeUInt16LE(pick([0, 65535]), 6);
    else out.writeUInt32LE(0xffffffff, Math.min(out.length - 4, 24));
    return out;
  },
  "chunk repeated": (b) => {
    const at = int(b.length);
    const piece = b.subarray(at, at + 1 + int(512));
    return Buffer.concat([b.subarray(0, at), ...Array.from({ length: 1 + int(50) }, () => piece), b.subarray(at)]);
  },
  "polyglot with a zip": (b) => Buffer.concat([b, Buffer.from("PK\x03\x04\x14\x00\x00\x00\x08\x00"), Buffer.alloc(int(4096), 0x5a)]),
  "html behind the magic": (b) => Buffer.concat([b.subarray(0, 16), Buffer.from("<html><script>alert(1)</script></html>")]),
  "magic only": (b) => b.subarray(0, 4 + int(12)),
};

describe("fuzzed uploads and searches", () => {
  const seeds: { format: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    for (const [i, format] of (["jpeg", "png", "webp", "gif", "avif"] as const).entries()) {
      seeds.push({ format, bytes: await sharp(await picture(i + 1, 96)).toFormat(format).toBuffer() });
    }
    seeds.push({ format: "heic", bytes: heicPhoto() });
  }, 60_000);

  it(`answers ${CASES} mutated images with 2xx or 4xx, and a refused upload changes nothing`, async () => {
    const tally: Record<string, number> = {};
    for (let i = 0; i < CASES; i++) {
      const seed = pick(seeds);
      const name = pick(Object.keys(mutations));
      const bytes = mutations[name]!(seed.bytes);
      const label = `case ${i}: ${name} of ${seed.format} (${bytes.length} bytes)`;
      const body = new FormData();
      body.set("image", new Blob([new Uint8Array(bytes)], { type: `image/${seed.format}` }), `fuzz.${seed.format}`);
      if (i % 3 === 0) {
        const response = await search.POST(new Request(`${base}/api/search`, { method: "POST", body }));
        await expectHandled(response, label);
        tally[`search ${response.status}`] = (tally[`search ${response.status}`] ?? 0) + 1;
        continue;
      }
      body.set("title", `fuzz ${i}`);
      const before = await pinCount();
      const response = await pins.POST(new Request(`${base}/api/pins`, { method: "POST", body }));
      await expectHandled(response, label);
      expect(await pinCount(), label).toBe(before + (response.status === 201 ? 1 : 0));
      tally[`upload ${response.status}`] = (tally[`upload ${response.status}`] ?? 0) + 1;
    }
    console.log("fuzzed image cases by route and status:", tally);
  }, 900_000);
});

describe("broken multipart bodies", () => {
  it("refuses each with a 4xx and stores nothing", async () => {
    const image = await picture(9, 96);
    const boundary = "----fuzzboundary";
    const part = (name: string, value: string | Buffer, filename?: string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}\r\n\r\n`),
        Buffer.from(value),
        Buffer.from("\r\n"),
      ]);
    const end = Buffer.from(`--${boundary}--\r\n`);
    const cases: { label: string; contentType: string; body: Buffer }[] = [
      { label: "no boundary", contentType: "multipart/form-data", body: Buffer.concat([part("image", image, "a.jpg"), end]) },
      { label: "wrong boundary", contentType: "multipart/form-data; boundary=other", body: Buffer.concat([part("image", image, "a.jpg"), end]) },
      { label: "no closing boundary", contentType: `multipart/form-data; boundary=${boundary}`, body: part("image", image.subarray(0, 500), "a.jpg") },
      { label: "two images", contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part("image", image, "a.jpg"), part("image", image, "b.jpg"), part("title", "x".repeat(10)), part("title", "y"), end]) },
      { label: "huge field name", contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part("image", image, "a.jpg"), part("x".repeat(100_000), "v"), end]) },
      { label: "image as text", contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([part("image", "not a file"), end]) },
      { label: "empty body", contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.alloc(0) },
      { label: "JSON instead", contentType: "application/json", body: Buffer.from('{"image":"x"}') },
      { label: "garbage", contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(Array.from({ length: 4096 }, () => int(256))) },
    ];
    for (const { label, contentType, body } of cases) {
      const before = await pinCount();
      const response = await pins.POST(new Request(`${base}/api/pins`, { method: "POST", body: new Uint8Array(body), headers: { "content-type": contentType } }));
      await expectHandled(response, label);
      // Two images or a repeated title are not what the contract allows either.
      if (label !== "two images") expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(await pinCount(), label).toBe(before + (response.status === 201 ? 1 : 0));
    }
  }, 120_000);
});

describe("hostile JSON", () => {
  const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
  const values: unknown[] = [
    null,
    [],
    "string",
    1e308,
    -0,
    { embedding: "🎉".repeat(1000), model: "x" },
    { embedding: Array.from({ length: 100_000 }, () => 1e308), model: "glimpse-unified@1" },
    { embedding: [Number.MAX_SAFE_INTEGER], model: { $gt: "" } },
    { embedding: [1, 2, 3], model: "m", k: 1e12 },
    { embedding: [1, 2, 3], model: "m", k: "ten" },
    { embedding: [1, 2, 3], model: "m", unknownField: true },
    { name: "x".repeat(10_000) },
    { name: "\u0000\u202e\ud800" },
    { name: ["a"], secret: "yes" },
    { name: "ok", __proto__: { secret: true } },
    deep(2000),
  ];

  it("answers each JSON route with a 4xx, never a 5xx", async () => {
    for (const [i, value] of values.entries()) {
      const body = JSON.stringify(value) ?? "";
      for (const [route, handler] of [
        ["/api/search/embedding", searchEmbedding.POST],
        ["/api/boards", boards.POST],
      ] as const) {
        const response = await handler(new Request(`${base}${route}`, { method: "POST", body, headers: { "content-type": "application/json" } }));
        await expectHandled(response, `${route} case ${i}`);
        expect(response.status, `${route} case ${i}`).toBeGreaterThanOrEqual(400);
      }
    }
    // Not JSON at all, and JSON past the size limit.
    for (const body of ["{", "\u0000", "x".repeat(300_000)]) {
      const response = await searchEmbedding.POST(new Request(`${base}/api/search/embedding`, { method: "POST", body }));
      await expectHandled(response, `raw ${body.slice(0, 8)}`);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  }, 120_000);
});
