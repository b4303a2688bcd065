// The on-device index kept in IndexedDB, so Lens answers with the network off and a new visit
// asks the server only for what changed since its cursor. Each change (pins added, pins
// deleted, the new cursor) is written in one transaction: a failed write (a full disk, the
// storage quota) rolls back whole, and the kept copy stays a consistent copy at its old cursor.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Pin } from "@/lib/contracts";

const DATABASE = "glimpse-on-device";
const VERSION = 1;

export interface KeptItem {
  code: Uint8Array;
  pin: Pin;
}

export interface KeptState {
  /** The vector space the codes are in, and their width. */
  model: string;
  dim: number;
  /** The cursor of the last change kept (`through` of `GET /api/codes`). */
  through: string | null;
}

export interface KeptChange extends KeptState {
  items: readonly KeptItem[];
  removed: readonly string[];
}

interface Schema extends DBSchema {
  state: { key: "catalog"; value: KeptState };
  pins: { key: string; value: KeptItem };
}

export class KeptCatalog {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  /** The kept catalog, or null where the browser keeps nothing (no IndexedDB, private modes). */
  static async open(name = DATABASE): Promise<KeptCatalog | null> {
    if (typeof indexedDB === "undefined") return null;
    try {
      const db = await openDB<Schema>(name, VERSION, {
        upgrade(database) {
          database.createObjectStore("state");
          database.createObjectStore("pins");
        },
      });
      return new KeptCatalog(db);
    } catch {
      return null;
    }
  }

  /** What is kept, or null when nothing is. */
  async load(): Promise<(KeptState & { items: KeptItem[] }) | null> {
    const tx = this.db.transaction(["state", "pins"]);
    const [state, items] = await Promise.all([tx.objectStore("state").get("catalog"), tx.objectStore("pins").getAll()]);
    await tx.done;
    return state ? { ...state, items } : null;
  }

  /**
   * Keeps a change. `fresh` replaces what was kept (another space, or a first copy); otherwise
   * the change applies on top. Throws when the browser refuses the write (QuotaExceededError).
   */
  async apply(change: KeptChange, fresh: boolean): Promise<void> {
    const tx = this.db.transaction(["state", "pins"], "readwrite");
    // Every request fails once the transaction aborts: each is marked handled at once, and the
    // first failure is the one reported.
    const requests: Promise<unknown>[] = [];
    const track = (request: Promise<unknown>) => {
      request.catch(() => undefined);
      requests.push(request);
    };
    track(tx.done);
    try {
      const pins = tx.objectStore("pins");
      if (fresh) track(pins.clear());
      for (const id of change.removed) track(pins.delete(id));
      for (const item of change.items) track(pins.put({ code: item.code, pin: item.pin }, item.pin.id));
      track(tx.objectStore("state").put({ model: change.model, dim: change.dim, through: change.through }, "catalog"));
      await Promise.all(requests);
    } catch (error) {
      // Nothing of a change that failed in part may stay.
      try {
        tx.abort();
      } catch {
        // It had already ended.
      }
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Words for people when the browser will not keep the copy. */
export function keepingProblem(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  return name === "QuotaExceededError"
    ? "This device's storage for the site is full, so it keeps no offline copy."
    : "This browser did not keep an offline copy.";
}
