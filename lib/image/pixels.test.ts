import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cropBox } from "./box";
import { toRgb } from "./pixels";
import { distance, encoded, rawImage, splitImage, type Rgb } from "./test-images";
import type { RgbImage } from "./types";
import { validateImage } from "./validate";

function pixel(image: RgbImage, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 3;
  return [image.data[i] ?? -1, image.data[i + 1] ?? -1, image.data[i + 2] ?? -1];
}

const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];

async function turnedJpeg() {
  // Stored 200×100, red left and blue right; orientation 6 means "turn 90° clockwise to view",
  // so the viewer sees 100×200 with red on top.
  const bytes = await splitImage(200, 100, RED, BLUE).png().toBuffer();
  return validateImage(new Uint8Array(await sharp(bytes).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer()));
}

describe("toRgb", () => {
  it("returns interleaved RGB of the whole image", async () => {
    const rgb = await toRgb(await validateImage(await encoded("png", 64, 48, [10, 20, 30])));
    expect([rgb.width, rgb.height, rgb.data.length]).toEqual([64, 48, 64 * 48 * 3]);
    expect(distance(pixel(rgb, 5, 5), [10, 20, 30])).toBeLessThanOrEqual(4);
  });

  it("applies EXIF orientation", async () => {
    const rgb = await toRgb(await turnedJpeg());
    expect([rgb.width, rgb.height]).toEqual([100, 200]);
    expect(distance(pixel(rgb, 50, 20), RED)).toBeLessThan(16);
    expect(distance(pixel(rgb, 50, 180), BLUE)).toBeLessThan(16);
  });

  it("crops a box given in the oriented image's coordinates", async () => {
    const rgb = cropBox(await toRgb(await turnedJpeg()), { x: 0, y: 0.5, w: 1, h: 0.5 });
    expect([rgb.width, rgb.height]).toEqual([100, 100]);
    expect(distance(pixel(rgb, 50, 10), BLUE)).toBeLessThan(16);
  });

  it("downscales to maxSide on the long side, and never upscales", async () => {
    const image = await validateImage(await encoded("jpeg", 400, 100));
    const small = await toRgb(image, { maxSide: 200 });
    expect([small.width, small.height]).toEqual([200, 50]);
    const same = await toRgb(image, { maxSide: 1000 });
    expect([same.width, same.height]).toEqual([400, 100]);
  });

  it("flattens transparency on white", async () => {
    const pixels = Buffer.alloc(64 * 64 * 4);
    for (let i = 0; i < 64 * 64; i++) pixels.set(i < 64 * 32 ? [0, 0, 0, 0] : [0, 0, 0, 128], i * 4);
    const png = await sharp(pixels, { raw: { width: 64, height: 64, channels: 4 } }).png().toBuffer();
    const rgb = await toRgb(await validateImage(new Uint8Array(png)));
    expect(pixel(rgb, 10, 10)).toEqual([255, 255, 255]);
    expect(distance(pixel(rgb, 10, 50), [127, 127, 127])).toBeLessThanOrEqual(1);
  });

  it("gives three 8-bit channels for greyscale and 16-bit inputs", async () => {
    const grey = await rawImage(64, 64, [90, 90, 90]).greyscale().jpeg().toBuffer();
    const deep = await rawImage(64, 64, [200, 100, 50]).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe("ushort");
    for (const [bytes, expected] of [[grey, [90, 90, 90]], [deep, [200, 100, 50]]] as const) {
      const rgb = await toRgb(await validateImage(new Uint8Array(bytes)));
      expect(rgb.data.length).toBe(64 * 64 * 3);
      expect(distance(pixel(rgb, 32, 32), expected)).toBeLessThan(8);
    }
  });

  it("reads the first frame of an animated GIF", async () => {
    const frames = Buffer.concat([
      await rawImage(40, 40, [0, 200, 0]).raw().toBuffer(),
      await rawImage(40, 40, [0, 0, 200]).raw().toBuffer(),
    ]);
    const gif = await sharp(frames, { raw: { width: 40, height: 80, channels: 3, pageHeight: 40 } }).gif().toBuffer();
    const rgb = await toRgb(await validateImage(new Uint8Array(gif)));
    expect([rgb.width, rgb.height]).toEqual([40, 40]);
    expect(distance(pixel(rgb, 20, 20), [0, 200, 0])).toBeLessThan(24);
  });
});
