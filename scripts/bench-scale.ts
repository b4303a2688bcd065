// `npm run bench:scale -- --n 1000000`: Glimpse with a catalog of n pins, measured end to end
// through its HTTP API on PostgreSQL. It loads n synthetic pins straight into the store (their
// vectors drawn to match the real embedding, scripts/lib/synthetic-catalog.ts; titles, kinds,
// categories and prices like the demo catalog's), builds the index from the store as the server
// would, starts a production build of the app on that store, uploads a few hundred real
// demo-catalog pictures through the API, then times image search (plain and filtered), text
// search and feed pages, one request at a time, and reports the app's start time and memory.
// Needs `npx next build` first; its data folder and database are its own and are dropped first.
//
//   npm run bench:scale -- [--n 1000000] [--real 300] [--queries 200] [--port 3190]
//                          [--database glimpse_scale] [--keep-load]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import sharp from "sharp";
import { modelKey } from "@/lib/embedding/manifest";
import { readManifest } from "@/lib/embedding/model-files";
import { float32ToBytes } from "@/lib/embedding/vectors";
import { CatalogVectors } from "@/lib/server/vectors";
import { PinRepository, openDatabase, runMigrations } from "@/lib/store";
import { readCatalog } from "./lib/catalog-source";
import { ingest } from "./lib/ingest";
import { SyntheticCatalog } from "./lib/synthetic-catalog";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    real: { type: "string", default: "300" },
    queries: { type: "string", default: "200" },
    port: { type: "string", default: "3190" },
    database: { type: "string", default: "glimpse_scale" },
    "keep-load": { type: "boolean", default: false },
  },
});
const n = Number(args.n);
const realCount = Number(args.real);
const queryCount = Number(args.queries);
const base = `http://127.0.0.1:${args.port}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const databaseUrl = serverUrl.replace(/\/[^/]*$/, `/${args.database}`);
const dataDir = path.join(os.tmpdir(), `glimpse-scale-${args.database}`);
// The server's default model, so the synthetic vectors are the ones it searches.
const model = modelKey(await readManifest(path.join(process.cwd(), "models", "glimpse-unified")));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const report: string[] = [];
const note = (line: string) => {
  console.log(line);
  report.push(line);
};

const demo = await readCatalog("catalog/demo/catalog.jsonl");
const titleWords = [...new Set(demo.flatMap((item) => (item.fields.title ?? "").toLowerCase().match(/[a-z]{3,}/g) ?? []))];
const categories = [...new Set(demo.map((item) => item.fields.category).filter((c): c is string => !!c))];

if (!args["keep-load"]) await load();
const server = await startServer();
try {
  await measure();
} finally {
  server.kill("SIGTERM");
}
console.log(`\n${report.join("\n")}`);

/** The store and the index, n pins, from nothing. */
async function load(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${args.database}`);
  await admin.query(`create database ${args.database}`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const db = await openDatabase({ url: databaseUrl });
  await runMigrations(db);
  const catalog = await SyntheticCatalog.fit();
  // Text indexes are made once after the load: far faster than keeping them up row by row.
  await db.query("drop index pins_search_vector_idx");
  await db.query("drop index pins_title_trigrams");
  let started = performance.now();
  const batch = 2_000;
  const product = new Float32Array(catalog.dim);
  const vector = new Float32Array(catalog.dim);
  for (let at = 0; at < n; at += batch) {
    const rows = Math.min(batch, n - at);
    const shas: string[] = [];
    const vectors: Uint8Array[] = [];
    const ids: string[] = [];
    const titles: string[] = [];
    const kinds: string[] = [];
    const cats: (string | null)[] = [];
    const prices: (number | null)[] = [];
    for (let r = 0; r < rows; r++) {
      shas.push(randomBytes(32).toString("hex"));
      vectors.push(float32ToBytes(catalog.view(catalog.product(product), vector)));
      ids.push(randomBytes(9).toString("base64url"));
      const words = Array.from({ length: 2 + catalog.pick(3) }, () => titleWords[catalog.pick(titleWords.length)]!);
      titles.push(words.join(" ").replace(/^./, (c) => c.toUpperCase()));
      const isProduct = catalog.uniform() < 0.5;
      kinds.push(isProduct ? "product" : "pin");
      cats.push(catalog.uniform() < 0.9 ? categories[catalog.pick(categories.length)]! : null);
      prices.push(isProduct ? Math.round(100 + catalog.uniform() * 49_900) / 100 : null);
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into images (sha256, format, width, height, bytes, dominant_color)
         select sha, 'webp', 512, 512, 40000, '#c8c0b0' from unnest($1::text[]) as sha`,
        [shas],
      );
      await tx.query(`insert into embeddings (image_sha256, model, vector) select * from unnest($1::text[], $2::text[], $3::bytea[])`, [
        shas,
        shas.map(() => model),
        vectors,
      ]);
      await tx.query(
        `insert into pins (id, title, description, price, category, kind, image_sha256)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::text[], $7::text[])`,
        [ids, titles, titles.map((t) => `${t}: a synthetic pin.`), prices, cats, kinds, shas],
      );
    });
    if ((at / batch) % 50 === 0) console.log(`loaded ${at + rows} of ${n} pins (${seconds(started)} s)`);
  }
  note(`load: ${n} pins into PostgreSQL in ${seconds(started)} s`);
  started = performance.now();
  await db.query("create index pins_search_vector_idx on pins using gin (search_vector)");
  await db.query("create index pins_title_trigrams on pins using gin (lower(title) public.gin_trgm_ops)");
  await db.query("analyze");
  note(`text indexes made in ${seconds(started)} s`);

  // The index as the server builds it when it has no saved file: from the store.
  started = performance.now();
  process.env.DATA_DIR = dataDir;
  const vectors = new CatalogVectors(model, catalog.dim, new PinRepository(db));
  await vectors.ready;
  await vectors.close();
  note(`index built from the store in ${seconds(started)} s (usearch f16 HNSW, 2 threads)`);
  await db.close();
}

/** What share of the catalog passes some search filters, counted in the store. */
async function passingShare(filters: { kind?: string; category?: string; maxPrice?: string }): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const total = Number((await client.query("select count(*) as n from pins")).rows[0].n);
    const { rows } = await client.query(
      `select count(*) as n from pins where ($1::text is null or kind = $1) and ($2::text is null or lower(category) = lower($2))
          and ($3::numeric is null or price <= $3)`,
      [filters.kind ?? null, filters.category ?? null, filters.maxPrice ?? null],
    );
    return `${((100 * Number(rows[0].n)) / total).toPrecision(2)} %`;
  } finally {
    await client.end();
  }
}

async function startServer() {
  const started = performance.now();
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", args.port], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      DEMO_CATALOG: "0",
      GLIMPSE_IN_APP_WORKERS: "0",
      GLIMPSE_UPLOADS_PER_MINUTE: "0",
      GLIMPSE_SEARCHES_PER_MINUTE: "0",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const health = await fetch(`${base}/api/health`).then((r) => r.json()).catch(() => null);
    if (health?.index?.state === "ready") {
      note(`app start (until the index is ready): ${seconds(started)} s, ${health.pins} pins, RSS ${Math.round(health.process.rssBytes / 2 ** 20)} MB`);
      return child;
    }
  }
}

async function measure(): Promise<void> {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "glimpse-scale-ingest-"));
  const real = demo.filter((_, i) => i % Math.max(1, Math.floor(demo.length / realCount)) === 0).slice(0, realCount);
  const uploaded = await ingest(real, { base, concurrency: 2, stateDir, label: "real pictures" });
  note(`real pictures uploaded through the API: ${uploaded.added} at ${uploaded.perSecond.toFixed(1)} pins/s`);

  // Queries: phone-like views (cropped, shrunk, JPEG) of the uploaded real pictures.
  const queries = await Promise.all(
    real.slice(0, queryCount).map(async (item) => {
      const image = sharp(item.imagePath);
      const { width = 512, height = 512 } = await image.metadata();
      const crop = { left: Math.round(width * 0.08), top: Math.round(height * 0.06), width: Math.round(width * 0.85), height: Math.round(height * 0.86) };
      const bytes = await image.flatten({ background: "#d9d4cc" }).extract(crop).resize(320).jpeg({ quality: 70 }).toBuffer();
      return { bytes, title: item.fields.title! };
    }),
  );
  const rows: string[][] = [];
  const time = async (label: string, count: number, request: (i: number) => Promise<Response>, check?: (body: unknown, i: number) => boolean) => {
    // A few untimed requests first: the first of each kind loads code and warms caches.
    for (let i = 0; i < 3; i++) await (await request(i)).arrayBuffer();
    const times: number[] = [];
    let passed = 0;
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const response = await request(i);
      const body = await response.json();
      times.push(performance.now() - t);
      if (!response.ok) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
      if (check?.(body, i)) passed++;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
    rows.push([label, String(count), at(0.5), at(0.99), check ? `${((100 * passed) / count).toFixed(0)} %` : ""]);
  };
  const imageSearch = (filters: Record<string, string>) => (i: number) => {
    const form = new FormData();
    form.set("image", new Blob([new Uint8Array(queries[i]!.bytes)], { type: "image/jpeg" }), "query.jpg");
    for (const [name, value] of Object.entries(filters)) form.set(name, value);
    return fetch(`${base}/api/search`, { method: "POST", body: form });
  };
  const foundItsPin = (body: unknown, i: number) =>
    (body as { results: { pin: { title: string } }[] }).results.slice(0, 10).some((r) => r.pin.title === queries[i]!.title);
  const category = categories[0]!;
  await time("image search", queries.length, imageSearch({}), foundItsPin);
  const filterSets: Record<string, string>[] = [{ kind: "product" }, { category }, { category, kind: "product", maxPrice: "170" }];
  for (const filters of filterSets) {
    await time(`image search, ${Object.entries(filters).map(([k, v]) => `${k} = ${v}`).join(", ")} (${await passingShare(filters)} of pins pass)`, queries.length, imageSearch(filters));
  }
  const words = Array.from({ length: 300 }, (_, i) => titleWords[(i * 7919) % titleWords.length]!);
  await time("text search, one word", words.length, (i) => fetch(`${base}/api/search?q=${encodeURIComponent(words[i]!)}&k=24`));
  await time("text search, two words", words.length, (i) => fetch(`${base}/api/search?q=${encodeURIComponent(`${words[i]} ${words[(i + 1) % words.length]}`)}&k=24`));
  let cursor: string | null = null;
  await time("feed, 300 pages in a row", 300, async () => {
    const response = await fetch(`${base}/api/pins?limit=24${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    const copy = response.clone();
    cursor = ((await copy.json()) as { nextCursor: string | null }).nextCursor;
    return response;
  });
  const health = await fetch(`${base}/api/health`).then((r) => r.json());
  note(`\n### ${health.pins} pins, through the API, one request at a time (${os.cpus().length} cores)\n`);
  note("| request | n | p50 ms | p99 ms | its pin in the top 10 |");
  note("|---|---|---|---|---|");
  for (const row of rows) note(`| ${row.join(" | ")} |`);
  note(`\napp memory after the run: RSS ${Math.round(health.process.rssBytes / 2 ** 20)} MB, heap ${Math.round(health.process.heapUsedBytes / 2 ** 20)} MB; index ${JSON.stringify({ size: health.index.size, bytesPerVector: health.index.bytesPerVector })}`);
  fs.rmSync(stateDir, { recursive: true, force: true });
}
