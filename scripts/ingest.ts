// `npm run ingest -- <folder | catalog.jsonl> [--base URL] [--concurrency N]`: bulk-adds pins to
// a running Glimpse through its API. Re-running the same command resumes where it stopped. Ends
// with the throughput and the server's time per pin by stage (decode, embed, store, index, and
// waiting for an image-work slot).
import { parseArgs } from "node:util";
import path from "node:path";
import { readCatalog } from "./lib/catalog-source";
import { ingest } from "./lib/ingest";
import { dataDir } from "@/lib/config";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    concurrency: { type: "string", default: "2" },
    help: { type: "boolean", default: false },
  },
});

const source = positionals[0];
if (values.help || !source) {
  console.log("usage: npm run ingest -- <folder | catalog.jsonl> [--base URL] [--concurrency N]");
  process.exit(source ? 0 : 2);
}

const items = await readCatalog(source);
const summary = await ingest(items, {
  base: values.base!.replace(/\/$/, ""),
  concurrency: Number(values.concurrency),
  stateDir: path.join(dataDir(), "ingest"),
});
console.log(`added ${summary.added}, already there ${summary.skipped}, failed ${summary.failed.length}`);
if (summary.added > 0) {
  const stages = Object.entries(summary.stages).map(([stage, ms]) => `${stage} ${ms} ms`);
  console.log(`${summary.perSecond} pins/s; server time per pin: ${stages.join(", ")}`);
}
for (const failure of summary.failed.slice(0, 20)) console.log(`  ${failure.key}: ${failure.reason}`);
process.exit(summary.failed.length > 0 ? 1 : 0);
