import "server-only";
// The localizer's training pictures: one to three catalog objects — cut out, or printed on a
// white card — turned, scaled and pasted on a crop of a photograph, then blurred and JPEG-
// compressed as a phone would. Where each object lies is known by construction. Seeded.
import sharp from "sharp";
import type { Box } from "@/lib/contracts";
import { iou } from "@/lib/detect/boxes";
import type { RgbImage } from "@/lib/image/types";
import { LOSSLESS_FAST, toRgb } from "../eval/images";

export interface CompositeObject {
  /** A product picture, flattened on white. */
  file: string;
  /** The object on transparency, or null when the picture has no plain background (a photo). */
  cutOut: Buffer | null;
}

export interface Composite {
  image: RgbImage;
  /** Every pasted object's box, normalized 0–1. */
  boxes: Box[];
}

const between = (rand: () => number, lo: number, hi: number) => lo + (hi - lo) * rand();

/** The object as pasted: a cut-out, or the picture on a white card with a thin border; turned. */
async function pasteable(object: CompositeObject, side: number, rand: () => number): Promise<{ png: Buffer; width: number; height: number }> {
  const asCard = object.cutOut === null || rand() < 0.5;
  const flat = asCard
    ? await sharp(object.file)
        .resize(side, side, { fit: "inside" })
        .flatten({ background: "#ffffff" })
        .extend({ top: 8, bottom: 8, left: 8, right: 8, background: "#ffffff" })
        .png(LOSSLESS_FAST)
        .toBuffer()
    : await sharp(object.cutOut!).trim().resize(side, side, { fit: "inside" }).png(LOSSLESS_FAST).toBuffer();
  const turn = asCard ? between(rand, -12, 12) : between(rand, -25, 25);
  // sharp rotates before it trims whatever the chain's order, so the turned picture is trimmed
  // to its visible pixels in a second pass.
  const turned = await sharp(flat).ensureAlpha().rotate(turn, { background: "#00000000" }).png(LOSSLESS_FAST).toBuffer();
  const { data, info } = await sharp(turned).trim({ background: "#00000000", threshold: 1 }).png(LOSSLESS_FAST).toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** A frame-sized crop of `background`, at a random zoom, maybe mirrored. */
async function backgroundCrop(background: RgbImage, width: number, height: number, rand: () => number): Promise<Buffer> {
  const scale = Math.max(width / background.width, height / background.height) * between(rand, 1, 1.8);
  const bw = Math.ceil(background.width * scale);
  const bh = Math.ceil(background.height * scale);
  return sharp(Buffer.from(background.data), { raw: { width: background.width, height: background.height, channels: 3 } })
    .resize(bw, bh)
    .extract({ left: Math.floor(rand() * (bw - width + 1)), top: Math.floor(rand() * (bh - height + 1)), width, height })
    .flop(rand() < 0.5)
    .png(LOSSLESS_FAST)
    .toBuffer();
}

/**
 * `objects` (one to three) on `background`. The first is the main one (12–65 % of the frame's
 * shorter side); the others are smaller and overlap no earlier one by more than IoU 0.1.
 */
export async function localizerComposite(objects: readonly CompositeObject[], background: RgbImage, rand: () => number): Promise<Composite> {
  const [width, height] = rand() < 0.5 ? [480, 640] : [640, 480];
  const short = Math.min(width, height);
  const layers: { input: Buffer; left: number; top: number }[] = [];
  const boxes: Box[] = [];
  for (const [i, object] of objects.entries()) {
    const side = Math.round(short * (i === 0 ? between(rand, 0.12, 0.65) : between(rand, 0.1, 0.35)));
    const { png, width: ow, height: oh } = await pasteable(object, side, rand);
    if (ow >= width || oh >= height) continue;
    for (let attempt = 0; attempt < 10; attempt++) {
      const left = Math.floor(rand() * (width - ow));
      const top = Math.floor(rand() * (height - oh));
      const box = { x: left / width, y: top / height, w: ow / width, h: oh / height };
      if (boxes.some((b) => iou(b, box) > 0.1)) continue;
      layers.push({ input: png, left, top });
      boxes.push(box);
      break;
    }
  }
  const photo = await sharp(await backgroundCrop(background, width, height, rand))
    .composite(layers)
    .png(LOSSLESS_FAST)
    .toBuffer();
  const jpeg = await sharp(photo)
    .blur(between(rand, 0.3, 2))
    .jpeg({ quality: Math.round(between(rand, 30, 85)) })
    .toBuffer();
  return { image: await toRgb(sharp(jpeg)), boxes };
}
