// Uploads a catalog to a running Glimpse through its public API, a few pins at a time, with a
// progress bar. A journal of finished items makes an interrupted run resumable.
import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { parseServerTiming } from "@/lib/server/stage-timings";
import type { IngestItem } from "./catalog-source";

export interface IngestOptions {
  base: string;
  concurrency: number;
  /** Folder for the resume journal. */
  stateDir: string;
  /**
   * Name of the resume journal in stateDir. By default it is derived from the target server and
   * the source, so one folder can hold journals for several servers.
   */
  journal?: string;
  label?: string;
}

export interface IngestSummary {
  added: number;
  skipped: number;
  failed: { key: string; reason: string }[];
  /** Pins added per second of the run. */
  perSecond: number;
  /** Mean server time per added pin and stage (from its Server-Timing header), in ms. */
  stages: Record<string, number>;
}

const MIME: Record<string, string> = {
  ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
  ".gif": "image/gif", ".avif": "image/avif", ".heic": "image/heic", ".heif": "image/heif",
};

function journalPath(stateDir: string, base: string, items: IngestItem[]): string {
  const id = createHash("sha1").update(base).update(items[0]?.imagePath ?? "").digest("hex").slice(0, 12);
  return path.join(stateDir, `ingest-${id}.done`);
}

async function readJournal(file: string): Promise<Set<string>> {
  try {
    return new Set((await readFile(file, "utf8")).split("\n").filter(Boolean));
  } catch {
    return new Set();
  }
}

/** Waits asked for by `429`/`503` with Retry-After before a pin counts as failed. */
const MAX_THROTTLED_WAITS = 30;

/**
 * Posts one pin; retries what may be transient (network, 5xx), and waits as the server asks
 * when it throttles (`429 rate_limited`) or is busy (`503` with Retry-After).
 */
async function postPin(base: string, item: IngestItem): Promise<Map<string, number>> {
  const bytes = await readFile(item.imagePath);
  const type = MIME[path.extname(item.imagePath).toLowerCase()] ?? "application/octet-stream";
  let throttled = 0;
  for (let attempt = 1; ; attempt++) {
    const form = new FormData();
    form.set("image", new Blob([bytes], { type }), path.basename(item.imagePath));
    for (const [name, value] of Object.entries(item.fields)) form.set(name, value);
    let status = 0;
    let message = "";
    try {
      const response = await fetch(`${base}/api/pins`, { method: "POST", body: form });
      if (response.ok) return parseServerTiming(response.headers.get("server-timing"));
      status = response.status;
      message = await response.text();
      const retryAfter = Number(response.headers.get("retry-after"));
      if ((status === 429 || status === 503) && retryAfter > 0 && throttled++ < MAX_THROTTLED_WAITS) {
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        attempt--;
        continue;
      }
    } catch (error) {
      message = String(error);
    }
    if ((status >= 400 && status < 500) || attempt === 4) throw new Error(`${status || "network"}: ${message.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
  }
}

export async function ingest(items: IngestItem[], options: IngestOptions): Promise<IngestSummary> {
  await mkdir(options.stateDir, { recursive: true });
  const journal = options.journal ? path.join(options.stateDir, options.journal) : journalPath(options.stateDir, options.base, items);
  const done = await readJournal(journal);
  const todo = items.filter((item) => !done.has(item.key));
  const summary: IngestSummary = { added: 0, skipped: items.length - todo.length, failed: [], perSecond: 0, stages: {} };
  if (todo.length === 0) return summary;

  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label ?? "ingest"} [{bar}] {value}/{total} pins | {eta_formatted} left | {failed} failed`,
      hideCursor: true,
      // Without a terminal (logs, CI) print a line every few seconds instead of redrawing.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(items.length, summary.skipped, { failed: 0 });
  let next = 0;
  const started = performance.now();
  const stageTotals = new Map<string, number>();
  const worker = async () => {
    while (next < todo.length) {
      const item = todo[next++]!;
      try {
        for (const [stage, ms] of await postPin(options.base, item)) stageTotals.set(stage, (stageTotals.get(stage) ?? 0) + ms);
        await appendFile(journal, `${item.key}\n`);
        summary.added++;
      } catch (error) {
        summary.failed.push({ key: item.key, reason: error instanceof Error ? error.message : String(error) });
      }
      bar.increment(1, { failed: summary.failed.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  bar.stop();
  summary.perSecond = Math.round((summary.added / ((performance.now() - started) / 1000)) * 10) / 10;
  for (const [stage, total] of stageTotals) summary.stages[stage] = Math.round((total / Math.max(1, summary.added)) * 10) / 10;
  return summary;
}
