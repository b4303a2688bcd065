// A short load test in CI (scripts/lib/load.ts; the long one is `npm run bench:load`): 50
// clients for 10 s mixing image search, text search, feed pages and uploads against a server of
// its own with its limits as shipped. Every answer must be a success or a deliberate refusal
// (429 over a client's rate, 503 busy over the image-work queue): no 5xx errors, no dropped
// connections, and every route still serves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { picture } from "@/lib/testing/pictures";
import { formatLoadReport, runLoad, unexpectedAnswers } from "../scripts/lib/load";
import { killServer, startServer, upload, waitForReady } from "./support/server-process";

const PORT = 3292;
const base = `http://127.0.0.1:${PORT}`;
const TITLES = ["Copper kettle", "Striped umbrella", "Walnut desk", "Ceramic teapot", "Wool scarf", "Garden lantern", "Linen chair", "Brass lamp"];

test("under a burst of mixed traffic every answer is a success or a deliberate refusal", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "glimpse-load-"));
  const server = startServer(PORT, dataDir);
  try {
    await waitForReady(base);
    for (const [i, title] of TITLES.entries()) expect(await upload(base, await picture(3000 + i), title)).toBeTruthy();
    const report = await runLoad({ base, connections: 50, durationSeconds: 10, settleSeconds: 3 });
    console.log(formatLoadReport(report));
    for (const route of report.routes) {
      expect(unexpectedAnswers(route), `${route.route}: answers other than 2xx, 429, 503`).toBe(0);
      expect(Object.entries(route.statuses).some(([status, n]) => status.startsWith("2") && n > 0), `${route.route} still serves`).toBe(true);
    }
    // Still healthy afterwards.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  } finally {
    await killServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
