import "server-only";
// The training data of the unified embedding: the demo catalog's own images, each one product
// identity with a category, and augmented views of it — the catalog shot itself, the object cut
// out and pasted on a photo as a phone would see it (whole frame, and a crop around the object),
// and a blurred, low-resolution, JPEG-compressed copy. Seeded, so the feature cache stays valid.
// Never emoji, never the benchmark's images.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { RgbImage } from "@/lib/image/types";
import { seededRandom } from "@/lib/random";
import { cropRgb, type PixelRect } from "@/lib/image/box";
import { wallpaperFiles } from "./eval/fit";
import { cameraShot, decodeFile, degradedShot, LOSSLESS_FAST, photoCrop } from "./eval/images";
import { cutOut } from "./matte";

export type ViewKind = "clean" | "camera" | "crop" | "degraded";

export interface CatalogImage {
  file: string;
  title: string;
  category: string;
}

export interface TrainView {
  key: string;
  /** The identity: a catalog image's index, or past the catalog, one drawing of a concept. */
  image: number;
  /** For a concept's drawing (training/concept-icons.ts), the concept's index. */
  concept?: number;
  kind: ViewKind;
  make: () => Promise<RgbImage>;
}

/** Catalog lines with an image, minus composed scenes (several products in one picture). */
export function readCatalog(jsonl: string): CatalogImage[] {
  const dir = path.dirname(jsonl);
  return readFileSync(jsonl, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { file: string; title: string; category: string; objects?: unknown[] })
    .filter((l) => !l.objects && l.category !== "Scenes")
    .map((l) => ({ file: path.resolve(dir, l.file), title: l.title, category: l.category }));
}

/**
 * One catalog image in seven (and one concept in seven) is held out of training to choose the
 * epoch and to decide whether a new version replaces the current one. An image is held out by its
 * content address (the SHA-256 of its bytes as uploaded; a live catalog's files are named by it),
 * not by its place in the list: the same image stays held out whatever the catalog's order,
 * source, additions or deletions, so the model being replaced never trained on the views it is
 * judged on. Recorded in the manifest as `fitted.heldOut`.
 */
export const HELD_OUT_RULE = "catalog images whose SHA-256 (first 8 hex digits) mod 7 is 3; concepts whose index mod 7 is 3";

export function isHeldOutImage(file: string): boolean {
  const name = path.basename(file);
  const sha = /^[0-9a-f]{64}$/.test(name) ? name : createHash("sha256").update(readFileSync(file)).digest("hex");
  return parseInt(sha.slice(0, 8), 16) % 7 === 3;
}

/** Photos to paste objects on: Debian wallpapers the benchmark does not use, else the catalog's photos. */
export async function backgroundPhotos(catalog: readonly CatalogImage[]): Promise<RgbImage[]> {
  const files = wallpaperFiles();
  const photos = files.length > 0 ? files : catalog.filter((c) => c.category === "Photography").map((c) => c.file);
  return Promise.all(photos.map((f) => decodeFile(f, 1024)));
}

const between = (rand: () => number, lo: number, hi: number) => lo + (hi - lo) * rand();

/**
 * `cameraViews` phone-style views per image (each also gives a crop around the object) and
 * one degraded copy, besides the clean shot. Images without a cut-out (photos) get crops of
 * themselves instead.
 */
export function catalogViews(catalog: readonly CatalogImage[], backgrounds: readonly RgbImage[], seed: number, cameraViews = 2): TrainView[] {
  const views: TrainView[] = [];
  catalog.forEach((item, image) => {
    const name = path.basename(item.file);
    let matte: Promise<Buffer | null> | undefined;
    const matteOnce = () => (matte ??= cutOut(item.file));
    const clean = () => decodeFile(item.file, 512);
    views.push({ key: `clean:${name}`, image, kind: "clean", make: clean });
    for (let v = 0; v < cameraViews; v++) {
      const rand = seededRandom(seed * 7_919 + image * 131 + v);
      const bg = backgrounds[Math.floor(rand() * backgrounds.length)]!;
      const margin = between(rand, 0.05, 0.3);
      let shot: Promise<{ image: RgbImage; box: PixelRect }> | undefined;
      const shotOnce = () =>
        (shot ??= matteOnce().then(async (png) => {
          if (png) return cameraShot(png, bg, rand);
          const photo = await photoCrop(await clean(), rand);
          return { image: photo, box: { left: 0, top: 0, width: photo.width, height: photo.height } };
        }));
      views.push({ key: `camera${v}:${seed}:${name}`, image, kind: "camera", make: async () => (await shotOnce()).image });
      views.push({
        key: `crop${v}:${seed}:${name}`,
        image,
        kind: "crop",
        make: async () => {
          const { image: photo, box } = await shotOnce();
          const pad = Math.max(box.width, box.height) * margin;
          return cropRgb(photo, { left: box.left - pad, top: box.top - pad, width: box.width + 2 * pad, height: box.height + 2 * pad });
        },
      });
    }
    const rand = seededRandom(seed * 104_729 + image);
    views.push({
      key: `degraded:${seed}:${name}`,
      image,
      kind: "degraded",
      make: async () => {
        const square = await sharp(item.file).flatten({ background: "#ffffff" }).resize(256, 256, { fit: "contain", background: "#ffffff" }).png(LOSSLESS_FAST).toBuffer();
        return degradedShot(square, rand);
      },
    });
  });
  return views;
}

