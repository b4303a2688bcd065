// Shop the Look end to end through the route handlers: real store (PGlite in a temporary
// DATA_DIR), real detector and embedder. Scenes are composed here from demo-catalog images.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody, PinResponse, ShopResponse } from "@/lib/contracts";
import { centreInside, composeScene, DEMO_IMAGES } from "@/lib/detect/test-scenes";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-shop-"));
process.env.DATABASE_URL = "";

const pins = await import("./pins/route");
const pin = await import("./pins/[id]/route");
const shop = await import("./shop/route");
const pinShop = await import("./pins/[id]/shop/route");

const base = "http://test.local";
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

function form(image: Buffer | null, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  if (image) body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "scene.jpg");
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}
const post = (url: string, body: FormData) => new Request(`${base}${url}`, { method: "POST", body });

const products = [
  { file: "vehicles-bus-style-2.webp", category: "Vehicles" },
  { file: "fruit-mandarin-orange.webp", category: "Fruit" },
  { file: "drinks-cup-of-coffee.webp", category: "Drinks" },
  { file: "electronics-gameboy-pocket.webp", category: "Electronics" },
  { file: "fruit-cartoon-pineapple.webp", category: "Fruit" },
  { file: "vehicles-boat.webp", category: "Vehicles" },
];
const ids = new Map<string, string>();

async function addPin(image: Buffer, title: string, category: string, kind: "product" | "pin"): Promise<string> {
  const fields = { title, category, kind, ...(kind === "product" ? { price: "10" } : {}) };
  const response = await pins.POST(post("/api/pins", form(image, fields)));
  expect(response.status).toBe(201);
  return PinResponse.parse(await response.json()).pin.id;
}

let sceneJpeg: Buffer;
let truths: { file: string; box: { x: number; y: number; w: number; h: number } }[];

beforeAll(async () => {
  for (const p of products) ids.set(p.file, await addPin(readFileSync(path.join(DEMO_IMAGES, p.file)), p.file, p.category, "product"));
  const placements = [
    { file: "vehicles-bus-style-2.webp", left: 40, top: 60, size: 220 },
    { file: "fruit-mandarin-orange.webp", left: 380, top: 220, size: 200 },
  ];
  const scene = await composeScene("photography-weathered-wooden-boards.webp", placements);
  sceneJpeg = scene.jpeg;
  truths = placements.map((p, i) => ({ file: p.file, box: scene.boxes[i]! }));
}, 300_000);

describe("POST /api/shop", () => {
  it("finds both items of a composed scene and their products in the top 5", async () => {
    const response = await shop.POST(post("/api/shop", form(sceneJpeg, { k: "5" })));
    expect(response.status).toBe(200);
    const body = ShopResponse.parse(await response.json());
    expect(body.objects.length).toBeLessThanOrEqual(6);
    for (const truth of truths) {
      const matches = body.objects.filter((o) => centreInside(o.box, truth.box));
      expect(matches.length).toBeGreaterThan(0);
      expect(matches.some((o) => o.products.slice(0, 5).some((p) => p.id === ids.get(truth.file)))).toBe(true);
    }
    for (const object of body.objects) {
      expect(object.products.length).toBeLessThanOrEqual(5);
      for (const product of object.products) expect(product.pin.kind).toBe("product");
    }
  });

  it("shows one object on a plain picture of one thing, with its product", async () => {
    // A picture the catalog does not hold: the boat on a white canvas of another shape.
    const sharp = (await import("sharp")).default;
    const boat = await sharp(path.join(DEMO_IMAGES, "vehicles-boat.webp")).resize(300, 300, { fit: "contain", background: "#ffffff" }).flatten({ background: "#ffffff" }).toBuffer();
    const plain = await sharp({ create: { width: 640, height: 420, channels: 3, background: "#ffffff" } }).composite([{ input: boat, left: 170, top: 60 }]).jpeg().toBuffer();
    const body = ShopResponse.parse(await (await shop.POST(post("/api/shop", form(plain, { k: "5" })))).json());
    expect(body.objects).toHaveLength(1);
    expect(body.objects[0]!.products.some((p) => p.id === ids.get("vehicles-boat.webp"))).toBe(true);
  });

  it("answers no objects for a blank scene", async () => {
    const sharp = (await import("sharp")).default;
    const blank = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#c8c8c8" } }).jpeg().toBuffer();
    const body = ShopResponse.parse(await (await shop.POST(post("/api/shop", form(blank)))).json());
    expect(body.objects).toEqual([]);
  });

  it("refuses bad input with an actionable code", async () => {
    const sharp = (await import("sharp")).default;
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer();
    const cases: [FormData, string][] = [
      [form(null), "missing_image"],
      [form(tiny), "image_too_small"],
      [form(Buffer.from("not an image at all, just text")), "unsupported_image"],
      [form(sceneJpeg.subarray(0, 0)), "empty_file"],
      [form(sceneJpeg, { k: "0" }), "invalid_field"],
      [form(sceneJpeg, { box: "{}" }), "unknown_field"],
    ];
    for (const [body, code] of cases) {
      const response = await shop.POST(post("/api/shop", body));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(ErrorBody.parse(await response.json()).error.code).toBe(code);
    }
  });
});

describe("GET /api/pins/:id/shop", () => {
  it("shops a stored scene the same way twice, and follows the catalog as it changes", async () => {
    const sceneId = await addPin(sceneJpeg, "A bus and an orange", "Photography", "pin");
    const ask = async () => {
      const response = await pinShop.GET(new Request(`${base}/api/pins/${sceneId}/shop?k=3`), params({ id: sceneId }));
      expect(response.status).toBe(200);
      return ShopResponse.parse(await response.json());
    };
    const first = await ask();
    const again = await ask();
    expect(again.objects).toEqual(first.objects);
    const removed = first.objects.flatMap((o) => o.products.map((p) => p.id))[0];
    expect(removed).toBeDefined();
    if (removed) {
      expect((await pin.DELETE(new Request(`${base}/api/pins/${removed}`, { method: "DELETE" }), params({ id: removed }))).status).toBeLessThan(300);
      const after = await ask();
      expect(after.objects.flatMap((o) => o.products.map((p) => p.id))).not.toContain(removed);
    }
  });

  it("answers 404 for an unknown pin", async () => {
    const response = await pinShop.GET(new Request(`${base}/api/pins/nope/shop`), params({ id: "nope" }));
    expect(response.status).toBe(404);
  });
});
