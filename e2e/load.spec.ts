// A short load test in CI (scripts/lib/load.ts; the long one is `npm run bench:load`): 50
// clients for 10 s mixing image search, text search, feed pages and uploads against a server of
// its own with its limits as shipped. Every answer must be a success or a deliberate refusal
// (429 over a client's rate, 503 busy over a queue): no 5xx errors, no dropped connections;
// reads keep serving, and after the burst an upload is taken and found again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { picture } from "@/lib/testing/pictures";
import { formatLoadReport, runLoad, unexpectedAnswers } from "../scripts/lib/load";
import { killServer, searchIds, startServer, upload, waitForReady } from "./support/server-process";

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
    const served = (route: (typeof report.routes)[number]) => Object.entries(route.statuses).some(([status, n]) => status.startsWith("2") && n > 0);
    for (const route of report.routes) {
      expect(unexpectedAnswers(route), `${route.route}: answers other than 2xx, 429, 503`).toBe(0);
      expect(route.requests, `${route.route} is answered`).toBeGreaterThan(0);
    }
    // Reads keep serving. Image work may be crowded out for the burst's length (docs/reliability.md)...
    for (const route of report.routes.filter((r) => r.route.startsWith("GET"))) expect(served(route), `${route.route} still serves`).toBe(true);
    // ...but once it is over, the server takes an upload again and finds it by its picture.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const after = await picture(3100);
    let id: string | null = null;
    // Work queued during the burst may still be finishing: try again as a client would.
    for (let attempt = 0; attempt < 10 && !id; attempt++) {
      id = await upload(base, after, "After the burst");
      if (!id) await new Promise((r) => setTimeout(r, 2_000));
    }
    expect(id).toBeTruthy();
    expect((await searchIds(base, after))[0]).toBe(id);
  } finally {
    await killServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
