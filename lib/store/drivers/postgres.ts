// The server driver: a node-postgres pool against DATABASE_URL. While the server cannot be
// reached (restarting, network trouble) every call fails fast with `503 unavailable` instead of
// hanging, and the pool reconnects by itself once the server is back.
import "server-only";
import pg from "pg";
import { AppError } from "@/lib/errors";
import type { Database, Queryable } from "../database";

/** Longest wait for a connection, and for one query's answer. */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 30_000;

/** Node socket errors and PostgreSQL SQLSTATEs that mean "the server is not there right now". */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "57P01", "57P02", "57P03"]);

/** Whether `error` says the database is unreachable rather than that a statement is wrong. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (UNREACHABLE.has(code) || code.startsWith("08"))) return true;
  // What node-postgres itself throws when a connection ends, or a connect or query times out.
  return /Connection terminated|Connection ended|timeout exceeded when trying to connect|Query read timeout|not queryable/i.test(error.message);
}

/** Rethrows an unreachable-database error as `503 unavailable`, anything else as it is. */
function unavailableIfUnreachable(error: unknown): never {
  if (isUnreachable(error)) {
    throw new AppError("unavailable", "The database is unavailable at the moment; try again shortly.", 503, 2);
  }
  throw error;
}

function asQueryable(target: pg.Pool | pg.PoolClient): Queryable {
  const execute = async <T extends object>(sql: string, params: readonly unknown[] = []) => {
    const result = await target.query<T>(sql, params as unknown[]).catch(unavailableIfUnreachable);
    return { rows: result.rows, affectedRows: result.rowCount ?? 0 };
  };
  return {
    execute,
    query: async <T extends object>(sql: string, params?: readonly unknown[]) => (await execute<T>(sql, params)).rows,
  };
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(url: string, schema?: string): Promise<Database> {
  if (schema !== undefined && !schemaName.test(schema)) throw new Error(`bad schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    // Every connection gets the search_path at startup, so no query can run before it is set.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  // An idle client that loses its server emits 'error'; without a listener that kills the process.
  pool.on("error", () => {});
  // Fail now, not on the first request, when the server is unreachable.
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    unavailableIfUnreachable(error);
  }
  const outer = asQueryable(pool);
  return {
    connection: { driver: "postgres", url, ...(schema ? { schema } : {}) },
    query: outer.query,
    execute: outer.execute,
    async transaction(fn) {
      const client = await pool.connect().catch(unavailableIfUnreachable);
      let broken: Error | undefined;
      try {
        await client.query("begin");
        const result = await fn(asQueryable(client));
        await client.query("commit");
        return result;
      } catch (error) {
        // A client whose rollback fails is in an unknown state: drop it rather than reuse it.
        await client.query("rollback").catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e));
        });
        unavailableIfUnreachable(error);
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
