// The image a person is searching with, in memory. The server keeps a copy under an id
// (POST /api/query-images) that goes in the URL, so a reload or a shared link brings it back.
import "client-only";
import { openDB } from "idb";
import { useSyncExternalStore } from "react";

export interface QueryImage {
  /** Changes with every new image, so queries keyed on it never mix two images up. */
  id: string;
  file: File;
  objectUrl: string;
  /** The id the server keeps this image under, once it has a copy. */
  sharedId?: string;
}

let current: QueryImage | null = null;
let counter = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setQueryImage(file: File, sharedId?: string): QueryImage {
  if (current) URL.revokeObjectURL(current.objectUrl);
  counter += 1;
  current = { id: `${Date.now().toString(36)}-${counter}`, file, objectUrl: URL.createObjectURL(file), sharedId };
  for (const listener of listeners) listener();
  return current;
}

/** Records the server's id for the current image (the same search: its `id` stays). */
export function markQueryImageShared(image: QueryImage, sharedId: string): void {
  if (current !== image || current.sharedId === sharedId) return;
  current = { ...current, sharedId };
  for (const listener of listeners) listener();
}

export function getQueryImage(): QueryImage | null {
  return current;
}

export function useQueryImage(): QueryImage | null {
  return useSyncExternalStore(subscribe, getQueryImage, () => null);
}

// Offline, opening the results page is a full page load (the router cannot fetch the page), and
// the picture in memory would be lost: it is handed to the next page through IndexedDB, once.
const HANDOVER = { database: "glimpse-query-image", store: "handover", key: "image" } as const;

function handoverStore() {
  return openDB(HANDOVER.database, 1, { upgrade: (db) => void db.createObjectStore(HANDOVER.store) });
}

/** Keeps `file` for the next page to take (see takeHandedOverImage). */
export async function handOverQueryImage(file: File): Promise<void> {
  const db = await handoverStore().catch(() => null);
  await db?.put(HANDOVER.store, file, HANDOVER.key).catch(() => undefined);
  db?.close();
}

/** The picture a previous page handed over, removed as it is taken; null when there is none. */
export async function takeHandedOverImage(): Promise<File | null> {
  const db = await handoverStore().catch(() => null);
  if (!db) return null;
  try {
    const tx = db.transaction(HANDOVER.store, "readwrite");
    const file = (await tx.store.get(HANDOVER.key)) as File | undefined;
    await tx.store.delete(HANDOVER.key);
    await tx.done;
    return file ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}
