// `npm run bench-ingest-stages -- [--images N]`: where an upload's time goes, stage by stage, on
// demo-catalog images in one process, one image at a time: validation (sniff + full decode),
// the pixels to embed (a second decode, resized to 512 px), the embedding (both backbones), and
// writing the original with its eager renditions (into a temporary folder). The database
// transaction and the index insert are what remains of an upload's time through the API. Prints
// a markdown table of medians. A benchmark, not a test: it asserts nothing.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import { ImageStore, validateImage } from "@/lib/image";
import { catalogPixels } from "@/lib/server/catalog-pixels";

const { values } = parseArgs({ options: { images: { type: "string", default: "120" }, model: { type: "string", default: "glimpse-unified" } } });
const root = process.cwd();
const dir = path.join(root, "catalog/demo/images");
const files = readdirSync(dir).sort().filter((_, i) => i % 7 === 0).slice(0, Number(values.images));
const embedder = await loadManifestEmbedder(path.join(root, "models", values.model), root);
const storeDir = await mkdtemp(path.join(tmpdir(), "glimpse-stages-"));
const store = new ImageStore(storeDir);

const stages = ["validate", "pixels", "embed", "store + renditions"] as const;
const times = new Map<string, number[]>(stages.map((s) => [s, []]));
const timed = async <T>(stage: (typeof stages)[number], fn: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const out = await fn();
  times.get(stage)!.push(performance.now() - start);
  return out;
};

try {
  for (const [i, file] of files.entries()) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
    const image = await timed("validate", () => validateImage(bytes));
    const pixels = await timed("pixels", () => catalogPixels(image));
    await timed("embed", () => embedder.embed(pixels));
    await timed("store + renditions", () => store.put(image));
    // The first few warm up the runtime and sharp's caches.
    if (i < 3) for (const t of times.values()) t.pop();
  }
} finally {
  embedder.dispose();
  await rm(storeDir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const total = stages.reduce((s, stage) => s + median(times.get(stage)!), 0);
console.log(`${files.length - 3} demo-catalog images (after 3 warm-up), one at a time\n`);
console.log("| stage | p50 ms | share |");
console.log("|---|---|---|");
for (const stage of stages) {
  const m = median(times.get(stage)!);
  console.log(`| ${stage} | ${m.toFixed(1)} | ${Math.round((100 * m) / total)} % |`);
}
console.log(`| sum of the medians | ${total.toFixed(1)} | |`);
