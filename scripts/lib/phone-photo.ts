// A catalog picture as a phone photographs it: printed on a white card, turned a few degrees,
// lying off-centre on a photo, then the whole frame blurred and JPEG-compressed at a phone's
// worst. The Lens tests' fake camera and npm run eval-phone-photos both use it.
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Box } from "@/lib/contracts";
import { CatalogLine } from "./catalog-source";

export const PHONE_PHOTO_CATALOG = "catalog/demo";

export interface PhonePhotoSet {
  /** Catalog lines of the products photographed, evenly spread over the catalog. */
  products: CatalogLine[];
  /** The catalog's photographs the cards lie on. */
  backgrounds: CatalogLine[];
}

/**
 * The products and photographs npm run eval-phone-photos uses: `count` products evenly spread
 * over the demo catalog and three of its photographs. The localizer's training leaves them out.
 */
export function phonePhotoSet(count: number, catalog = PHONE_PHOTO_CATALOG): PhonePhotoSet {
  const lines = readFileSync(path.join(catalog, "catalog.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => CatalogLine.parse(JSON.parse(l)));
  const photos = lines.filter((l) => l.category === "Photography");
  const candidates = lines.filter((l) => l.category !== "Photography" && l.category !== "Scenes");
  const step = Math.floor(candidates.length / count);
  return {
    products: candidates.filter((_, i) => i % step === 0).slice(0, count),
    backgrounds: [0, 1, 2].map((i) => photos[Math.floor((i * photos.length) / 3)]!),
  };
}

export interface PhonePhotoOptions {
  width?: number;
  height?: number;
  /** The card's picture fits a square of this share of the frame's height. */
  share?: number;
  /** Degrees the card is turned. */
  turn?: number;
}

export interface PhonePhoto {
  /** The photo as a phone would send it. */
  jpeg: Buffer;
  /** Where the card lies, normalized 0–1. */
  box: Box;
}

export async function phonePhoto(product: string | Buffer, background: string, { width = 640, height = 480, share = 0.32, turn = 6 }: PhonePhotoOptions = {}): Promise<PhonePhoto> {
  const side = Math.round(height * share);
  // sharp runs its operations in a fixed order (rotation before extension): two passes.
  const flat = await sharp(product)
    .resize(side, side, { fit: "inside" })
    .flatten({ background: "#ffffff" })
    .extend({ top: 8, bottom: 8, left: 8, right: 8, background: "#ffffff" })
    .png()
    .toBuffer();
  const card = await sharp(flat).ensureAlpha().rotate(turn, { background: "#00000000" }).png().toBuffer({ resolveWithObject: true });
  const left = Math.round(width * 0.58 - card.info.width / 2);
  const top = Math.round(height * 0.52 - card.info.height / 2);
  const jpeg = await sharp(background)
    .resize(width, height, { fit: "cover" })
    .composite([{ input: card.data, left, top }])
    .removeAlpha()
    .blur(1.6)
    .jpeg({ quality: 50 })
    .toBuffer();
  return { jpeg, box: { x: left / width, y: top / height, w: card.info.width / width, h: card.info.height / height } };
}
