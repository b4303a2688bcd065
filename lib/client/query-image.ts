// The image a person is searching with. It lives in memory only (a File cannot ride in a
// URL), so /search/image reads it from here; a reload starts with none.
import "client-only";
import { useSyncExternalStore } from "react";

export interface QueryImage {
  /** Changes with every new image, so queries keyed on it never mix two images up. */
  id: string;
  file: File;
  objectUrl: string;
}

let current: QueryImage | null = null;
let counter = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setQueryImage(file: File): QueryImage {
  if (current) URL.revokeObjectURL(current.objectUrl);
  counter += 1;
  current = { id: `${Date.now().toString(36)}-${counter}`, file, objectUrl: URL.createObjectURL(file) };
  for (const listener of listeners) listener();
  return current;
}

export function getQueryImage(): QueryImage | null {
  return current;
}

export function useQueryImage(): QueryImage | null {
  return useSyncExternalStore(subscribe, getQueryImage, () => null);
}
