// The durable job queue on the embedded store: a new scene pin's analysis runs as a job and is
// stored; a pin whose job was lost (stored, then a crash before it was queued) is found and
// queued when workers start; Shop the Look on the pin then reads the stored analysis; a new
// pin's words are read and text search finds it by them; and a job that keeps failing is
// retried with backoff, then stays failed with its reason.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-jobs-"));
process.env.DATABASE_URL = "";

const { createPin } = await import("./pins");
const { jobsReport, READ_WORDS, SCENE_ANALYSIS } = await import("./jobs");
const { shopPin } = await import("./shop");
const { withServingModel } = await import("./image-models");
const { closeServerContext, serverContext } = await import("./context");
const { JobQueue } = await import("@/lib/jobs/queue");

afterAll(closeServerContext);

const getDatabase = async () => (await serverContext()).database;

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const fields = (title: string, kind: "pin" | "product") => ({ title, kind, description: "", link: undefined }) as Parameters<typeof createPin>[1];

describe("jobs after uploads", () => {
  it("analyzes new scene pins in the background, including one whose job was lost in a crash", async () => {
    let repository = (await serverContext()).pins;
    const model = await withServingModel(async (m) => m.key);
    const analysisOf = async (sha: string) => repository.findSceneAnalysis(sha, model);

    // A scene pin stored while no worker runs, whose job is then lost, as in a crash between
    // the pin's commit and its job's insert.
    process.env.GLIMPSE_IN_APP_WORKERS = "0";
    const lost = await createPin(await picture(41), fields("Lost scene", "pin"));
    await waitFor(async () => (await jobsReport())[SCENE_ANALYSIS.name]!.queued === 1, "the lost pin's job to be queued");
    await (await getDatabase()).query("delete from pgboss.job where name = $1", [SCENE_ANALYSIS.name]);
    await closeServerContext();

    // A restart with workers: the backlog is queued and worked, and new scene pins are analyzed too.
    process.env.GLIMPSE_IN_APP_WORKERS = "1";
    await (await serverContext()).jobs();
    repository = (await serverContext()).pins;
    const scene = await createPin(await picture(42), fields("New scene", "pin"));
    const product = await createPin(await picture(43), fields("A product", "product"));
    const lostRecord = (await repository.getPin(lost.id))!;
    const sceneRecord = (await repository.getPin(scene.id))!;
    await waitFor(async () => (await analysisOf(lostRecord.imageSha256)) !== null && (await analysisOf(sceneRecord.imageSha256)) !== null, "both analyses");
    expect(await analysisOf((await repository.getPin(product.id))!.imageSha256)).toBeNull(); // products are not scenes
    await waitFor(async () => (await jobsReport())[SCENE_ANALYSIS.name]!.completed === 2, "two completed jobs");
    expect((await jobsReport())[SCENE_ANALYSIS.name]).toMatchObject({ queued: 0, active: 0, failed: 0 });

    // Shop the Look on the pin reads the stored analysis instead of running the detector again.
    const analyzedAt = async () =>
      (
        await (await getDatabase()).query<{ analyzed_at: Date }>("select analyzed_at from scene_analyses where image_sha256 = $1", [
          sceneRecord.imageSha256,
        ])
      )[0]!.analyzed_at.getTime();
    const before = await analyzedAt();
    const shop = await shopPin(scene.id, { k: 3 });
    expect(Array.isArray(shop.objects)).toBe(true);
    expect(await analyzedAt()).toBe(before);
  });

  it("reads the words in a new pin's picture, so text search finds the pin by them", async () => {
    const sharp = (await import("sharp")).default;
    const { searchByText } = await import("./search");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#e8dcc4"/>
      <text x="40" y="150" font-family="DejaVu Sans" font-size="52" fill="#222">Lighthouse</text>
      <text x="60" y="260" font-family="DejaVu Serif" font-size="40" fill="#503" transform="rotate(-6 60 260)">Marmalade</text></svg>`;
    const poster = await sharp(Buffer.from(svg)).jpeg().toBuffer();
    const pin = await createPin(poster, fields("A poster", "product"));
    const found = async (word: string) => (await searchByText({ q: word, k: 5 })).results.some((r) => r.id === pin.id);
    await waitFor(async () => (await found("lighthouse")) && (await found("marmalade")), "the pin to be found by the words in its picture");
    expect((await jobsReport())[READ_WORDS.name]).toMatchObject({ failed: 0 });
  });

  it("retries a failing job with backoff, then keeps it failed with the reason", async () => {
    const failing = { name: "always-fails", retryLimit: 1, retryDelaySeconds: 1, expireInSeconds: 60 };
    const queue = await JobQueue.open(await getDatabase(), [failing]);
    let tries = 0;
    await queue.work(failing.name, 1, async () => {
      tries++;
      throw new Error("the image is not in the image store");
    });
    await queue.send(failing.name, { pinId: "gone" });
    await waitFor(async () => (await queue.counts(failing.name)).failed === 1, "the job to fail for good");
    expect(tries).toBe(2);
    expect(await queue.counts(failing.name)).toMatchObject({ queued: 0, failed: 1, lastFailure: "the image is not in the image store" });
    await queue.close();
  });
});
