// Images searched with are kept under an id for shareable search URLs: re-encoded without the
// upload's metadata, refused when they are not images, and unknown ids are a 404.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ErrorBody, QueryImageResponse } from "@/lib/contracts";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-query-images-"));

const store = await import("./query-images/route");
const read = await import("./query-images/[id]/route");

const base = "http://test.local";
const post = (bytes: Uint8Array | Buffer, type = "image/jpeg") => {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(bytes)], { type }), "query.jpg");
  return store.POST(new Request(`${base}/api/query-images`, { method: "POST", body }));
};
const get = (id: string) => read.GET(new Request(`${base}/api/query-images/${id}`), { params: Promise.resolve({ id }) });

describe("query images", () => {
  it("keeps an upright, metadata-free JPEG under a stable id", async () => {
    const photo = await sharp(await picture(3))
      .withExif({ IFD0: { Make: "PhoneMaker", Model: "Secret Model" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .jpeg()
      .toBuffer();
    const response = await post(photo);
    expect(response.status).toBe(201);
    const stored = QueryImageResponse.parse(await response.json());
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.url).toBe(`/api/query-images/${stored.id}`);

    const served = await get(stored.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from("Secret Model"))).toBe(false);

    // The same picture again is the same id.
    expect(QueryImageResponse.parse(await (await post(photo)).json()).id).toBe(stored.id);
  });

  it("refuses what is not an image and answers 404 for ids it does not keep", async () => {
    const refused = await post(Buffer.from("not an image at all".repeat(10)));
    expect(refused.status).toBe(415);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe("unsupported_image");
    for (const id of ["0".repeat(64), "../../etc/passwd", "abc"]) {
      const response = await get(id);
      expect(response.status).toBe(404);
      expect(ErrorBody.parse(await response.json()).error.code).toBe("not_found");
    }
  });
});
