import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sniffImageFormat } from "./format";
import { ImageStore } from "./store";
import { encoded, splitImage } from "./test-images";
import { validateImage } from "./validate";

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "glimpse-images-"));
  store = new ImageStore(root);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(directory, path.join(e.parentPath, e.name))).sort();
}

async function size(bytes: Uint8Array): Promise<[number, number]> {
  const { width, height } = await sharp(bytes).metadata();
  return [width, height];
}

describe("ImageStore", () => {
  it("stores the original under <aa>/<bb>/<sha256> with its renditions beside it", async () => {
    const image = await validateImage(await encoded("jpeg", 1600, 1000));
    expect(await store.put(image)).toEqual({ created: true });
    const sha = image.sha256;
    expect(await filesUnder(root)).toEqual(
      [sha, `${sha}.display.v1.webp`, `${sha}.thumb.v1.avif`, `${sha}.thumb.v1.webp`].map((f) => path.join(sha.slice(0, 2), sha.slice(2, 4), f)).sort(),
    );
    expect(await store.has(sha)).toBe(true);
  });

  it("serves the original unchanged and the renditions at their sizes", async () => {
    const bytes = await encoded("png", 1600, 1000);
    const image = await validateImage(bytes);
    await store.put(image);

    const original = await store.read(image.sha256, "original", "avif");
    expect(original?.contentType).toBe("image/png");
    expect(Buffer.from(original?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);

    const thumb = await store.read(image.sha256, "thumb", "webp");
    expect(thumb?.contentType).toBe("image/webp");
    expect(sniffImageFormat(thumb!.bytes)).toBe("webp");
    expect(await size(thumb!.bytes)).toEqual([236, 148]);

    const thumbAvif = await store.read(image.sha256, "thumb", "avif");
    expect(sniffImageFormat(thumbAvif!.bytes)).toBe("avif");
    expect(thumbAvif?.etag).not.toBe(thumb?.etag);

    const display = await store.read(image.sha256, "display", "webp");
    expect(await size(display!.bytes)).toEqual([1200, 750]);
  });

  it("makes the display AVIF on first request and keeps it", async () => {
    const image = await validateImage(await encoded("jpeg", 300, 200));
    await store.put(image);
    const before = await filesUnder(root);
    const [first, second] = await Promise.all([
      store.read(image.sha256, "display", "avif"),
      store.read(image.sha256, "display", "avif"),
    ]);
    expect(first?.contentType).toBe("image/avif");
    expect(await size(first!.bytes)).toEqual([300, 200]);
    expect(Buffer.from(second!.bytes).equals(Buffer.from(first!.bytes))).toBe(true);
    const after = await filesUnder(root);
    expect(after.filter((f) => !before.includes(f))).toEqual([expect.stringMatching(/\.display\.v1\.avif$/)]);
  });

  it("does not enlarge small images, and applies EXIF orientation", async () => {
    const turned = new Uint8Array(await splitImage(200, 100, [255, 0, 0], [0, 0, 255]).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    const image = await validateImage(turned);
    await store.put(image);
    expect(await size((await store.read(image.sha256, "thumb", "webp"))!.bytes)).toEqual([100, 200]);
    expect(await size((await store.read(image.sha256, "display", "webp"))!.bytes)).toEqual([100, 200]);
  });

  it("keeps transparency in renditions", async () => {
    const clear = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const image = await validateImage(new Uint8Array(clear));
    await store.put(image);
    expect((await sharp((await store.read(image.sha256, "thumb", "webp"))!.bytes).metadata()).hasAlpha).toBe(true);
  });

  it("treats a second put of the same bytes as a no-op", async () => {
    const image = await validateImage(await encoded("webp", 300, 200));
    await store.put(image);
    const file = path.join(root, image.sha256.slice(0, 2), image.sha256.slice(2, 4), `${image.sha256}.thumb.v1.webp`);
    const written = (await stat(file)).mtimeMs;
    const files = await filesUnder(root);
    expect(await store.put(await validateImage(new Uint8Array(image.original)))).toEqual({ created: false });
    expect(await filesUnder(root)).toEqual(files);
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it("leaves no partial file and no original when a write fails, and a later put completes", async () => {
    const image = await validateImage(await encoded("png", 300, 200));
    const directory = path.join(root, image.sha256.slice(0, 2), image.sha256.slice(2, 4));
    // A directory where the display rendition should go makes its rename fail.
    const blocked = path.join(directory, `${image.sha256}.display.v1.webp`);
    await mkdir(blocked, { recursive: true });

    await expect(store.put(image)).rejects.toThrow();
    const left = await filesUnder(root);
    expect(left.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(left).not.toContain(path.relative(root, path.join(directory, image.sha256)));
    expect(await store.has(image.sha256)).toBe(false);

    await rm(blocked, { recursive: true });
    expect(await store.put(image)).toEqual({ created: true });
    expect(await store.read(image.sha256, "display", "webp")).not.toBeNull();
  });

  it("answers null for unknown or malformed ids without touching the disk outside the store", async () => {
    expect(await store.read("0".repeat(64), "thumb", "webp")).toBeNull();
    expect(await store.read("0".repeat(64), "original", "webp")).toBeNull();
    expect(await store.read("../../../../etc/passwd", "original", "webp")).toBeNull();
    expect(await store.read("A".repeat(64), "original", "webp")).toBeNull();
  });
});
