import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImageStore } from "@/lib/image/store";
import sharp from "sharp";
import { encoded, noisyRaw } from "@/lib/image/test-images";
import { validateImage } from "@/lib/image/validate";
import { GET } from "./route";

let dataDir: string;
const images = () => new ImageStore(path.join(dataDir, "images"));
let sha: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "glimpse-route-"));
  process.env.DATA_DIR = dataDir; // read once, when the server context is first built
  const image = await validateImage(await encoded("png", 400, 300));
  await images().put(image);
  sha = image.sha256;
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function get(shaParam: string, variant: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://glimpse.test/api/images/${shaParam}/${variant}`, { headers });
  return GET(request, { params: Promise.resolve({ sha: shaParam, variant }) });
}

describe("GET /api/images/:sha/:variant", () => {
  it("serves a thumb as AVIF or WebP by Accept, cacheable forever", async () => {
    const avif = await get(sha, "thumb", { accept: "image/avif,image/webp,*/*" });
    expect(avif.status).toBe(200);
    expect(avif.headers.get("content-type")).toBe("image/avif");
    expect(avif.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(avif.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(avif.headers.get("vary")).toBe("Accept");
    expect(avif.headers.get("etag")).toMatch(/^"[0-9a-f]{64}\.thumb\.v1\.avif"$/);

    const webp = await get(sha, "thumb", { accept: "image/webp,*/*" });
    expect(webp.headers.get("content-type")).toBe("image/webp");
    expect(Number(webp.headers.get("content-length"))).toBe((await webp.arrayBuffer()).byteLength);
  });

  it("serves the original as uploaded", async () => {
    const response = await get(sha, "original");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("etag")).toBe(`"${sha}"`);
  });

  it("serves a photo's original without where it was taken, turned upright, and keeps the upload", async () => {
    // A phone photo: stored sideways with orientation 6 (turn 90° clockwise) and GPS in its EXIF.
    const upload = await sharp(noisyRaw(400, 300, [120, 160, 90]), { raw: { width: 400, height: 300, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 29/1" } })
      .toBuffer();
    expect(await sharp(upload).metadata()).toMatchObject({ orientation: 6, exif: expect.anything() });
    const photo = await validateImage(new Uint8Array(upload));
    await images().put(photo);

    const response = await get(photo.sha256, "original");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    const served = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(served.exif).toBeUndefined();
    expect(served.xmp).toBeUndefined();
    expect([served.width, served.height]).toEqual([300, 400]);
    expect(response.headers.get("etag")).not.toBe(`"${photo.sha256}"`);

    // The same again from the kept copy; the server's own reads still get the upload's bytes.
    const again = await get(photo.sha256, "original");
    expect(again.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(Buffer.from(await images().original(photo.sha256) ?? [])).toEqual(upload);
  });

  it("answers 304 when the client holds the same ETag", async () => {
    const first = await get(sha, "display");
    const etag = first.headers.get("etag") ?? "";
    const second = await get(sha, "display", { "if-none-match": etag });
    expect(second.status).toBe(304);
    expect(second.body).toBeNull();
  });

  it.each([
    ["an unknown image", "f".repeat(64), "thumb"],
    ["an unknown variant", "SHA", "huge"],
    ["a path instead of an id", "..%2F..%2Fetc%2Fpasswd", "original"],
    ["an id of the wrong length", "abc", "thumb"],
  ])("answers 404 JSON for %s", async (_, shaParam, variant) => {
    const response = await get(shaParam === "SHA" ? sha : shaParam, variant);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });
});
