// `npm run bench:index -- --n 1000000`: the embedded vector engine at catalog scale, against
// exact search on held-out queries. Prints markdown tables:
//   1. f16 (and optionally f32) HNSW graphs: build time, memory per vector, and per search
//      breadth (ef) recall@10, single-thread QPS and p50/p99 latency;
//   2. compact codes: an HNSW graph over the 32-byte sign codes (Hamming), whose short list is
//      re-ranked with f16 vectors read from a file on disk, per short-list length;
//   3. filtered search at 50 %, 5 % and 0.5 % selectivity: the graph search widened until k
//      pass, and an exact scan of just the passing vectors.
// The vectors are drawn to match the real embedding (scripts/lib/synthetic-catalog.ts says
// how). A benchmark, not a test: it asserts nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Index, MetricKind, ScalarKind, exactSearch, type BatchMatches } from "usearch";
import { dot } from "@/lib/embedding/vectors";
import { SyntheticCatalog } from "./lib/synthetic-catalog";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    queries: { type: "string", default: "1000" },
    "filtered-queries": { type: "string", default: "200" },
    connectivity: { type: "string", default: "16" },
    expansions: { type: "string", default: "32,64,128,256,512,1024" },
    shortlists: { type: "string", default: "100,200,400,800" },
    codes: { type: "string", default: "f16" },
  },
});
const n = Number(args.n);
const queryCount = Number(args.queries);
const filteredQueryCount = Number(args["filtered-queries"]);
const connectivity = Number(args.connectivity);
const k = 10;
const halfScratch = new Float32Array(1);
const halfBits = new Uint32Array(halfScratch.buffer);
/** Every half-precision bit pattern's value. */
const fromHalf = Float32Array.from({ length: 65536 }, (_, bits) => {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
});

const catalog = await SyntheticCatalog.fit();
const dim = catalog.dim;
const random = () => catalog.uniform();
const pick = (count: number) => catalog.pick(count);
const row = (matrix: Float32Array, r: number) => matrix.subarray(r * dim, (r + 1) * dim);

console.log(`data: ${n} pins × ${dim}-d, ${queryCount} queries (+${filteredQueryCount} per filter), ${os.cpus().length} cores, usearch ${"f16 HNSW, M = " + connectivity}`);
let started = performance.now();
const products = new Float32Array(dim);
const data = new Float32Array(n * dim);
const queryProducts = new Float32Array(Math.max(queryCount, filteredQueryCount) * dim);
// Each query is a view of a different pin's product.
const queryRows = new Set<number>();
while (queryRows.size < queryProducts.length / dim) queryRows.add(pick(n));
const queryOf = Int32Array.from(queryRows);
const productOfQuery = new Map<number, number>();
queryOf.forEach((r, q) => productOfQuery.set(r, q));
for (let r = 0; r < n; r++) {
  catalog.product(products);
  const q = productOfQuery.get(r);
  if (q !== undefined) row(queryProducts, q).set(products);
  catalog.view(products, row(data, r));
}
const makeQueries = (count: number) => {
  const out = new Float32Array(count * dim);
  for (let q = 0; q < count; q++) catalog.view(row(queryProducts, q), row(out, q));
  return out;
};
const queries = makeQueries(queryCount);
const keys = BigUint64Array.from({ length: n }, (_, i) => BigInt(i + 1));
console.log(`drawing the vectors: ${((performance.now() - started) / 1000).toFixed(1)} s`);

started = performance.now();
const deep = 100;
const truth = exactSearch(data, queries, dim, deep, MetricKind.Cos) as BatchMatches;
console.log(`exact search (ground truth): ${((performance.now() - started) / 1000).toFixed(1)} s`);
const truthOf = (matches: BatchMatches, count: number, keyOf: (key: bigint) => bigint = (key) => key + 1n) =>
  Array.from({ length: count }, (_, q) => new Set([...matches.get(q).keys].slice(0, k).map(keyOf)));
const truthSets = truthOf(truth, queryCount);
// How far apart the exact neighbours are: when the 10th is barely closer than the 100th, a
// graph search must tell apart near-ties, and recall@10 against exact search falls.
{
  const at = (rank: number) => {
    const similarities = Array.from({ length: queryCount }, (_, q) => 1 - truth.get(q).distances[rank]!).sort((a, b) => a - b);
    return similarities[Math.floor(queryCount / 2)]!.toFixed(3);
  };
  const ownRanks = Array.from({ length: queryCount }, (_, q) => [...truth.get(q).keys].indexOf(BigInt(queryOf[q]!)));
  const ownInTop10 = ownRanks.filter((rank) => rank >= 0 && rank < k).length / queryCount;
  console.log(`exact neighbours, median similarity at rank 1 / 10 / 100: ${at(0)} / ${at(9)} / ${at(deep - 1)}; the query's own pin is in the exact top 10 for ${(100 * ownInTop10).toFixed(1)} % of queries`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
interface Measured {
  recall: number;
  /** Share of queries whose own pin (another view of the same product) is among the hits. */
  ownFound: number;
  qps: number;
  p50: number;
  p99: number;
}
/** Runs every query one at a time on this thread; recall@10 against the truth sets. */
function measure(count: number, search: (q: number) => Iterable<bigint>, truths: Set<bigint>[]): Measured {
  const times: number[] = [];
  let found = 0;
  let ownFound = 0;
  const begin = performance.now();
  for (let q = 0; q < count; q++) {
    const t = performance.now();
    const hits = [...search(q)];
    times.push(performance.now() - t);
    for (const key of hits) if (truths[q]!.has(key)) found++;
    if (hits.includes(BigInt(queryOf[q]! + 1))) ownFound++;
  }
  const seconds = (performance.now() - begin) / 1000;
  times.sort((a, b) => a - b);
  return { recall: found / (count * k), ownFound: ownFound / count, qps: count / seconds, p50: percentile(times, 50), p99: percentile(times, 99) };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
const ms = (x: number) => x.toFixed(2);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-index-"));
const built = (quantization: ScalarKind, metric: MetricKind) => {
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  const index = new Index({ dimensions: dim, metric, quantization, connectivity, expansion_add: 128, expansion_search: 64, multi: false });
  const begin = performance.now();
  for (let at = 0; at < n; at += 10_000) {
    const end = Math.min(n, at + 10_000);
    index.add(keys.subarray(at, end), data.subarray(at * dim, end * dim));
  }
  const buildSeconds = (performance.now() - begin) / 1000;
  const rssPerVector = (process.memoryUsage().rss - rssBefore) / n;
  const file = path.join(tmp, `${quantization}.usearch`);
  index.save(file);
  return { index, buildSeconds, rssPerVector, filePerVector: fs.statSync(file).size / n };
};

// 1. Float graphs.
const graphRows: string[][] = [];
let served: Index | undefined;
for (const code of args.codes.split(",")) {
  const quantization = code === "f32" ? ScalarKind.F32 : ScalarKind.F16;
  const { index, buildSeconds, rssPerVector, filePerVector } = built(quantization, MetricKind.Cos);
  for (const expansion of args.expansions.split(",").map(Number)) {
    const searcher = new Index({ dimensions: dim, metric: MetricKind.Cos, quantization, connectivity, expansion_add: 128, expansion_search: expansion, multi: false });
    searcher.load(path.join(tmp, `${quantization}.usearch`));
    const m = measure(queryCount, (q) => searcher.search(row(queries, q), k, 1).keys, truthSets);
    graphRows.push([code, String(expansion), m.recall.toFixed(3), m.ownFound.toFixed(3), String(Math.round(m.qps)), ms(m.p50), ms(m.p99), buildSeconds.toFixed(0), String(Math.round(filePerVector)), String(Math.round(rssPerVector))]);
  }
  if (quantization === ScalarKind.F16) served = index;
}
console.log(`\n### HNSW graphs (M = ${connectivity}, efConstruction = 128; built on ${os.cpus().length} threads, searched on one)\n`);
console.log(table(["vectors", "ef", "recall@10", "own pin in top 10", "QPS", "p50 ms", "p99 ms", "build s", "file B/vec", "RSS B/vec"], graphRows));

// 2. Sign codes in a Hamming graph, re-ranked from f16 vectors on disk.
const halves = path.join(tmp, "vectors.f16");
{
  const out = new Uint16Array(n * dim);
  for (let i = 0; i < n * dim; i++) out[i] = toHalf(data[i]!);
  fs.writeFileSync(halves, out);
}
const halfFile = fs.openSync(halves, "r");
const rowBytes = dim * 2;
const readBuffer = new Uint16Array(dim);
const rereadRow = new Float32Array(dim);
const codes = built(ScalarKind.B1, MetricKind.Hamming);
const codeRows: string[][] = [];
for (const shortlist of args.shortlists.split(",").map(Number)) {
  const searcher = new Index({ dimensions: dim, metric: MetricKind.Hamming, quantization: ScalarKind.B1, connectivity, expansion_add: 128, expansion_search: shortlist, multi: false });
  searcher.load(path.join(tmp, `${ScalarKind.B1}.usearch`));
  const m = measure(
    queryCount,
    (q) => {
      const query = row(queries, q);
      const scored = [...searcher.search(query, shortlist, 1).keys].map((key) => {
        fs.readSync(halfFile, new Uint8Array(readBuffer.buffer), 0, rowBytes, Number(key - 1n) * rowBytes);
        for (let i = 0; i < dim; i++) rereadRow[i] = fromHalf[readBuffer[i]!]!;
        return { key, similarity: dot(query, rereadRow) };
      });
      return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k).map((s) => s.key);
    },
    truthSets,
  );
  codeRows.push([String(shortlist), m.recall.toFixed(3), m.ownFound.toFixed(3), String(Math.round(m.qps)), ms(m.p50), ms(m.p99), codes.buildSeconds.toFixed(0), String(Math.round(codes.filePerVector)), String(rowBytes)]);
}
fs.closeSync(halfFile);
console.log(`\n### Sign codes (32 bytes) in a Hamming HNSW graph, short list re-ranked with f16 vectors read from disk\n`);
console.log(table(["short list (= ef)", "recall@10", "own pin in top 10", "QPS", "p50 ms", "p99 ms", "build s", "resident B/vec", "on disk B/vec"], codeRows));

// 3. Filters: each pin passes with probability s, independent of its vector (the hard case
// for a graph: the passing pins are spread over all of it).
const passBucket = new Float32Array(n).map(() => random());
const filteredQueries = makeQueries(filteredQueryCount);
const filterRows: string[][] = [];
for (const share of [0.5, 0.05, 0.005]) {
  const passing: number[] = [];
  for (let r = 0; r < n; r++) if (passBucket[r]! < share) passing.push(r);
  const subset = new Float32Array(passing.length * dim);
  passing.forEach((r, i) => subset.set(row(data, r), i * dim));
  const subsetTruth = exactSearch(subset, filteredQueries, dim, k, MetricKind.Cos) as BatchMatches;
  const truths = truthOf(subsetTruth, filteredQueryCount, (key) => BigInt(passing[Number(key)]! + 1));
  const passes = (key: bigint) => passBucket[Number(key - 1n)]! < share;
  const widened = measure(
    filteredQueryCount,
    (q) => {
      let candidates = Math.min(n, Math.ceil((2 * k) / share) + k);
      for (;;) {
        const found = [...served!.search(row(filteredQueries, q), candidates, 1).keys].filter(passes);
        if (found.length >= k || candidates >= n) return found.slice(0, k);
        candidates = Math.min(n, candidates * 4);
      }
    },
    truths,
  );
  const exact = measure(
    filteredQueryCount,
    (q) => {
      const query = row(filteredQueries, q);
      const scored = passing.map((r, i) => ({ r, similarity: dot(query, row(subset, i)) }));
      return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k).map(({ r }) => BigInt(r + 1));
    },
    truths,
  );
  for (const [strategy, m] of [["graph, widened", widened], ["exact over the passing", exact]] as const) {
    filterRows.push([`${share * 100} %`, String(passing.length), strategy, m.recall.toFixed(3), String(Math.round(m.qps)), ms(m.p50), ms(m.p99)]);
  }
}
console.log(`\n### Filtered search (f16 HNSW, ef = 64; exact scan in JavaScript over vectors in memory)\n`);
console.log(table(["passing", "pins", "strategy", "recall@10", "QPS", "p50 ms", "p99 ms"], filterRows));
fs.rmSync(tmp, { recursive: true, force: true });

/** IEEE half precision, rounded to nearest even (the precision the served index stores). */
function toHalf(value: number): number {
  halfScratch[0] = value;
  const bits = halfBits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    const rounded = (mantissa + (1 << (shift - 1)) - 1 + ((mantissa >> shift) & 1)) >> shift;
    return sign | rounded;
  }
  if (exponent >= 31) return sign | 0x7c00;
  const rounded = (mantissa + 0xfff + ((mantissa >> 13) & 1)) >> 13;
  return (sign | (exponent << 10)) + rounded;
}
