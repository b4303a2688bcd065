// `npm run bench-student -- [--base URL] [--frames N] [--backends wasm-single,wasm,webgl,webgpu]`:
// how fast the on-device student runs in Chromium on each TF.js backend. Opens the Lens page of a
// running Glimpse (with an on-device model installed) in headless Chromium with a fake camera
// showing a catalog product, forces one backend per run (`?backend=`), and times lookups of the
// live frame through the page's bench hook (components/lens/use-bench-hook.ts): the student's
// model time for the frame and its saliency crops, and camera frame → on-device results. Prints a
// markdown table. A benchmark, not a test: it asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import type { LensBenchTiming } from "@/components/lens/use-bench-hook";
import { writeFakeCamera } from "@/e2e/support/camera";
import { isBackendChoice, type BackendChoice } from "@/lib/client/on-device/protocol";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    frames: { type: "string", default: "20" },
    warmup: { type: "string", default: "3" },
    backends: { type: "string", default: "wasm-single,wasm,webgl,webgpu" },
    /** Stop timing a backend after this many seconds (software GPUs take seconds per frame). */
    budget: { type: "string", default: "180" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("usage: npm run bench-student -- [--base URL] [--frames 20] [--warmup 3] [--backends wasm-single,wasm,webgl,webgpu] [--budget 180]");
  process.exit(0);
}

const base = values.base!.replace(/\/$/, "");
const frames = Number(values.frames);
const warmup = Number(values.warmup);
const budgetMs = Number(values.budget) * 1000;
const backends = values.backends!.split(",").map((b) => b.trim());
for (const b of backends) if (!isBackendChoice(b) || b === "auto") throw new Error(`unknown backend ${b}`);

const LABELS: Record<string, string> = {
  "wasm-single": "WASM, SIMD, 1 thread",
  wasm: "WASM, SIMD + threads",
  webgl: "WebGL",
  webgpu: "WebGPU",
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i]!;
}

interface Row {
  backend: string;
  runsOn: string;
  student: number[];
  frameToResults: number[];
  views: number[];
  startS: number;
  failed?: string;
}

async function benchBackend(backend: BackendChoice, camera: string): Promise<Row> {
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${camera}`,
      "--enable-unsafe-webgpu",
    ],
  });
  const row: Row = { backend: LABELS[backend] ?? backend, runsOn: "", student: [], frameToResults: [], views: [], startS: NaN };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["camera"], { origin: base });
    const page = await context.newPage();
    const opened = performance.now();
    await page.goto(`${base}/lens?backend=${backend}&bench`);
    const status = page.getByTestId("lens-model-status");
    await status.and(page.locator(":is([data-state=ready], [data-state=error], [data-state=unavailable])")).waitFor({ timeout: budgetMs });
    row.startS = (performance.now() - opened) / 1000;
    const state = await status.getAttribute("data-state");
    const text = ((await status.textContent()) ?? "").trim();
    if (state !== "ready") {
      row.failed = text;
      return row;
    }
    // The details' last line: "WASM (SIMD, 1 thread) · model glimpse-student@4" → "WASM (SIMD, 1 thread)"
    const detail = (await page.getByTestId("lens-model-details").locator("p").last().textContent()) ?? "";
    row.runsOn = detail.split("·")[0]!.trim();
    await page.waitForFunction(() => window.glimpseLensBench !== undefined && document.querySelector("video")!.readyState >= 2);
    const deadline = performance.now() + budgetMs;
    for (let i = 0; i < warmup + frames && performance.now() < deadline; i++) {
      const t: LensBenchTiming = await page.evaluate(() => window.glimpseLensBench!.lookup());
      if (i < warmup) continue;
      row.student.push(t.embedMs);
      row.frameToResults.push(t.frameToResultsMs);
      row.views.push(t.views);
    }
    return row;
  } catch (error) {
    row.failed = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    return row;
  } finally {
    await browser.close();
  }
}

const health = await fetch(`${base}/api/models/student`).catch(() => null);
if (!health?.ok) {
  console.error(`${base}/api/models/student answered ${health?.status ?? "nothing"}: start Glimpse with an on-device model first.`);
  process.exit(1);
}
const student = (await health.json()) as { key: string; bytes: number };
const dir = mkdtempSync(path.join(tmpdir(), "bench-student-"));
process.env.GLIMPSE_E2E_CAMERA = path.join(dir, "camera.y4m");
const camera = await writeFakeCamera();

const rows: Row[] = [];
for (const backend of backends as BackendChoice[]) {
  process.stderr.write(`${backend}… `);
  const row = await benchBackend(backend, camera);
  process.stderr.write(row.failed ? `failed (${row.failed})\n` : `${row.student.length} frames\n`);
  rows.push(row);
}

rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "–");
console.log(`\nStudent ${student.key} (${(student.bytes / 1e6).toFixed(1)} MB), Chromium headless, ${base}; median of the frames after ${warmup} warm-up lookups.\n`);
console.log("| backend | runs on | load + warm-up s | student ms/frame p50 | frame → results p50 | frame → results p90 | views/frame | frames |");
console.log("|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  if (r.failed) {
    console.log(`| ${r.backend} | failed: ${r.failed.replace(/\|/g, "/")} | | | | | | |`);
    continue;
  }
  const student = [...r.student].sort((a, b) => a - b);
  const total = [...r.frameToResults].sort((a, b) => a - b);
  const views = r.views.reduce((s, v) => s + v, 0) / Math.max(1, r.views.length);
  console.log(
    `| ${r.backend} | ${r.runsOn.replace(/\|/g, "/")} | ${fmt(r.startS)} | ${fmt(percentile(student, 0.5))} | ${fmt(percentile(total, 0.5))} | ${fmt(percentile(total, 0.9))} | ${views.toFixed(1)} | ${r.student.length} |`,
  );
}
console.log("\n\"student ms/frame\" is model time for the frame and its saliency crops; \"frame → results\" adds grabbing the frame, pixels and the index search.");
console.log("Headless Chromium runs WebGL and WebGPU on SwiftShader (a CPU): judge GPU speed on a real GPU only.");
