// Seeds the test app with a slice of the demo catalog through the public API (the same path
// `npm run ingest` takes), before the browser tests run.
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
});
