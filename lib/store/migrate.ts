// Applies pending migrations, each in its own transaction, recording them in schema_migrations.
import "server-only";
import type { Database } from "./database";
import { migrations as allMigrations, type Migration } from "./migrations";

export async function runMigrations(
  db: Database,
  migrations: readonly Migration[] = allMigrations,
): Promise<string[]> {
  await db.query(`create table if not exists schema_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two processes starting together against one server: the lock makes the second wait,
      // then see the row and skip.
      if (db.connection.driver === "postgres") await tx.query("lock table schema_migrations in exclusive mode");
      const rows = await tx.query("select 1 from schema_migrations where name = $1", [migration.name]);
      if (rows.length > 0) return false;
      await runScript(tx, migration.sql);
      await tx.query("insert into schema_migrations (name) values ($1)", [migration.name]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}

/** Names of the migrations recorded as applied, in order. */
export async function appliedMigrations(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>("select name from schema_migrations order by name");
  return rows.map((r) => r.name);
}

// Extended-protocol queries take one statement each, so a script is split on the semicolons
// that end a line. Migrations are written that way; none has a semicolon inside a body.
async function runScript(tx: { query(sql: string): Promise<unknown> }, script: string): Promise<void> {
  const statements = script
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) await tx.query(statement);
}
