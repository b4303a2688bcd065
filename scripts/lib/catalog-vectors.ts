// Real embeddings to fit synthetic catalogs on: the demo catalog's pictures through the served
// model, each as it is (the catalog's vector) and as a few phone-like views of it (cropped,
// shrunk, blurred, JPEG-compressed). Computed once and kept in .cache/bench-index.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { loadManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import { l2NormalizeInPlace } from "@/lib/embedding/vectors";
import { validateImage } from "@/lib/image";
import { seededRandom } from "@/lib/random";
import { catalogPixels } from "@/lib/server/catalog-pixels";

export interface CatalogVectors {
  dim: number;
  /** One row per catalog picture. */
  originals: Float32Array;
  /** `viewsPerImage` rows per picture: view minus its original (not renormalized). */
  residuals: Float32Array;
  count: number;
  viewsPerImage: number;
}

const VIEWS_PER_IMAGE = 2;

export async function catalogVectors(model = "glimpse-unified"): Promise<CatalogVectors> {
  const root = process.cwd();
  const cacheFile = path.join(root, ".cache/bench-index", `${model}-catalog-views.json`);
  if (fs.existsSync(cacheFile)) {
    const saved = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { dim: number; count: number; originals: number[]; residuals: number[] };
    return { dim: saved.dim, count: saved.count, viewsPerImage: VIEWS_PER_IMAGE, originals: Float32Array.from(saved.originals), residuals: Float32Array.from(saved.residuals) };
  }
  const dir = path.join(root, "catalog/demo/images");
  const files = fs.readdirSync(dir).sort();
  const embedder = await loadManifestEmbedder(path.join(root, "models", model), root);
  const random = seededRandom(11);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const embed = async (bytes: Uint8Array) => l2NormalizeInPlace(await embedder.embed(await catalogPixels(await validateImage(bytes))));
  const originals: number[] = [];
  const residuals: number[] = [];
  let dim = 0;
  try {
    for (const [i, file] of files.entries()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
      const original = await embed(bytes);
      dim = original.length;
      originals.push(...original);
      const { width = 512, height = 512 } = await sharp(bytes).metadata();
      for (let v = 0; v < VIEWS_PER_IMAGE; v++) {
        const side = between(0.7, 0.95);
        const w = Math.round(width * side);
        const h = Math.round(height * side);
        const view = await sharp(bytes)
          .flatten({ background: "#d8d2c8" })
          .extract({ left: Math.floor(random() * (width - w)), top: Math.floor(random() * (height - h)), width: w, height: h })
          .resize(Math.round(between(160, 360)))
          .blur(between(0.3, 1.5))
          .jpeg({ quality: Math.round(between(35, 80)) })
          .toBuffer();
        const embedded = await embed(new Uint8Array(view));
        for (let d = 0; d < dim; d++) residuals.push(embedded[d]! - original[d]!);
      }
      if (i % 200 === 0) console.log(`catalog views: ${i} of ${files.length} pictures`);
    }
  } finally {
    embedder.dispose();
  }
  fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify({ dim, count: files.length, originals, residuals }));
  return { dim, count: files.length, viewsPerImage: VIEWS_PER_IMAGE, originals: Float32Array.from(originals), residuals: Float32Array.from(residuals) };
}
