// The embedded driver: PGlite (PostgreSQL compiled to WebAssembly) in this process.
import "server-only";
import fs from "node:fs/promises";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Database, Queryable } from "../database";

function asQueryable(target: PGlite | Transaction): Queryable {
  const execute = async <T extends object>(sql: string, params: readonly unknown[] = []) => {
    const result = await target.query<T>(sql, params as unknown[]);
    return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
  };
  return {
    execute,
    query: async <T extends object>(sql: string, params?: readonly unknown[]) => (await execute<T>(sql, params)).rows,
  };
}

export async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await fs.mkdir(dataDir, { recursive: true });
  // Extensions ship inside the package; the migrations create the ones the schema uses.
  const pg = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const outer = asQueryable(pg);
  return {
    connection: { driver: "pglite", pglite: pg },
    query: outer.query,
    execute: outer.execute,
    // PGlite's own transaction holds its connection for the whole callback and makes plain
    // queries wait, so concurrent requests never run inside each other's transaction.
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    close: () => pg.close(),
  };
}
