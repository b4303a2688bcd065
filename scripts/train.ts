// Trains the unified embedding's head on the demo catalog, or on the live catalog of a running
// Glimpse, then distils the on-device student into its space, and writes both as versioned
// models under models/.
//   npm run train [-- --workers 2 --epochs 10 --concept-weight 0.5 --out glimpse-unified --student glimpse-student]
//   npm run train -- --catalog http://127.0.0.1:3000 [--min-new 100]   (the live catalog; a scheduled job)
//   npm run train -- --student-only --student-size 192   (a new student for the teacher in --out)
// A new teacher is written only if it beats the one in --out on the same held-out views
// (--force writes it anyway); the student follows only a teacher that was written. On a live
// catalog the run stops at once unless at least --min-new pins were added since the last
// training on it. A server watching models/ moves to the new version by itself
// (re-embedding its catalog in the background); the version it replaces stays as <out>@<version>.
// Backbone features of the augmented views are cached under --cache, so only the first run
// pays for them (about 10 minutes with 2 workers on 2 cores); later runs train in about a minute.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isLiveCatalog } from "@/training/live-catalog";
import type { Pooling } from "@/training/pooling";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "glimpse-concat-pca256" },
    out: { type: "string", default: "glimpse-unified" },
    student: { type: "string", default: "glimpse-student" },
    "student-size": { type: "string", default: "192" },
    catalog: { type: "string", default: "catalog/demo/catalog.jsonl" },
    "min-new": { type: "string", default: "1" },
    cache: { type: "string", default: ".cache/train" },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: "2" },
    epochs: { type: "string", default: "10" },
    "concept-weight": { type: "string", default: "0.5" },
    pooling: { type: "string", default: "gem" },
    "student-only": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    shard: { type: "string" },
  },
});

const root = process.cwd();
const { trainingSetup, extractShard, trainAll } = await import("@/training/pipeline");
const out = path.join(root, "models", values.out);
const cache = path.join(root, values.cache);
const catalog = isLiveCatalog(values.catalog)
  ? await snapshotLiveCatalog(values.catalog)
  : { file: path.join(root, values.catalog), source: "demo catalog", newest: null };
const options = {
  root,
  from: path.join(root, "models", values.from),
  out,
  student: path.join(root, "models", values.student),
  studentSize: Number(values["student-size"]),
  catalog: catalog.file,
  catalogSource: catalog.source,
  catalogNewest: catalog.newest,
  cache,
  seed: Number(values.seed),
  epochs: Number(values.epochs),
  conceptWeight: Number(values["concept-weight"]),
  pooling: poolingOption(values.pooling),
  studentOnly: values["student-only"],
  force: values.force,
};
const setup = await trainingSetup(options);

if (values.shard !== undefined) {
  // A child process: features for one shard of the views, then exit.
  const [shard, of] = values.shard.split("/").map(Number);
  await extractShard(setup, shard!, of!, (line) => console.log(`[${shard}/${of}] ${line}`));
  process.exit(0);
}

const workers = Math.max(1, Number(values.workers));
const children = Array.from({ length: workers - 1 }, (_, i) =>
  new Promise<void>((resolve, reject) => {
    // The workers read the parent's catalog, a live one's snapshot included: the same views.
    const args = ["--conditions=react-server", "scripts/train.ts", ...process.argv.slice(2), "--catalog", path.relative(root, catalog.file), "--shard", `${i + 1}/${workers}`];
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), args, { stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`feature worker ${i + 1} exited with ${code}`))));
  }),
);
await extractShard(setup, 0, workers, (line) => console.log(`[0/${workers}] ${line}`));
await Promise.all(children);
await trainAll(setup, console.log);
// The next run on this live catalog starts from what this one saw, whether it wrote a version or not.
if (catalog.newest) writeFileSync(lastRunFile(values.catalog), `${JSON.stringify({ newest: catalog.newest })}\n`);

/** Where a run on the live catalog at `base` records the newest pin it trained on. */
function lastRunFile(base: string): string {
  return path.join(cache, `live-last-run-${createHash("sha256").update(base).digest("hex").slice(0, 12)}.json`);
}

/**
 * The live catalog at `base`, its images downloaded under --cache and listed in a JSONL there;
 * exits when too few pins are new since the model in --out was trained on it.
 */
async function snapshotLiveCatalog(base: string): Promise<{ file: string; source: string; newest: string | null }> {
  const { livePins, liveCatalog, pinsSince } = await import("@/training/live-catalog");
  const { readManifest } = await import("@/lib/embedding/model-files");
  const pins = await livePins(base);
  const current = await readManifest(out).catch(() => null);
  // The newest pin seen by the model in --out, or by the last run here if that is later (a run
  // whose version did not beat the current one still saw those pins).
  const lastRun = existsSync(lastRunFile(base)) ? (JSON.parse(readFileSync(lastRunFile(base), "utf8")) as { newest: string }).newest : null;
  const modelSaw = typeof current?.fitted?.catalogNewest === "string" ? current.fitted.catalogNewest : null;
  const trainedUpTo = [modelSaw, lastRun].filter((t): t is string => t !== null).sort().at(-1) ?? null;
  const fresh = pinsSince(pins, trainedUpTo);
  const minNew = Number(values["min-new"]);
  if (trainedUpTo !== null && fresh < minNew && !values.force) {
    console.log(`${fresh} pins added since the last training on this catalog (up to ${trainedUpTo}); --min-new is ${minNew}: nothing to do`);
    process.exit(0);
  }
  const live = await liveCatalog(base, pins, path.join(cache, "live-images"), console.log);
  const file = path.join(cache, "live-catalog.jsonl");
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, live.images.map((image) => JSON.stringify(image)).join("\n") + "\n");
  return { file, source: `live catalog ${base}`, newest: live.newest };
}

function poolingOption(value: string): Pooling {
  if (value === "mean" || value === "gem") return value;
  throw new Error(`--pooling takes mean or gem, not ${value}`);
}
