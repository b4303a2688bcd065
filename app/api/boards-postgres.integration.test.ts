// Accounts and boards through the route handlers on a PostgreSQL server, in a schema of their
// own that is dropped afterwards. Fails when the server is unreachable: CI must exercise it.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import { defaultTestDatabaseUrl } from "@/lib/store/testing";

const url = process.env.TEST_DATABASE_URL ?? defaultTestDatabaseUrl;
const schema = `test_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`create schema ${schema}`);

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-boards-pg-"));
process.env.DATABASE_URL = url;
process.env.DATABASE_SCHEMA = schema;

afterAll(async () => {
  const { closeServerContext } = await import("@/lib/server/context");
  await closeServerContext();
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.query(`drop schema if exists ${schema}_jobs cascade`);
  await admin.end();
});

const { describeBoardsApi } = await import("./boards-suite");
describeBoardsApi("PostgreSQL");
