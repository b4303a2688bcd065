// Images searched with are kept under an id for shareable search URLs: re-encoded without the
// upload's metadata, refused when they are not images, and unknown ids are a 404.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorBody, QueryImageResponse, QueryImageWordsResponse } from "@/lib/contracts";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-query-images-"));

const store = await import("./query-images/route");
const read = await import("./query-images/[id]/route");
const words = await import("./query-images/[id]/words/route");
const { closeServerContext } = await import("@/lib/server/context");

const base = "http://test.local";
const post = (bytes: Uint8Array | Buffer, type = "image/jpeg") => {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(bytes)], { type }), "query.jpg");
  return store.POST(new Request(`${base}/api/query-images`, { method: "POST", body }));
};
const get = (id: string) => read.GET(new Request(`${base}/api/query-images/${id}`), { params: Promise.resolve({ id }) });

const getWords = (id: string) =>
  words.GET(new Request(`${base}/api/query-images/${id}/words`), { params: Promise.resolve({ id }) });

afterAll(() => closeServerContext());

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

  it("reads the words in a kept image once, for the chips that refine its search", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#dfe8ec"/>
      <text x="40" y="140" font-family="DejaVu Sans" font-size="54" fill="#222">Lighthouse</text>
      <text x="60" y="250" font-family="DejaVu Serif" font-size="40" fill="#503">the Marmalade</text></svg>`;
    const screenshot = await sharp(Buffer.from(svg)).png().toBuffer();
    const stored = QueryImageResponse.parse(await (await post(screenshot, "image/png")).json());
    const response = await getWords(stored.id);
    expect(response.status).toBe(200);
    const read = QueryImageWordsResponse.parse(await response.json());
    expect(read.words.map((w) => w.toLowerCase())).toEqual(["lighthouse", "marmalade"]);
    expect(read.lines).toHaveLength(2);
    // The second ask is answered from what was kept.
    expect(QueryImageWordsResponse.parse(await (await getWords(stored.id)).json())).toEqual(read);
    expect((await getWords("0".repeat(64))).status).toBe(404);
  });
});
