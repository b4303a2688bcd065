// The image a person is searching with, in memory. The server keeps a copy under an id
// (POST /api/query-images) that goes in the URL, so a reload or a shared link brings it back.
import "client-only";
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
