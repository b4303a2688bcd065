// Test helpers for the store: a database per driver that a suite can own and throw away.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "./database";
import type { NewPin } from "./pin-repository";

export interface TestDatabase {
  /** The current handle (PGlite's changes on reopen, as its directory allows one at a time). */
  readonly db: Database;
  /** Opens the same database again (same directory or schema); migrations run again. */
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

export const defaultTestDatabaseUrl = "postgres://postgres@127.0.0.1:5432/test";

/** A PGlite database in a fresh temporary directory. */
export async function openTestPglite(): Promise<TestDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "glimpse-pglite-"));
  let db = await openDatabase({ url: "", dataDir: dir });
  return {
    get db() {
      return db;
    },
    reopen: async () => {
      await db.close();
      db = await openDatabase({ url: "", dataDir: dir });
      return db;
    },
    dispose: async () => {
      await db.close().catch(() => {});
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema on the PostgreSQL server at TEST_DATABASE_URL, dropped on dispose. */
export async function openTestPostgres(
  url = process.env.TEST_DATABASE_URL ?? defaultTestDatabaseUrl,
): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ url, migrate: false });
  await admin.query(`create schema ${schema}`);
  const handles: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ url, schema });
    handles.push(db);
    return db;
  };
  const db = await open();
  return {
    db,
    reopen: open,
    dispose: async () => {
      for (const h of handles) await h.close().catch(() => {});
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.close();
    },
  };
}

/** Empties every table and restarts the pin sequence. */
export async function truncateAll(db: Database): Promise<void> {
  await db.query("truncate pins, embeddings, images, users restart identity cascade");
}

/** A unit vector of `dim` floats drawn from a seed (deterministic across runs). */
export function seededVector(seed: number, dim = 8): Float32Array {
  const v = new Float32Array(dim);
  let s = seed * 2654435761 + 1;
  for (let i = 0; i < dim; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    v[i] = s / 2147483648 - 0.5;
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A valid `NewPin`; `imageKey` picks the image, so equal keys mean the same image bytes. */
export function samplePin(imageKey: string, overrides: Partial<NewPin> = {}, model = "test-model@1"): NewPin {
  return {
    title: `pin ${imageKey}`,
    description: "",
    kind: "pin",
    image: {
      sha256: sha256Of(imageKey),
      format: "jpeg",
      width: 640,
      height: 480,
      bytes: 12345,
      dominantColor: "#a0b1c2",
    },
    embedding: { model, vector: seededVector(imageKey.length * 31 + imageKey.charCodeAt(0)) },
    ...overrides,
  };
}
