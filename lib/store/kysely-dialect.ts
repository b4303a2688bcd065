// A Kysely dialect over our `Database`, so a library that speaks Kysely (the account library,
// better-auth) uses the same connection as the rest of the store: PGlite's single one, or the
// PostgreSQL pool. Statements run one by one; Kysely transactions are refused, because PGlite's
// one connection cannot hold a transaction open across separate calls.
import "server-only";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type Kysely,
} from "kysely";
import type { Database } from "./database";

class StoreConnection implements DatabaseConnection {
  constructor(private readonly db: Database) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.db.execute<R & object>(query.sql, query.parameters);
    return { rows, numAffectedRows: BigInt(affectedRows) };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming queries are not supported over the store's connection");
  }
}

class StoreDriver implements Driver {
  private readonly connection: StoreConnection;

  constructor(db: Database) {
    this.connection = new StoreConnection(db);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error("Kysely transactions are not supported over the store's connection");
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  // The store owns the connection and closes it.
  async destroy(): Promise<void> {}
}

export function storeDialect(db: Database): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new StoreDriver(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (kysely: Kysely<unknown>) => new PostgresIntrospector(kysely),
  };
}
