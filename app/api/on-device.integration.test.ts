// What the browser downloads to search on its own — the student model and the catalog's codes —
// and the server answering the student's vectors, through the route handlers on a real store.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CodesResponse, ErrorBody, PinResponse, SearchResponse, StudentModelResponse } from "@/lib/contracts";
import { hamming, signCode } from "@/lib/embedding/binary";
import { parseManifest } from "@/lib/embedding/manifest";
import { loadManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import { toRgb, validateImage } from "@/lib/image";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-on-device-"));
process.env.DATABASE_URL = "";

const pins = await import("./pins/route");
const codes = await import("./codes/route");
const studentRoute = await import("./models/[key]/route");
const files = await import("./models/[key]/files/[name]/route");
const searchEmbedding = await import("./search/embedding/route");
const pin = await import("./pins/[id]/route");

const base = "http://test.local";
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

const created: { id: string; image: Buffer }[] = [];

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const image = await picture(i + 1);
    const body = new FormData();
    body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "p.jpg");
    body.set("title", `Sample ${i}`);
    const response = await pins.POST(new Request(`${base}/api/pins`, { method: "POST", body }));
    expect(response.status).toBe(201);
    created.push({ id: PinResponse.parse(await response.json()).pin.id, image });
  }
}, 120_000);

describe("on-device search", () => {
  it("describes the student with URLs for every file, which are served immutable", async () => {
    const response = await studentRoute.GET(new Request(`${base}/api/models/student`), params({ key: "student" }));
    expect(response.status).toBe(200);
    const student = StudentModelResponse.parse(await response.json());
    const manifest = parseManifest(student.manifest);
    expect(manifest.space).toBe(student.space);
    expect(student.bytes).toBeGreaterThan(1_000_000);
    const graphUrl = manifest.backbones[0]!.model;
    const [, , , key, , name] = graphUrl.split("/");
    const graph = await files.GET(new Request(`${base}${graphUrl}`), params({ key: key!, name: name! }));
    expect(graph.headers.get("cache-control")).toContain("immutable");
    const json = (await graph.json()) as { modelTopology: { node: Array<{ name: string; attr?: { shape?: { shape?: { dim?: Array<{ size: string }> } } } }> }; weightsManifest: Array<{ paths: string[] }> };
    // The input is made dynamic, as the server does, so the student runs at its own size.
    const input = json.modelTopology.node.find((n) => n.name === manifest.backbones[0]!.inputNode);
    expect(input?.attr?.shape?.shape?.dim?.map((d) => d.size)).toEqual(["-1", "-1", "-1", "-1"]);
    const shard = json.weightsManifest[0]!.paths[0]!;
    const weights = await files.GET(new Request(`${base}/api/models/${key}/files/${shard}`), params({ key: key!, name: shard }));
    expect(weights.status).toBe(200);
    expect(Number(weights.headers.get("content-length"))).toBeGreaterThan(100_000);
  });

  it("serves no file the manifest does not name", async () => {
    const student = StudentModelResponse.parse(await (await studentRoute.GET(new Request(`${base}/api/models/student`), params({ key: "student" }))).json());
    for (const name of ["..%2Fpackage.json", "package.json", "manifest.json"]) {
      const response = await files.GET(new Request(`${base}/x`), params({ key: encodeURIComponent(student.key), name }));
      expect(response.status).toBe(404);
      expect(ErrorBody.parse(await response.json()).error.code).toBe("not_found");
    }
    const other = await studentRoute.GET(new Request(`${base}/api/models/teacher`), params({ key: "teacher" }));
    expect(other.status).toBe(404);
  });

  it("pages the catalog's sign codes by seq", async () => {
    const first = CodesResponse.parse(await (await codes.GET(new Request(`${base}/api/codes?limit=2`))).json());
    expect(first.items).toHaveLength(2);
    expect(Buffer.from(first.items[0]!.code, "base64")).toHaveLength(first.dim / 8);
    const rest = CodesResponse.parse(await (await codes.GET(new Request(`${base}/api/codes?after=${first.through}`))).json());
    expect(rest.items.map((i) => i.pin.id)).toEqual([created[2]!.id]);
    const none = CodesResponse.parse(await (await codes.GET(new Request(`${base}/api/codes?after=${rest.through}`))).json());
    expect(none.items).toEqual([]);
    expect(none.through).toBe(rest.through);
    expect(none.removed).toEqual([]);
    expect(none.more).toBe(false);
    for (const bad of ["after=abc", "limit=0", "limit=9999", "colour=red"]) {
      const response = await codes.GET(new Request(`${base}/api/codes?${bad}`));
      expect(response.status).toBe(400);
    }
  });

  it("finds a pin from the student's vector, on the device's codes and on the server", async () => {
    const student = StudentModelResponse.parse(await (await studentRoute.GET(new Request(`${base}/api/models/student`), params({ key: "student" }))).json());
    const embedder = await loadManifestEmbedder(path.join(process.cwd(), "models", parseManifest(student.manifest).id), process.cwd());
    const target = created[1]!;
    const views = await embedder.embedQuery(await toRgb(await validateImage(new Uint8Array(target.image)), { maxSide: 512 }));
    embedder.dispose();

    const all = CodesResponse.parse(await (await codes.GET(new Request(`${base}/api/codes`))).json());
    // The device's codes and the student's code are one space: the target's code is far nearer
    // than the 128 of 256 bits an unrelated code differs by. (Which of three similar drawings is
    // nearest at one bit per dimension is a matter of quality, measured by the benchmark; the
    // server's float search below must rank the target first.)
    const query = signCode(views[0]!);
    const distance = hamming(query, Buffer.from(all.items.find((i) => i.pin.id === target.id)!.code, "base64"));
    expect(distance).toBeLessThan(100);

    const embedding = Buffer.from(new Uint8Array(views[0]!.buffer)).toString("base64");
    const request = (model: string) =>
      new Request(`${base}/api/search/embedding`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ embedding, model, k: 3 }) });
    const answer = SearchResponse.parse(await (await searchEmbedding.POST(request(student.key))).json());
    expect(answer.results[0]?.id).toBe(target.id);
    const mismatch = await searchEmbedding.POST(request("some-other-model@1"));
    expect(mismatch.status).toBe(409);

    // Further views count like the first: a pin scores by its best view.
    const away = Float32Array.from(views[0]!, (v) => -v);
    const withViews = (extra: unknown[]) =>
      new Request(`${base}/api/search/embedding`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ embedding: Array.from(away), views: extra, model: student.key, k: 3 }),
      });
    const byView = SearchResponse.parse(await (await searchEmbedding.POST(withViews([embedding]))).json());
    expect(byView.results[0]?.id).toBe(target.id);
    const short = await searchEmbedding.POST(withViews([[0.5, 0.5]]));
    expect(short.status).toBe(400);
    expect(ErrorBody.parse(await short.json()).error.message).toContain("views[0]");
  }, 60_000);

  it("tells a kept copy what was added and deleted since its cursor, one order for both", async () => {
    const page = async (after: string | null, limit = 2000) =>
      CodesResponse.parse(await (await codes.GET(new Request(`${base}/api/codes?limit=${limit}${after ? `&after=${after}` : ""}`))).json());
    const before = await page(null);
    const body = new FormData();
    body.set("image", new Blob([new Uint8Array(await picture(9))], { type: "image/jpeg" }), "p.jpg");
    const added = PinResponse.parse(await (await pins.POST(new Request(`${base}/api/pins`, { method: "POST", body }))).json()).pin;
    const gone = created[0]!.id;
    expect((await pin.DELETE(new Request(`${base}/api/pins/${gone}`, { method: "DELETE" }), params({ id: gone }))).status).toBe(204);

    const changes = await page(before.through);
    expect(changes).toMatchObject({ removed: [gone], more: false });
    expect(changes.items.map((i) => i.pin.id)).toEqual([added.id]);
    // One change a page: the addition came first, so it comes first, and the cursor never skips.
    const first = await page(before.through, 1);
    expect(first).toMatchObject({ removed: [], more: true });
    expect(first.items.map((i) => i.pin.id)).toEqual([added.id]);
    const second = await page(first.through, 1);
    expect(second).toMatchObject({ items: [], removed: [gone], more: true });
    const last = await page(second.through, 1);
    expect(last).toMatchObject({ items: [], removed: [], more: false, through: second.through });
    // A copy made from scratch never hears of the deleted pin at all.
    expect((await page(null)).items.map((i) => i.pin.id)).not.toContain(gone);
  });
});
