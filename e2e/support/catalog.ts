// The slice of the demo catalog the browser tests run against, and query images made from it
// the way a user's photo differs from a catalog image (cropped, rotated, rescaled, recompressed).
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { CatalogLine } from "@/scripts/lib/catalog-source";

const catalogFile = path.join("catalog", "demo", "catalog.jsonl");

function catalogLines(): CatalogLine[] {
  return readFileSync(catalogFile, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => CatalogLine.parse(JSON.parse(line)));
}

/** The composed scene the Shop the Look tests open (see docs/catalog.md, "Scenes"). */
export const SHOP_SCENE_FILE = "images/scene-wardrobe-01.jpg";

/** The demo scene used by the shop tests, with its ground truth and the product lines it shows. */
export function shopScene(): { scene: CatalogLine; products: CatalogLine[] } {
  const lines = catalogLines();
  const scene = lines.find((line) => line.file === SHOP_SCENE_FILE);
  if (!scene?.objects?.length) throw new Error(`${SHOP_SCENE_FILE} is not a scene; run scripts/build-demo-scenes.ts`);
  const products = scene.objects.map(({ file }) => {
    const product = lines.find((line) => line.file === file);
    if (!product) throw new Error(`${SHOP_SCENE_FILE} shows ${file}, which is not in the catalog`);
    return product;
  });
  return { scene, products };
}

/**
 * Every n-th line of the demo catalog (scenes left out, so the slice stays what it was before
 * scenes existed): a spread of categories, small enough to seed quickly; then one scene and the
 * products in it, for Shop the Look.
 */
export function seedLines(count = 48): CatalogLine[] {
  const lines = catalogLines().filter((line) => line.category !== "Scenes");
  const step = Math.max(1, Math.floor(lines.length / count));
  const slice = lines.filter((_, i) => i % step === 0).slice(0, count);
  const { scene, products } = shopScene();
  const extra = [...products, scene].filter((line) => !slice.some((s) => s.file === line.file));
  return [...slice, ...extra];
}

/** A line of the demo catalog that the browser tests do not seed, for a test's own pin. */
export function unseededLine(): CatalogLine {
  const seeded = new Set(seedLines().map((line) => line.file));
  const line = catalogLines().find((candidate) => candidate.category !== "Scenes" && !seeded.has(candidate.file));
  if (!line) throw new Error("every catalog line is seeded");
  return line;
}

export function catalogImagePath(line: CatalogLine): string {
  return path.resolve(path.dirname(catalogFile), line.file);
}

/** A phone-snapshot version of a catalog image: 80% centre crop, slight turn, JPEG. */
export async function snapshotOf(line: CatalogLine): Promise<Buffer> {
  const source = sharp(catalogImagePath(line));
  const { width = 0, height = 0 } = await source.metadata();
  const crop = { left: Math.round(width * 0.1), top: Math.round(height * 0.1), width: Math.round(width * 0.8), height: Math.round(height * 0.8) };
  return sharp(catalogImagePath(line))
    .extract(crop)
    .rotate(4, { background: "#ffffff" })
    .resize(360)
    .jpeg({ quality: 70 })
    .toBuffer();
}

/** A screenshot-like PNG of a catalog image (as if copied from another page). */
export async function screenshotOf(line: CatalogLine): Promise<Buffer> {
  return sharp(catalogImagePath(line)).resize(300).flatten({ background: "#ffffff" }).png().toBuffer();
}
