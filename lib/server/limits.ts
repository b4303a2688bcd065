// What protects the server from more work than it can do. Image work (decoding, embedding,
// detecting) runs at most `concurrency` at a time with a short queue behind it; a request that
// finds the queue full, or waits in it too long, is refused with `503 busy` and Retry-After
// instead of piling up latency. Reads that only query the store have a gate of their own.
// Background jobs use the image-work slots at a lower priority: one starts when no request has
// come for a moment (or after waiting long, so a busy server still works its backlog), and
// they never take the last slot. Each client also has a rate limit on uploads and on searches
// (`429 rate_limited`), so one client cannot take every slot. Defaults suit one machine; the
// environment overrides them (docs/reliability.md).
import "server-only";
import { availableParallelism } from "node:os";
import { AppError } from "@/lib/errors";
import { serverContext } from "./context";

export interface WorkGateOptions {
  /** What a refused request is told is busy, e.g. "with other images". */
  what: string;
  /** Jobs running at once. */
  concurrency: number;
  /** Jobs allowed to wait for a slot; more are refused at once. */
  queue: number;
  /** Longest a job waits for a slot before it is refused. */
  maxWaitMs: number;
  /** A background job starts once no request has started for this long... */
  backgroundIdleMs?: number;
  /** ...or once it has waited this long. */
  backgroundMaxWaitMs?: number;
}

const BACKGROUND_POLL_MS = 100;

interface Waiter {
  admit(): void;
}

export class WorkGate {
  private running = 0;
  private runningBackground = 0;
  private waitingBackground = 0;
  private lastRequestAt = -Infinity;
  private readonly waiting: Waiter[] = [];

  constructor(readonly options: WorkGateOptions) {}

  /** Runs `fn` once a slot is free, or throws `503 busy`. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await fn();
    } finally {
      this.leave();
    }
  }

  /** Runs a background job's `fn` when the gate lets it (see above); it never gives up. */
  async runInBackground<T>(fn: () => Promise<T>): Promise<T> {
    const since = Date.now();
    this.waitingBackground++;
    while (!this.mayStartBackground(Date.now() - since)) await new Promise((r) => setTimeout(r, BACKGROUND_POLL_MS));
    this.waitingBackground--;
    this.running++;
    this.runningBackground++;
    try {
      return await fn();
    } finally {
      this.runningBackground--;
      this.leave();
    }
  }

  stats(): { running: number; queued: number; background: number; concurrency: number; queue: number } {
    const { concurrency, queue } = this.options;
    return { running: this.running, queued: this.waiting.length, background: this.runningBackground + this.waitingBackground, concurrency, queue };
  }

  private enter(): Promise<void> {
    const { concurrency, queue, maxWaitMs } = this.options;
    this.lastRequestAt = Date.now();
    if (this.running < concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= queue) return Promise.reject(this.busy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(this.busy());
      }, maxWaitMs);
      this.waiting.push(waiter);
    });
  }

  private mayStartBackground(waitedMs: number): boolean {
    const { concurrency, backgroundIdleMs = 1_000, backgroundMaxWaitMs = 30_000 } = this.options;
    const free = this.running < concurrency && this.waiting.length === 0 && this.runningBackground < Math.max(1, concurrency - 1);
    return free && (Date.now() - this.lastRequestAt >= backgroundIdleMs || waitedMs >= backgroundMaxWaitMs);
  }

  private busy(): AppError {
    const { what, maxWaitMs } = this.options;
    return new AppError("busy", `The server is busy ${what}; try again shortly.`, 503, Math.max(1, Math.round(maxWaitMs / 2000)));
  }

  private leave(): void {
    // The slot passes straight to the next waiter, so `running` stays as it is.
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.running--;
  }
}

export interface RateLimitOptions {
  /** What is limited, as a client reads it: "uploads", "searches". */
  name: string;
  /** Sustained requests per client and minute; 0 turns the limit off. */
  perMinute: number;
}

function burstOf(perMinute: number): number {
  return Math.max(1, Math.round(perMinute / 6));
}

/** Buckets kept before full ones (clients idle long enough to be back at `burst`) are dropped. */
const MAX_TRACKED_CLIENTS = 10_000;

/** A token bucket per client: ten seconds' worth of requests at once, refilled at `perMinute`. */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends one token of `client`, or throws `429 rate_limited` saying when one is back. */
  take(client: string): void {
    const { name, perMinute } = this.options;
    if (perMinute <= 0) return;
    const burst = burstOf(perMinute);
    const perMs = perMinute / 60_000;
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_CLIENTS) this.dropFull(now, perMs);
      bucket = { tokens: burst, at: now };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const seconds = (1 - bucket.tokens) / perMs / 1000;
      throw new AppError("rate_limited", `Too many ${name} from this client; try again in ${Math.ceil(seconds)} s.`, 429, seconds);
    }
    bucket.tokens -= 1;
  }

  private dropFull(now: number, perMs: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= burstOf(this.options.perMinute)) this.buckets.delete(client);
    }
  }
}

/**
 * The client a request comes from, for rate limits: the last address in X-Forwarded-For, which
 * Next.js sets from the socket and a reverse proxy in front appends to. Without such a proxy a
 * client can send its own header and so choose its key; deploy behind one (docs/reliability.md).
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || "unknown";
}

/** Counts a request against its client's limit of `kind`; throws `429 rate_limited` when over. */
export async function limitRate(request: Request, kind: "uploads" | "searches"): Promise<void> {
  (await serverContext()).limits[kind].take(clientAddress(request));
}

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== "" && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export interface ServerLimits {
  imageWork: WorkGate;
  /** Reads that only query the store (feed pages, text search, vector search, similar pins). */
  reads: WorkGate;
  uploads: RateLimit;
  searches: RateLimit;
}

export function limitsFromEnvironment(): ServerLimits {
  const concurrency = Math.max(1, setting("GLIMPSE_IMAGE_CONCURRENCY", availableParallelism()));
  return {
    imageWork: new WorkGate({
      what: "with other images",
      concurrency,
      queue: setting("GLIMPSE_IMAGE_QUEUE", 8 * concurrency),
      maxWaitMs: setting("GLIMPSE_IMAGE_QUEUE_WAIT_MS", 10_000),
    }),
    // The embedded store answers one query at a time: a few reads in flight keep its queue, and
    // the reads' own latency, bounded. (It does not by itself keep a crowd of reads from taking
    // the main thread from image work: docs/reliability.md.)
    reads: new WorkGate({
      what: "with other searches",
      concurrency: Math.max(1, setting("GLIMPSE_READ_CONCURRENCY", 4 * availableParallelism())),
      queue: setting("GLIMPSE_READ_QUEUE", 64),
      maxWaitMs: setting("GLIMPSE_READ_QUEUE_WAIT_MS", 5_000),
    }),
    uploads: new RateLimit({ name: "uploads", perMinute: setting("GLIMPSE_UPLOADS_PER_MINUTE", 1200) }),
    searches: new RateLimit({ name: "searches", perMinute: setting("GLIMPSE_SEARCHES_PER_MINUTE", 1200) }),
  };
}
