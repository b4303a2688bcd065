// The store: the database (PGlite or PostgreSQL), its migrations and the pin repository.
import "server-only";
import { closeDatabase as closeProcessDatabase, getDatabase } from "./database";
import { PinRepository } from "./pin-repository";

export { getDatabase, openDatabase, type Database, type OpenDatabaseOptions, type Queryable } from "./database";
export { runMigrations, appliedMigrations } from "./migrate";
export { PinRepository, type FeedPage, type NewPin, type StoredVector, type TextHit } from "./pin-repository";

const singleton = globalThis as typeof globalThis & { __glimpsePinRepository?: Promise<PinRepository> };

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

/** Closes the process-wide database and forgets the repository over it (scripts, tests). */
export async function closeDatabase(): Promise<void> {
  singleton.__glimpsePinRepository = undefined;
  await closeProcessDatabase();
}
