// `npm run bench-board-ideas -- [--base URL] [--drops 10] [--requests 50]`: how fast a board gets
// ideas. In headless Chromium it signs up, makes a board, opens the board tray on the home feed
// and drags pins onto the board one by one with the mouse, reading after each drop how long the
// on-device index took to show suggestions (drop → suggestions on screen). Then it times
// `GET /api/boards/:id/ideas?k=10` through the API. Needs a running Glimpse with a catalog.
// A benchmark, not a test: it asserts nothing.
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    drops: { type: "string", default: "10" },
    requests: { type: "string", default: "50" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const base = values.base!.replace(/\/$/, "");
const drops = Number(values.drops);
const requests = Number(values.requests);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const browser = await chromium.launch({ executablePath: values.chromium, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const email = `bench-${Date.now()}@example.com`;
  const signUp = await page.request.post(`${base}/api/auth/sign-up/email`, {
    data: { name: "Bench", email, password: "correct horse battery" },
    headers: { origin: base },
  });
  if (!signUp.ok()) throw new Error(`sign-up failed: ${signUp.status()} ${await signUp.text()}`);
  const made = await page.request.post(`${base}/api/boards`, { data: { name: "Bench board" } });
  const boardId = ((await made.json()) as { board: { id: string } }).board.id;

  await page.goto(base);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByTestId("header-boards").click();
  const target = page.locator(`[data-testid="tray-board"][data-board-id="${boardId}"]`);
  await target.waitFor();
  const cards = page.getByTestId("feed-grid").getByTestId("pin-card");
  await cards.nth(drops).waitFor();

  const deviceMs: number[] = [];
  for (let i = 0; i < drops; i++) {
    const card = cards.nth(i);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 3);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 3 + 12, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    const ideas = page.locator(`[data-testid="tray-ideas"][data-board-pins="${i + 1}"][data-device-ms]`);
    await ideas.waitFor({ timeout: 30_000 });
    deviceMs.push(Number(await ideas.getAttribute("data-device-ms")));
  }

  const apiMs: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    const response = await page.request.get(`${base}/api/boards/${boardId}/ideas?k=10`);
    if (!response.ok()) throw new Error(`ideas failed: ${response.status()}`);
    await response.body();
    apiMs.push(performance.now() - start);
  }

  console.log(`| measure | n | p50 ms | p95 ms | first |`);
  console.log(`|---|---|---|---|---|`);
  const later = deviceMs.slice(1);
  console.log(`| drop → on-device ideas, first drop (worker start, index download) | 1 | | | ${deviceMs[0]?.toFixed(0)} |`);
  console.log(`| drop → on-device ideas, later drops | ${later.length} | ${percentile(later, 50).toFixed(0)} | ${percentile(later, 95).toFixed(0)} | |`);
  console.log(`| GET /api/boards/:id/ideas?k=10 (board of ${drops} pins) | ${requests} | ${percentile(apiMs, 50).toFixed(1)} | ${percentile(apiMs, 95).toFixed(1)} | |`);
} finally {
  await browser.close();
}
