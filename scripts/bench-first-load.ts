// `npm run bench-first-load -- [--base URL] [--runs 5] [--cpu 4]`: the home page's first load on a
// phone profile (390×844, touch, CPU slowed `--cpu` times through DevTools) over loopback, in
// headless Chromium with an empty cache each run: largest contentful paint, first contentful
// paint, and the bytes of JavaScript fetched. Needs a running Glimpse with a catalog. A
// benchmark, not a test: it asserts nothing.
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    runs: { type: "string", default: "5" },
    cpu: { type: "string", default: "4" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const browser = await chromium.launch({ executablePath: values.chromium, args: ["--no-sandbox"] });
const lcp: number[] = [];
const fcp: number[] = [];
const scriptBytes: number[] = [];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2.625 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(values.cpu) });
    let bytes = 0;
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script") bytes += (await response.body().catch(() => Buffer.alloc(0))).byteLength;
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await page.goto(values.base!, { waitUntil: "load" });
    await page.getByTestId("pin-card").first().waitFor();
    await page.waitForTimeout(1500);
    // LCP is final once the user interacts; read it after the page settles.
    const timing = await page.evaluate(() => ({
      lcp: (window as unknown as { __lcp: number }).__lcp,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    }));
    lcp.push(timing.lcp);
    fcp.push(timing.fcp);
    scriptBytes.push(bytes);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`| home page, phone profile (CPU ×${values.cpu}), ${values.runs} cold loads | median | runs |`);
console.log(`|---|---|---|`);
console.log(`| largest contentful paint | ${median(lcp).toFixed(0)} ms | ${lcp.map((x) => x.toFixed(0)).join(", ")} |`);
console.log(`| first contentful paint | ${median(fcp).toFixed(0)} ms | ${fcp.map((x) => x.toFixed(0)).join(", ")} |`);
console.log(`| JavaScript fetched | ${(median(scriptBytes) / 1024).toFixed(0)} KB | |`);
