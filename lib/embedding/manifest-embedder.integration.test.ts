// Loads the shipped model from models/ and checks the contract every caller relies on. The
// images are drawn here with sharp, so the test needs nothing beyond the repository.
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/image/types";
import { loadManifestEmbedder, type ManifestEmbedder } from "./manifest-embedder";

async function rgb(svg: string, blur = 0, crop?: { left: number; top: number; width: number; height: number }): Promise<RgbImage> {
  let img = sharp(Buffer.from(svg)).flatten({ background: "#ffffff" });
  if (crop) img = sharp(await img.png().toBuffer()).extract(crop);
  if (blur > 0) img = sharp(await img.png().toBuffer()).blur(blur);
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

const umbrella = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="white"/>
  <path d="M28 130 Q128 10 228 130 Z" fill="#d22"/><rect x="124" y="128" width="8" height="90" fill="#333"/>
  <path d="M132 214 q0 22 -20 14" stroke="#333" stroke-width="8" fill="none"/></svg>`;
const chequer = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#fff"/>
  ${Array.from({ length: 16 }, (_, i) => `<rect x="${(i % 4) * 64}" y="${Math.floor(i / 4) * 64}" width="32" height="32" fill="#1a6"/>`).join("")}
  <circle cx="128" cy="128" r="30" fill="#fc0"/></svg>`;
const scene = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="640">
  <rect width="480" height="640" fill="#7a8f6a"/><rect y="400" width="480" height="240" fill="#8a6d4a"/>
  <g transform="translate(150 260) scale(0.8)">${inner}</g></svg>`;

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("ManifestEmbedder (shipped model)", () => {
  let embedder: ManifestEmbedder;
  beforeAll(async () => {
    embedder = await loadManifestEmbedder(path.join(process.cwd(), "models/glimpse-concat-pca256"), process.cwd());
  });
  afterAll(() => embedder?.dispose());

  it("embeds to a unit vector of the manifest's dimension", async () => {
    const v = await embedder.embed(await rgb(umbrella));
    expect(v.length).toBe(embedder.dim);
    expect(embedder.model).toMatch(/^glimpse-concat-pca256@\d+$/);
    expect(norm(v)).toBeCloseTo(1, 4);
  });

  it("finds a cropped, blurred copy closer than a different image", async () => {
    const a = await embedder.embed(await rgb(umbrella));
    const aDegraded = await embedder.embed(await rgb(umbrella, 1.5, { left: 10, top: 14, width: 230, height: 226 }));
    const b = await embedder.embed(await rgb(chequer));
    expect(cos(a, aDegraded)).toBeGreaterThan(cos(a, b));
    expect(cos(a, aDegraded)).toBeGreaterThan(embedder.minRelevantScore);
  });

  it("returns the full frame first, then up to one view per saliency map, all unit length", async () => {
    const photo = await rgb(scene(umbrella.replace(/<\/?svg[^>]*>/g, "")));
    const views = await embedder.embedQuery(photo);
    expect(views.length).toBeGreaterThanOrEqual(1);
    expect(views.length).toBeLessThanOrEqual(1 + embedder.manifest.queryViews.saliency.length);
    expect(Array.from(views[0]!)).toEqual(Array.from(await embedder.embed(photo)));
    for (const v of views) expect(norm(v)).toBeCloseTo(1, 4);
  });
});
