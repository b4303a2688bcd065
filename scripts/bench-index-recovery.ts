// `npm run bench-index-recovery -- [--n 100000] [--dim 256]`: how long the vector index takes
// to come back at start, at a given catalog size, on the embedded store: rebuilt from the store
// (no file, or a damaged one) and loaded from its saved file. The store is filled with `n` pins
// whose vectors are seeded random unit vectors (an HNSW build over them is a little slower than
// over real embeddings, which cluster). While the index opens, search scans the store exactly
// up to 20,000 vectors and answers 503 warming_up above that. A benchmark: it asserts nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { float32ToBytes } from "@/lib/embedding/vectors";
import { unitVector } from "@/lib/index/testing";
import { CatalogVectors } from "@/lib/server/vectors";
import { openDatabase, PinRepository } from "@/lib/store";

const { values } = parseArgs({ options: { n: { type: "string", default: "100000" }, dim: { type: "string", default: "256" } } });
const n = Number(values.n);
const dim = Number(values.dim);
const model = "bench@1";
const dataDir = await mkdtemp(path.join(tmpdir(), "glimpse-recovery-"));
process.env.DATA_DIR = dataDir;
const db = await openDatabase({ url: "", dataDir: path.join(dataDir, "pg") });

const fillStart = performance.now();
const BATCH = 1000;
for (let start = 0; start < n; start += BATCH) {
  const count = Math.min(BATCH, n - start);
  const shas = Array.from({ length: count }, (_, i) => (start + i).toString(16).padStart(64, "0"));
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into images (sha256, format, width, height, bytes, dominant_color)
       select sha, 'jpeg', 512, 512, 40000, '#808080' from unnest($1::text[]) as sha`,
      [shas],
    );
    await tx.query(
      `insert into pins (id, title, image_sha256) select 'bench' || sha, 'bench pin', sha from unnest($1::text[]) as sha`,
      [shas],
    );
    await tx.query(
      `insert into embeddings (image_sha256, model, vector) select * from unnest($1::text[], $2::text[], $3::bytea[])`,
      [shas, shas.map(() => model), shas.map((_, i) => float32ToBytes(unitVector(start + i + 1, dim)))],
    );
  });
}
console.log(`filled the store with ${n} pins in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

const repository = new PinRepository(db);
async function openTimed(): Promise<{ seconds: number; stats: Record<string, unknown> }> {
  const start = performance.now();
  const vectors = new CatalogVectors(model, dim, repository);
  await vectors.ready;
  const seconds = (performance.now() - start) / 1000;
  const stats = (await vectors.stats()) as Record<string, unknown>;
  await vectors.close();
  return { seconds, stats };
}

const rebuilt = await openTimed();
const loaded = await openTimed();
console.log(`\n| vectors | rebuilt from the store | loaded from its file |`);
console.log(`|---:|---:|---:|`);
console.log(`| ${n.toLocaleString("en")} | ${rebuilt.seconds.toFixed(1)} s | ${loaded.seconds.toFixed(1)} s |`);
console.log(`(rebuild: ${String(rebuilt.stats.rebuildReason)}; load: opened from ${String(loaded.stats.openedFrom)})`);
await db.close();
await rm(dataDir, { recursive: true, force: true });
