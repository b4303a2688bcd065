import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { heicPhoto } from "@/lib/testing/fixtures";
import { bilevelPng, distance, encoded, parseHex, rawImage, splitImage } from "./test-images";
import { validateImage } from "./validate";

async function rejection(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, status: error.status, message: error.message };
}

const heic = () => new Uint8Array(heicPhoto());

describe("validateImage rejects", () => {
  it("an empty file", async () => {
    expect(await rejection(validateImage(new Uint8Array(0)))).toMatchObject({ code: "empty_file", status: 400 });
  });

  it("a file over the byte limit, before looking inside it", async () => {
    const oversize = new Uint8Array(20 * 1024 * 1024 + 1);
    oversize.set([0xff, 0xd8, 0xff]);
    expect(await rejection(validateImage(oversize))).toMatchObject({ code: "file_too_large", status: 413 });
    const png = await encoded("png", 64, 64);
    expect(await rejection(validateImage(png, { maxBytes: png.length - 1 }))).toMatchObject({ code: "file_too_large" });
  });

  it("text that calls itself a PNG", async () => {
    const text = new TextEncoder().encode("PNG? no: just a text file someone renamed to photo.png\n".repeat(10));
    expect(await rejection(validateImage(text))).toMatchObject({ code: "unsupported_image", status: 415 });
  });

  it("formats outside the list even when sharp could read them", async () => {
    const tiff = new Uint8Array(await rawImage(64, 64, [1, 2, 3]).tiff().toBuffer());
    expect(await rejection(validateImage(tiff))).toMatchObject({ code: "unsupported_image" });
  });

  it.each(["jpeg", "png", "webp", "gif", "avif"] as const)("a %s cut in half", async (format) => {
    const whole = await encoded(format, 400, 300);
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    expect(await rejection(validateImage(half))).toMatchObject({ code: "corrupt_image", status: 422 });
  });

  it("a HEIC cut short, and one over the pixel limit before it is decoded", async () => {
    const whole = heic();
    expect(await rejection(validateImage(whole.subarray(0, 3000)))).toMatchObject({ code: "corrupt_image", status: 422 });
    expect(await rejection(validateImage(whole, { maxPixels: 320 * 240 - 1 }))).toMatchObject({ code: "image_too_large", status: 413 });
  });

  it("a valid signature followed by garbage", async () => {
    const bytes = new Uint8Array(512).fill(7);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(await rejection(validateImage(bytes))).toMatchObject({ code: "corrupt_image" });
  });

  it("a 1×1 PNG, and one whose short side is under the minimum", async () => {
    const dot = new Uint8Array(await rawImage(1, 1, [0, 0, 0]).png().toBuffer());
    expect(await rejection(validateImage(dot))).toMatchObject({ code: "image_too_small", status: 422 });
    expect(await rejection(validateImage(await encoded("png", 400, 31)))).toMatchObject({ code: "image_too_small" });
  });

  it("a small PNG that declares 30000×30000 pixels, from its header", async () => {
    const bomb = bilevelPng(30000, 30000);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await rejection(validateImage(bomb));
    expect(error).toMatchObject({ code: "image_too_large", status: 413 });
    expect(error.message).toContain("30000×30000");
  });

  it("an image over a configured pixel limit", async () => {
    expect(await rejection(validateImage(bilevelPng(1000, 1000), { maxPixels: 999_999 }))).toMatchObject({
      code: "image_too_large",
    });
  });
});

describe("validateImage accepts", () => {
  it.each(["jpeg", "png", "webp", "gif", "avif"] as const)("a %s and describes it", async (format) => {
    const bytes = await encoded(format, 320, 240, [40, 100, 200]);
    const image = await validateImage(bytes);
    expect(image).toMatchObject({ format, width: 320, height: 240, bytes: bytes.length, hasAlpha: false });
    expect(image.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(image.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    // GIF's palette and the lossy codecs move the colour a little, not a lot.
    expect(distance(parseHex(image.dominantColor), [40, 100, 200])).toBeLessThan(24);
    expect(image.original).toBe(bytes);
  });

  it("a JPEG turned by EXIF orientation 6, reporting the turned size", async () => {
    const bytes = new Uint8Array(await splitImage(200, 100, [255, 0, 0], [0, 0, 255]).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    expect((await sharp(bytes).metadata()).orientation).toBe(6);
    expect(await validateImage(bytes)).toMatchObject({ width: 100, height: 200 });
  });

  it("a HEIC photo, as the JPEG it is stored as", async () => {
    const image = await validateImage(heic());
    expect(image).toMatchObject({ format: "jpeg", width: 320, height: 240 });
    expect((await sharp(image.original).metadata()).format).toBe("jpeg");
    expect(image.sha256).toBe(createHash("sha256").update(image.original).digest("hex"));
    // The boards are brown-grey wood, not the white a failed decode would flatten to.
    expect(distance(parseHex(image.dominantColor), [255, 255, 255])).toBeGreaterThan(60);
  });

  it("an animated GIF, measured by its first frame", async () => {
    const frames = Buffer.concat([
      await rawImage(48, 40, [0, 200, 0]).raw().toBuffer(),
      await rawImage(48, 40, [0, 0, 200]).raw().toBuffer(),
    ]);
    const gif = new Uint8Array(await sharp(frames, { raw: { width: 48, height: 80, channels: 3, pageHeight: 40 } }).gif().toBuffer());
    const image = await validateImage(gif);
    expect(image).toMatchObject({ format: "gif", width: 48, height: 40 });
    expect(distance(parseHex(image.dominantColor), [0, 200, 0])).toBeLessThan(24);
  });

  it("a transparent PNG, its colour taken as if on white", async () => {
    const clear = new Uint8Array(
      await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer(),
    );
    expect(await validateImage(clear)).toMatchObject({ hasAlpha: true, dominantColor: "#ffffff" });
  });
});
