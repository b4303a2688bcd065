// The object localizer with its trained scorer and the real backbone, on phone photos made from
// the demo catalog (scripts/lib/phone-photo.ts): a product on a card lying on a photograph,
// blurred and JPEG-compressed. The card must be among its first two boxes (among flowers, a
// ladybird in the photograph is an object too), and first on plain boards.
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phonePhoto } from "@/scripts/lib/phone-photo";
import { iou } from "./boxes";
import { ObjectLocalizer } from "./localizer";

const images = path.join("catalog", "demo", "images");
let localizer: ObjectLocalizer;

beforeAll(async () => {
  localizer = await ObjectLocalizer.load(process.cwd());
});
afterAll(() => localizer.dispose());

async function photo(product: string, background: string, share: number) {
  const { jpeg, box } = await phonePhoto(path.join(images, product), path.join(images, background), { share });
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { image: { data: new Uint8Array(data), width: info.width, height: info.height }, card: box };
}

describe("ObjectLocalizer", () => {
  it.each([
    ["vehicles-cartoon-forklift-truck.webp", "photography-ladybird-among-forget-me-nots.webp", 0.32, 2],
    ["vehicles-cartoon-forklift-truck.webp", "photography-weathered-wooden-boards.webp", 0.45, 1],
  ])("finds the card with %s on %s (%s of the frame's height) among its first %s", async (product, background, share, within) => {
    const { image, card } = await photo(product, background, share);
    const found = await localizer.locate(image, 2);
    expect(found).toHaveLength(2);
    expect(found.slice(0, within).some((o) => iou(o.box, card) >= 0.5)).toBe(true);
    expect(found[0]!.score).toBeGreaterThanOrEqual(found[1]!.score);
    expect(iou(found[0]!.box, found[1]!.box)).toBeLessThanOrEqual(0.3);
    for (const { box, score } of found) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w).toBeLessThanOrEqual(1 + 1e-9);
      expect(box.y + box.h).toBeLessThanOrEqual(1 + 1e-9);
    }
  });
});
