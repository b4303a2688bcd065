// One database API over two drivers: embedded PGlite (the default, persisted under the data
// directory) and a PostgreSQL server through node-postgres when DATABASE_URL is set. The rest
// of the store speaks only to `Database`, so the SQL is the same on both.
import "server-only";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { runMigrations } from "./migrate";
import { dataDir } from "@/lib/config";

/** Something that runs parameterized SQL: the database itself, or one open transaction. */
export interface Queryable {
  /** Runs one statement with `$1..$n` placeholders and answers its rows. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The same, also answering how many rows an insert, update or delete touched. */
  execute<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Executed<T>>;
}

export interface Executed<T> {
  rows: T[];
  affectedRows: number;
}

/** How to reach the same database from a library that speaks to PostgreSQL itself (the job queue). */
export type DatabaseConnection = { driver: "pglite"; pglite: PGlite } | { driver: "postgres"; url: string; schema?: string };

export interface Database extends Queryable {
  readonly connection: DatabaseConnection;
  /**
   * Runs `fn` inside BEGIN/COMMIT, rolling back if it throws. Use only `tx` inside `fn`:
   * PGlite has a single connection, so a query on the outer database would wait for the
   * transaction to end, and the transaction for the query.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent, PGlite is used. Defaults to `DATABASE_URL`. */
  url?: string;
  /** PGlite data directory; "memory://" for a throwaway one. Defaults to `${DATA_DIR}/pg`. */
  dataDir?: string;
  /**
   * PostgreSQL only: a schema to put first on the search_path (tests isolate runs this way).
   * Defaults to `DATABASE_SCHEMA`; the schema must exist.
   */
  schema?: string;
  /** Apply pending migrations before answering (default true). */
  migrate?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  let db: Database;
  if (url) {
    const { openPostgres } = await import("./drivers/postgres");
    db = await openPostgres(url, options.schema ?? (process.env.DATABASE_SCHEMA || undefined));
  } else {
    const { openPglite } = await import("./drivers/pglite");
    db = await openPglite(options.dataDir ?? path.join(dataDir(), "pg"));
  }
  if (options.migrate ?? true) {
    try {
      await runMigrations(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}
