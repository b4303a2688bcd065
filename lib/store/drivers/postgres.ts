// The server driver: a node-postgres pool against DATABASE_URL.
import "server-only";
import pg from "pg";
import type { Database, Queryable } from "../database";

function asQueryable(target: pg.Pool | pg.PoolClient): Queryable {
  const execute = async <T extends object>(sql: string, params: readonly unknown[] = []) => {
    const result = await target.query<T>(sql, params as unknown[]);
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
    throw error;
  }
  const outer = asQueryable(pool);
  return {
    driver: "postgres",
    query: outer.query,
    execute: outer.execute,
    async transaction(fn) {
      const client = await pool.connect();
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
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
