// Measures the embedded vector index: build time, queries per second, recall@10 against
// exact search, and memory per vector, for f32, f16 and int8 codes at several search expansions.
// Data are clustered unit vectors (like image embeddings, which crowd around categories).
//
//   npx tsx scripts/bench-index.ts [--n 100000] [--dim 256] [--queries 1000] [--clusters 200]
//                                  [--latent 32] [--connectivity 16,32] [--expansions 16,32,64,128]
//                                  [--codes f32,f16,i8]
//                                  [--uniform]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "@/lib/random";
import { Index, MetricKind, ScalarKind, exactSearch, type BatchMatches } from "usearch";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    dim: { type: "string", default: "256" },
    queries: { type: "string", default: "1000" },
    clusters: { type: "string", default: "200" },
    connectivity: { type: "string", default: "16,32" },
    expansions: { type: "string", default: "16,32,64,128" },
    latent: { type: "string", default: "32" },
    codes: { type: "string", default: "f32,f16,i8" },
    uniform: { type: "boolean", default: false },
  },
});
const n = Number(args.n);
const dim = Number(args.dim);
const queryCount = Number(args.queries);
const k = 10;

/** Seeded normal deviates (mulberry32 + Box–Muller), so runs are comparable. */
function gaussian(seed: number): () => number {
  const random = seededRandom(seed);
  const uniform = () => 1 - random(); // (0, 1]: log(0) must not happen
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function normalizeRows(matrix: Float32Array): Float32Array {
  for (let r = 0; r < matrix.length / dim; r++) {
    const row = matrix.subarray(r * dim, (r + 1) * dim);
    const norm = Math.hypot(...row) || 1;
    for (let i = 0; i < dim; i++) row[i]! /= norm;
  }
  return matrix;
}

/**
 * Image embeddings have a low intrinsic dimension and crowd around categories, so points are
 * drawn in a small latent space around cluster centres, lifted to `dim` by a fixed random map,
 * plus a little full-rank noise. `--uniform` draws isotropic vectors instead (the worst case).
 */
function makeVectors(count: number, seed: number, model: LatentModel | null): Float32Array {
  const normal = gaussian(seed);
  const out = new Float32Array(count * dim);
  const latent = new Float32Array(latentDim);
  for (let r = 0; r < count; r++) {
    const row = out.subarray(r * dim, (r + 1) * dim);
    if (!model) {
      for (let i = 0; i < dim; i++) row[i] = normal();
      continue;
    }
    const c = Math.floor(Math.abs(normal() * 1e6)) % model.clusters;
    for (let j = 0; j < latentDim; j++) latent[j] = model.centers[c * latentDim + j]! + 0.5 * normal();
    for (let i = 0; i < dim; i++) {
      let v = 0.05 * normal();
      for (let j = 0; j < latentDim; j++) v += model.lift[i * latentDim + j]! * latent[j]!;
      row[i] = v;
    }
  }
  return normalizeRows(out);
}

interface LatentModel {
  clusters: number;
  centers: Float32Array;
  lift: Float32Array;
}

const latentDim = Number(args.latent);
const clusters = Number(args.clusters);
const model: LatentModel | null = args.uniform
  ? null
  : {
      clusters,
      centers: Float32Array.from({ length: clusters * latentDim }, gaussian(7)),
      lift: Float32Array.from({ length: dim * latentDim }, gaussian(8)).map((x) => x / Math.sqrt(latentDim)),
    };
console.log(`data: ${n} × ${dim}-d ${args.uniform ? "uniform" : `clustered (${clusters} clusters, latent ${latentDim}-d)`}, ${queryCount} queries, ${os.cpus().length} cores`);
const data = makeVectors(n, 1, model);
const queries = makeVectors(queryCount, 2, model);
const keys = BigUint64Array.from({ length: n }, (_, i) => BigInt(i + 1));

let started = performance.now();
const truth = exactSearch(data, queries, dim, k, MetricKind.Cos) as BatchMatches;
console.log(`exact search (ground truth): ${((performance.now() - started) / 1000).toFixed(1)} s`);
const truthSets = Array.from({ length: queryCount }, (_, q) => new Set([...truth.get(q).keys].map((key) => key + 1n)));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-index-"));
const rows: string[][] = [];
const codeKinds: Record<string, ScalarKind> = { f32: ScalarKind.F32, f16: ScalarKind.F16, i8: ScalarKind.I8 };
for (const quantization of args.codes.split(",").map((c) => codeKinds[c] ?? ScalarKind.F32)) {
  for (const connectivity of args.connectivity.split(",").map(Number)) {
    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    const index = new Index({ dimensions: dim, metric: MetricKind.Cos, quantization, connectivity, expansion_add: 128, expansion_search: 64, multi: false });
    started = performance.now();
    for (let at = 0; at < n; at += 10_000) {
      const end = Math.min(n, at + 10_000);
      index.add(keys.subarray(at, end), data.subarray(at * dim, end * dim));
    }
    const buildSeconds = (performance.now() - started) / 1000;
    const rssPerVector = (process.memoryUsage().rss - rssBefore) / n;
    const file = path.join(tmp, `${quantization}-${connectivity}.usearch`);
    index.save(file);
    const filePerVector = fs.statSync(file).size / n;

    for (const expansion of args.expansions.split(",").map(Number)) {
      const searcher = new Index({ dimensions: dim, metric: MetricKind.Cos, quantization, connectivity, expansion_add: 128, expansion_search: expansion, multi: false });
      searcher.load(file);
      let found = 0;
      started = performance.now();
      for (let q = 0; q < queryCount; q++) {
        const hits = searcher.search(queries.subarray(q * dim, (q + 1) * dim), k, 1);
        for (const key of hits.keys) if (truthSets[q]!.has(key)) found++;
      }
      const qps = queryCount / ((performance.now() - started) / 1000);
      rows.push([
        quantization,
        String(connectivity),
        String(expansion),
        buildSeconds.toFixed(1),
        String(Math.round(n / buildSeconds)),
        String(Math.round(qps)),
        (found / (queryCount * k)).toFixed(4),
        String(Math.round(filePerVector)),
        String(Math.round(rssPerVector)),
      ]);
    }
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const header = ["codes", "M", "ef", "build s", "adds/s", "QPS (1 thread)", "recall@10", "file B/vec", "RSS B/vec"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
console.log([line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n"));
