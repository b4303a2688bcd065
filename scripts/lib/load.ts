// A bounded load test of a running Glimpse through its HTTP API: many concurrent clients split
// between image search, text search, feed pages and uploads (each route its own autocannon run,
// all at once, so each gets its own latency percentiles), for a fixed time, on loopback only.
// Reports per route: answers per second, p50/p99, status codes and socket errors; and the
// server's memory before, right after and once it has settled.
import autocannon from "autocannon";
import { picture } from "@/lib/testing/pictures";

export interface LoadOptions {
  base: string;
  /** Concurrent connections in all, split across the routes by `mix`. */
  connections: number;
  durationSeconds: number;
  /** Seconds to wait after the run before reading the server's memory again. */
  settleSeconds?: number;
}

export interface RouteLoad {
  route: string;
  connections: number;
  requests: number;
  /** 2xx answers per second. */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  /** Connections that failed or timed out without an answer. */
  socketErrors: number;
  timeouts: number;
}

export interface LoadReport {
  options: Required<LoadOptions>;
  routes: RouteLoad[];
  memory: { beforeMb: number; afterMb: number; settledMb: number } | null;
}

/** Shares of the connections per route. */
const mix = { imageSearch: 0.3, textSearch: 0.3, feed: 0.3, upload: 0.1 } as const;
const BOUNDARY = "----glimpse-load-boundary";

function multipart(image: Buffer, fields: Record<string, string> = {}): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="image"; filename="p.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`));
  parts.push(image, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

async function rssMb(base: string): Promise<number | null> {
  const response = await fetch(`${base}/api/health`).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json()) as { process?: { rssBytes: number } };
  return body.process ? Math.round(body.process.rssBytes / 2 ** 20) : null;
}

/** Cycles through `items` one request at a time. */
function rotating<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length]!;
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const full: Required<LoadOptions> = { settleSeconds: 20, ...options };
  const { base, connections, durationSeconds } = full;
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(base)) throw new Error(`load tests run on loopback only, not ${base}`);

  const feed = (await (await fetch(`${base}/api/pins?limit=100`)).json()) as { pins: { title: string }[] };
  const words = [...new Set(feed.pins.flatMap((p) => p.title.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  if (words.length === 0) words.push("lamp", "chair", "kettle");
  const queries = await Promise.all(Array.from({ length: 24 }, (_, i) => picture(9000 + i, 256)));
  // Every upload a picture of its own: a repeated one would reuse its stored vector.
  const uploadCount = Math.max(50, Math.ceil(connections * mix.upload * durationSeconds * 2));
  const uploads = await Promise.all(Array.from({ length: uploadCount }, (_, i) => picture(100_000 + i, 256)));

  const headers = { "content-type": `multipart/form-data; boundary=${BOUNDARY}` };
  const nextQuery = rotating(queries.map((image) => multipart(image, { k: "24" })));
  const nextUpload = rotating(uploads.map((image, i) => multipart(image, { title: `load test ${i}` })));
  const nextWord = rotating(words);
  const routes: { route: string; share: number; request: autocannon.Request }[] = [
    {
      route: "POST /api/search (image)",
      share: mix.imageSearch,
      request: { method: "POST", path: "/api/search", headers, setupRequest: (r) => ({ ...r, body: nextQuery() }) },
    },
    {
      route: "GET /api/search (text)",
      share: mix.textSearch,
      request: { method: "GET", setupRequest: (r) => ({ ...r, path: `/api/search?q=${encodeURIComponent(nextWord())}&k=24` }) },
    },
    { route: "GET /api/pins (feed)", share: mix.feed, request: { method: "GET", path: "/api/pins?limit=30" } },
    {
      route: "POST /api/pins (upload)",
      share: mix.upload,
      request: { method: "POST", path: "/api/pins", headers, setupRequest: (r) => ({ ...r, body: nextUpload() }) },
    },
  ];

  const beforeMb = await rssMb(base);
  const results = await Promise.all(
    routes.map(({ route, share, request }) => {
      const routeConnections = Math.max(1, Math.round(connections * share));
      return autocannon({ url: base, connections: routeConnections, duration: durationSeconds, timeout: 60, requests: [request] }).then(
        (result): RouteLoad => {
          const statuses: Record<string, number> = {};
          for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
          return {
            route,
            connections: routeConnections,
            requests: result.requests.total,
            okPerSecond: Math.round((result["2xx"] / durationSeconds) * 10) / 10,
            p50Ms: result.latency.p50,
            p99Ms: result.latency.p99,
            maxMs: result.latency.max,
            statuses,
            socketErrors: result.errors,
            timeouts: result.timeouts,
          };
        },
      );
    }),
  );
  const afterMb = await rssMb(base);
  await new Promise((r) => setTimeout(r, full.settleSeconds * 1000));
  const settledMb = await rssMb(base);
  const memory = beforeMb !== null && afterMb !== null && settledMb !== null ? { beforeMb, afterMb, settledMb } : null;
  return { options: full, routes: results, memory };
}

/** Answers that are neither success nor a deliberate refusal (429, 503 busy): what a load test must not see. */
export function unexpectedAnswers(route: RouteLoad): number {
  let count = route.socketErrors + route.timeouts;
  for (const [status, n] of Object.entries(route.statuses)) {
    if (!/^2/.test(status) && status !== "429" && status !== "503") count += n;
  }
  return count;
}

export function formatLoadReport(report: LoadReport): string {
  const lines = [
    `${report.options.connections} connections for ${report.options.durationSeconds} s against ${report.options.base}`,
    "",
    "| route | connections | requests | 2xx/s | p50 ms | p99 ms | max ms | statuses | socket errors |",
    "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ...report.routes.map(
      (r) =>
        `| ${r.route} | ${r.connections} | ${r.requests} | ${r.okPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${Object.entries(r.statuses)
          .map(([s, n]) => `${s}: ${n}`)
          .join(", ")} | ${r.socketErrors + r.timeouts} |`,
    ),
  ];
  if (report.memory) {
    const { beforeMb, afterMb, settledMb } = report.memory;
    lines.push("", `server memory (RSS): ${beforeMb} MB before, ${afterMb} MB right after, ${settledMb} MB after ${report.options.settleSeconds} s`);
  }
  return lines.join("\n");
}
