// The store: the database (PGlite or PostgreSQL), its migrations and the repositories over it.
import "server-only";
import { forgetProcessWide, processWide } from "@/lib/process-wide";
import { closeDatabase as closeProcessDatabase, getDatabase } from "./database";
import { BoardRepository } from "./board-repository";
import { PinRepository } from "./pin-repository";

export { getDatabase, openDatabase, type Database, type OpenDatabaseOptions, type Queryable } from "./database";
export { runMigrations, appliedMigrations } from "./migrate";
export { BoardRepository, type BoardChanges, type NewBoard, type Placement, type PlaceOutcome } from "./board-repository";
export { PinRepository, type FeedPage, type NewPin, type SceneAnalysis, type StoredVector, type TextHit } from "./pin-repository";

/** The process-wide pin repository over the process-wide database. */
export function getPinRepository(): Promise<PinRepository> {
  return processWide("pin-repository", async () => new PinRepository(await getDatabase()));
}

/** The process-wide board repository over the process-wide database. */
export function getBoardRepository(): Promise<BoardRepository> {
  return processWide("board-repository", async () => new BoardRepository(await getDatabase()));
}

/** Closes the process-wide database and forgets the repositories over it (scripts, tests). */
export async function closeDatabase(): Promise<void> {
  forgetProcessWide("pin-repository");
  forgetProcessWide("board-repository");
  await closeProcessDatabase();
}
