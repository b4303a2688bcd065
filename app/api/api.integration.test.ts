// The HTTP contract end to end through the route handlers: real store (PGlite in a temporary
// DATA_DIR), real image intake, real embedder and index. Images are drawn here with sharp.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody, FeedResponse, PinResponse, SearchResponse } from "@/lib/contracts";
import { heicPhoto } from "@/lib/testing/fixtures";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-api-"));
process.env.DATABASE_URL = "";

const pins = await import("./pins/route");
const pin = await import("./pins/[id]/route");
const similar = await import("./pins/[id]/similar/route");
const search = await import("./search/route");
const searchEmbedding = await import("./search/embedding/route");
const health = await import("./health/route");

const base = "http://test.local";
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

function form(image: Buffer | string | null, fields: Record<string, string> = {}, imageField = "image"): FormData {
  const body = new FormData();
  if (typeof image === "string") body.set(imageField, image);
  else if (image) body.set(imageField, new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "upload.jpg");
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

const post = (url: string, body: FormData) => new Request(`${base}${url}`, { method: "POST", body });

async function errorCode(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

async function pinCount(): Promise<number> {
  return ((await (await health.GET()).json()) as { pins: number }).pins;
}

const created: { id: string; image: Buffer; title: string }[] = [];

beforeAll(async () => {
  const titles = ["Copper kettle", "Striped umbrella", "Walnut desk", "Ceramic teapot", "Wool scarf", "Garden lantern"];
  for (const [i, title] of titles.entries()) {
    const image = await picture(i + 1);
    const kind = i % 2 === 0 ? "product" : "pin";
    const fields: Record<string, string> = { title, description: `A ${title.toLowerCase()} for the demo.`, kind, category: "Home" };
    if (kind === "product") fields.price = String(10 + i * 10);
    const response = await pins.POST(post("/api/pins", form(image, fields)));
    expect(response.status).toBe(201);
    // Where the upload's time went, for developer tools and `npm run ingest`.
    expect(response.headers.get("server-timing")).toMatch(/^wait;dur=[\d.]+, decode;dur=[\d.]+, embed;dur=[\d.]+, store;dur=[\d.]+, index;dur=[\d.]+$/);
    created.push({ id: PinResponse.parse(await response.json()).pin.id, image, title });
  }
}, 300_000);

describe("pins", () => {
  it("lists the feed newest first with a working cursor", async () => {
    const first = FeedResponse.parse(await (await pins.GET(new Request(`${base}/api/pins?limit=4`))).json());
    expect(first.pins.map((p) => p.title)).toEqual(["Garden lantern", "Wool scarf", "Ceramic teapot", "Walnut desk"]);
    expect(first.nextCursor).not.toBeNull();
    const rest = FeedResponse.parse(
      await (await pins.GET(new Request(`${base}/api/pins?limit=4&cursor=${encodeURIComponent(first.nextCursor!)}`))).json(),
    );
    expect(rest.pins.map((p) => p.title)).toEqual(["Striped umbrella", "Copper kettle"]);
    expect(rest.nextCursor).toBeNull();
  });

  it("answers 404 for an unknown pin", async () => {
    const response = await pin.GET(new Request(`${base}/api/pins/nope`), params({ id: "nope" }));
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("not_found");
  });

  it("finds more like this, without the pin itself", async () => {
    const target = created[0]!;
    const response = await similar.GET(new Request(`${base}/api/pins/${target.id}/similar?k=3`), params({ id: target.id }));
    const body = (await response.json()) as { results: { id: string }[] };
    expect(response.status).toBe(200);
    expect(body.results).toHaveLength(3);
    expect(body.results.map((r) => r.id)).not.toContain(target.id);
  });
});

describe("image search", () => {
  it("finds the pin a cropped, recompressed photo was taken from, best first", async () => {
    const target = created[3]!;
    const photo = await sharp(target.image).extract({ left: 20, top: 20, width: 270, height: 270 }).resize(200).jpeg({ quality: 60 }).toBuffer();
    const response = await search.POST(post("/api/search", form(photo, { k: "3" })));
    const body = SearchResponse.parse(await response.json());
    expect(body.results).toHaveLength(3);
    expect(body.results[0]!.id).toBe(target.id);
    expect(body.results[0]!.score).toBeGreaterThan(body.results[1]!.score);
    expect(body.model).toMatch(/@/);
  });

  it("applies kind and price filters", async () => {
    const response = await search.POST(post("/api/search", form(created[1]!.image, { kind: "product", maxPrice: "30" })));
    const body = SearchResponse.parse(await response.json());
    expect(body.results.length).toBeGreaterThan(0);
    for (const result of body.results) {
      expect(result.pin.kind).toBe("product");
      expect(result.pin.price).toBeLessThanOrEqual(30);
    }
  });

  it("searches only the region in `box`", async () => {
    const box = JSON.stringify({ x: 0.1, y: 0.1, w: 0.8, h: 0.8 });
    const response = await search.POST(post("/api/search", form(created[2]!.image, { box, k: "1" })));
    expect(SearchResponse.parse(await response.json()).results[0]!.id).toBe(created[2]!.id);
  });

  it("refines the picture with words (multisearch): the pin both rank well comes first", async () => {
    const query = created[4]!;
    const alone = SearchResponse.parse(await (await search.POST(post("/api/search", form(query.image, { k: "6" })))).json());
    expect(alone.results[0]!.id).toBe(query.id);
    const kettle = created[0]!;
    const refined = SearchResponse.parse(await (await search.POST(post("/api/search", form(query.image, { k: "6", q: "kettle" })))).json());
    // The scarf is first by the picture, the kettle by the words; nothing else matches both.
    expect(refined.results.slice(0, 2).map((r) => r.id).sort()).toEqual([query.id, kettle.id].sort());
    expect(refined.results[0]!.score).toBeLessThanOrEqual(1);
    expect(refined.minRelevantScore).toBeUndefined();
    // Words that match the picture's own pin keep it first, with the top score.
    const both = SearchResponse.parse(await (await search.POST(post("/api/search", form(query.image, { k: "6", q: "scarf" })))).json());
    expect(both.results[0]).toMatchObject({ id: query.id, score: 1 });
    // Empty words are no words.
    const empty = SearchResponse.parse(await (await search.POST(post("/api/search", form(query.image, { k: "6", q: " " })))).json());
    expect(empty.results.map((r) => r.id)).toEqual(alone.results.map((r) => r.id));
  });

  it("answers a busy photo with the cut-off for photos searched by their objects, and a drawn box with the plain one", async () => {
    const product = await sharp(created[1]!.image).resize(150).toBuffer();
    const photo = await sharp(await picture(9, 640))
      .resize(640, 480)
      .composite([{ input: product, left: 380, top: 200 }])
      .blur(1)
      .jpeg({ quality: 60 })
      .toBuffer();
    const whole = SearchResponse.parse(await (await search.POST(post("/api/search", form(photo, { k: "6" })))).json());
    const manifest = JSON.parse(readFileSync(path.join("models", whole.model!.split("@")[0]!, "manifest.json"), "utf8")) as { minRelevantScore: number; minRelevantPhotoScore: number };
    expect(manifest.minRelevantPhotoScore).toBeGreaterThan(manifest.minRelevantScore);
    expect(whole.objectBoxes?.length).toBeGreaterThan(0);
    expect(whole.minRelevantScore).toBe(manifest.minRelevantPhotoScore);
    const box = JSON.stringify({ x: 0.55, y: 0.38, w: 0.32, h: 0.4 });
    const boxed = SearchResponse.parse(await (await search.POST(post("/api/search", form(photo, { k: "6", box })))).json());
    expect(boxed.objectBoxes).toBeUndefined();
    expect(boxed.minRelevantScore).toBe(manifest.minRelevantScore);
  });

  it("answers a vector search, and 409 for another model's vectors", async () => {
    const unit = Array.from({ length: 256 }, (_, i) => (i === 0 ? 1 : 0));
    const { model } = SearchResponse.parse(await (await search.POST(post("/api/search", form(created[0]!.image, { k: "1" })))).json());
    const ok = await searchEmbedding.POST(
      new Request(`${base}/api/search/embedding`, { method: "POST", body: JSON.stringify({ embedding: unit, model, k: 2 }) }),
    );
    expect(ok.status).toBe(200);
    expect(SearchResponse.parse(await ok.json()).results).toHaveLength(2);
    const mismatch = await searchEmbedding.POST(
      new Request(`${base}/api/search/embedding`, { method: "POST", body: JSON.stringify({ embedding: unit, model: "other@1" }) }),
    );
    expect(mismatch.status).toBe(409);
    expect(await errorCode(mismatch)).toBe("model_mismatch");
  });
});

describe("text search", () => {
  it("ranks the pin whose title holds the word first", async () => {
    const response = await search.GET(new Request(`${base}/api/search?q=teapot`));
    const body = SearchResponse.parse(await response.json());
    expect(body.results[0]!.pin.title).toBe("Ceramic teapot");
  });

  it("refuses an unknown filter", async () => {
    const response = await search.GET(new Request(`${base}/api/search?q=desk&colour=red`));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("unknown_field");
  });
});

describe("bad input changes nothing", () => {
  const cases: [string, () => Promise<FormData>, number, string][] = [
    ["an empty file", async () => form(Buffer.alloc(0)), 400, "empty_file"],
    ["text named .png", async () => form(Buffer.from("hello, not an image\n".repeat(10))), 415, "unsupported_image"],
    ["a JPEG cut in half", async () => { const jpg = await picture(9); return form(jpg.subarray(0, jpg.length >> 1)); }, 422, "corrupt_image"],
    ["a 1x1 image", async () => form(await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).png().toBuffer()), 422, "image_too_small"],
    ["the image under another field", async () => form(await picture(2), {}, "photo"), 400, "unknown_field"],
    ["a text value for image", async () => form("not a file"), 400, "missing_image"],
    ["no image at all", async () => form(null, { title: "x" }), 400, "missing_image"],
    ["an unknown field", async () => form(await picture(3), { colour: "red" }), 400, "unknown_field"],
  ];

  for (const [name, body, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const before = await pinCount();
      for (const route of [pins.POST, search.POST]) {
        const response = await route(post(route === pins.POST ? "/api/pins" : "/api/search", await body()));
        expect(response.status).toBe(status);
        expect(await errorCode(response)).toBe(code);
      }
      expect(await pinCount()).toBe(before);
    });
  }

  it("answers 400 invalid_field for a negative price", async () => {
    const before = await pinCount();
    const added = await pins.POST(post("/api/pins", form(await picture(3), { price: "-3" })));
    const searched = await search.POST(post("/api/search", form(await picture(3), { minPrice: "-3" })));
    for (const response of [added, searched]) {
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe("invalid_field");
    }
    expect(await pinCount()).toBe(before);
  });

  it("answers 400 bad_box for a malformed or out-of-image box", async () => {
    for (const box of ["{x:1", JSON.stringify({ x: 0.5, y: 0.5, w: 0.8, h: 0.2 }), JSON.stringify({ x: 0, y: 0, w: 0, h: 1 })]) {
      const response = await search.POST(post("/api/search", form(await picture(4), { box })));
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe("bad_box");
    }
  });

  it("refuses a body that is not multipart", async () => {
    const response = await pins.POST(new Request(`${base}/api/pins`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(415);
  });
});

describe("delete", () => {
  it("removes a pin from the feed and from search", async () => {
    const target = created[5]!;
    const response = await pin.DELETE(new Request(`${base}/api/pins/${target.id}`, { method: "DELETE" }), params({ id: target.id }));
    expect(response.status).toBe(204);
    expect((await pin.GET(new Request(`${base}/api/pins/${target.id}`), params({ id: target.id }))).status).toBe(404);
    const found = SearchResponse.parse(await (await search.POST(post("/api/search", form(target.image)))).json());
    expect(found.results.map((r) => r.id)).not.toContain(target.id);
  });
});

describe("HEIC", () => {
  it("an iPhone photo becomes a pin like any other, and finds itself as a query", async () => {
    const heic = heicPhoto();
    const created = await pins.POST(post("/api/pins", form(heic, { title: "Boards from a phone" })));
    expect(created.status).toBe(201);
    const { pin: made } = PinResponse.parse(await created.json());
    expect([made.width, made.height]).toEqual([320, 240]);
    const found = SearchResponse.parse(await (await search.POST(post("/api/search", form(heic, { k: "1" })))).json());
    expect(found.results[0]!.id).toBe(made.id);
  });
});
