// The durable job queue for work that follows an upload: pg-boss, in the store's own database
// (its tables in a schema of their own), on PGlite through pg-boss's PGlite adapter as well as
// on a PostgreSQL server. A job is a row: it survives restarts, is retried with exponential
// backoff when it throws, and after its last try stays `failed` with the error as its reason.
// With PGlite only the app process can work jobs (one process per data directory); against a
// server, `npm run worker` processes can work them too.
import "server-only";
import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "@/lib/store";

export interface QueueDefinition {
  name: string;
  /** Tries after the first before a job stays failed. */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) for each further one. */
  retryDelaySeconds: number;
  /** Longest a job may run before it counts as failed (and is retried). */
  expireInSeconds: number;
}

export interface JobCounts {
  /** Waiting to run (including retries waiting out their backoff). */
  queued: number;
  active: number;
  completed: number;
  /** Out of tries; `lastFailure` says why the latest one failed. */
  failed: number;
  lastFailure?: string;
}

/** The schema pg-boss keeps its tables in: its own, or beside a test's schema. */
function jobsSchema(db: Database): string {
  return db.connection.driver === "postgres" && db.connection.schema ? `${db.connection.schema}_jobs` : "pgboss";
}

export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Database,
    private readonly schema: string,
  ) {}

  /** Starts pg-boss on `db` (creating its schema on first use) and the queues. */
  static async open(db: Database, queues: readonly QueueDefinition[]): Promise<JobQueue> {
    const schema = jobsSchema(db);
    const common = { schema, schedule: false, monitorIntervalSeconds: 60 };
    const { connection } = db;
    const boss =
      connection.driver === "pglite"
        ? new PgBoss({ ...common, db: fromPglite(connection.pglite), backend: "pglite" })
        : new PgBoss({ ...common, connectionString: connection.url, max: 4 });
    // pg-boss reports trouble it recovers from (a database that went away) as events.
    boss.on("error", (error: unknown) => console.error("job queue:", error instanceof Error ? error.message : error));
    await boss.start();
    for (const { name, retryLimit, retryDelaySeconds, expireInSeconds } of queues) {
      if (await boss.getQueue(name)) continue;
      await boss.createQueue(name, { policy: "standard", retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, expireInSeconds });
    }
    return new JobQueue(boss, db, schema);
  }

  async send(queue: string, data: object): Promise<void> {
    await this.boss.send(queue, data);
  }

  async sendMany(queue: string, items: readonly object[]): Promise<void> {
    if (items.length > 0) await this.boss.insert(queue, items.map((data) => ({ data })));
  }

  /** Works jobs of `queue` in this process, `concurrency` at a time; a throw means "try again later". */
  async work<T extends object>(queue: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void> {
    await this.boss.work<T>(queue, { localConcurrency: concurrency, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await handler(job.data);
    });
  }

  async counts(queue: string): Promise<JobCounts> {
    const rows = await this.db.query<{ state: string; n: number }>(
      `select state::text, count(*)::int as n from ${this.schema}.job where name = $1 group by state`,
      [queue],
    );
    const n = (...states: string[]) => rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + r.n, 0);
    const counts: JobCounts = { queued: n("created", "retry"), active: n("active"), completed: n("completed"), failed: n("failed") };
    if (counts.failed > 0) {
      const [latest] = await this.db.query<{ reason: string | null }>(
        `select output->>'message' as reason from ${this.schema}.job
          where name = $1 and state = 'failed' order by completed_on desc nulls last limit 1`,
        [queue],
      );
      if (latest?.reason) counts.lastFailure = latest.reason;
    }
    return counts;
  }

  /** Stops working; jobs in flight are left to expire and be retried by whoever runs next. */
  async close(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 5_000 });
  }
}
