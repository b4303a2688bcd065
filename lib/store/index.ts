// The store: the database (PGlite or PostgreSQL), its migrations and the repositories over it.
import "server-only";
import { closeDatabase as closeProcessDatabase, getDatabase } from "./database";
import { BoardRepository } from "./board-repository";
import { PinRepository } from "./pin-repository";

export { getDatabase, openDatabase, type Database, type OpenDatabaseOptions, type Queryable } from "./database";
export { runMigrations, appliedMigrations } from "./migrate";
export { BoardRepository, type BoardChanges, type NewBoard, type Placement, type PlaceOutcome } from "./board-repository";
export { PinRepository, type FeedPage, type NewPin, type StoredVector, type TextHit } from "./pin-repository";

const singleton = globalThis as typeof globalThis & {
  __glimpsePinRepository?: Promise<PinRepository>;
  __glimpseBoardRepository?: Promise<BoardRepository>;
};

/** The process-wide pin repository over the process-wide database. */
export function getPinRepository(): Promise<PinRepository> {
  if (!singleton.__glimpsePinRepository) {
    const opening = getDatabase().then((db) => new PinRepository(db));
    singleton.__glimpsePinRepository = opening;
    opening.catch(() => {
      if (singleton.__glimpsePinRepository === opening) singleton.__glimpsePinRepository = undefined;
    });
  }
  return singleton.__glimpsePinRepository;
}

/** The process-wide board repository over the process-wide database. */
export function getBoardRepository(): Promise<BoardRepository> {
  if (!singleton.__glimpseBoardRepository) {
    const opening = getDatabase().then((db) => new BoardRepository(db));
    singleton.__glimpseBoardRepository = opening;
    opening.catch(() => {
      if (singleton.__glimpseBoardRepository === opening) singleton.__glimpseBoardRepository = undefined;
    });
  }
  return singleton.__glimpseBoardRepository;
}

/** Closes the process-wide database and forgets the repository over it (scripts, tests). */
export async function closeDatabase(): Promise<void> {
  singleton.__glimpsePinRepository = undefined;
  singleton.__glimpseBoardRepository = undefined;
  await closeProcessDatabase();
}
