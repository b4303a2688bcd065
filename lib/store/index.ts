// The store: the database (PGlite or PostgreSQL), its migrations and the repositories over it.
// The server wires them once, in lib/server/context.ts.
import "server-only";

export { openDatabase, type Database, type DatabaseConnection, type OpenDatabaseOptions, type Queryable } from "./database";
export { runMigrations, appliedMigrations } from "./migrate";
export { BoardRepository, type BoardChanges, type NewBoard, type Placement, type PlaceOutcome } from "./board-repository";
export { PinRepository, type FeedPage, type NewPin, type SceneAnalysis, type StoredVector, type TextHit } from "./pin-repository";
