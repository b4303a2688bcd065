// Seeds the test app with a slice of the demo catalog through the public API (the same path
// `npm run ingest` takes), and waits for the background jobs that follow, before the browser
// tests run.
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { formFields } from "@/scripts/lib/catalog-source";
import { ingest } from "@/scripts/lib/ingest";
import { catalogImagePath, seedLines } from "./support/catalog";

setup("seed a slice of the demo catalog", async ({ request }) => {
  setup.setTimeout(600_000);
  const lines = seedLines();
  const items = lines.map((line) => ({ key: line.file, imagePath: catalogImagePath(line), fields: formFields(line) }));
  const summary = await ingest(items, {
    base: process.env.GLIMPSE_E2E_BASE!,
    concurrency: 2,
    stateDir: path.join(process.env.GLIMPSE_E2E_DATA!, "ingest"),
  });
  expect(summary.failed).toEqual([]);
  const health = await (await request.get("/api/health")).json();
  expect(health.pins).toBe(lines.length);

  // The work that follows the uploads (words read, scenes analysed) runs in the background; the
  // tests start once it is done, so it neither competes with them for the CPU nor is missing.
  await expect
    .poll(
      async () => {
        const { jobs } = (await (await request.get("/api/health")).json()) as { jobs: Record<string, { queued: number; active: number; failed: number }> };
        return Object.values(jobs).reduce((sum, queue) => sum + queue.queued + queue.active, 0);
      },
      { timeout: 300_000, intervals: [1_000] },
    )
    .toBe(0);
  const { jobs } = (await (await request.get("/api/health")).json()) as { jobs: Record<string, { failed: number }> };
  for (const [queue, counts] of Object.entries(jobs)) expect(counts.failed, `${queue} jobs failed`).toBe(0);
});
