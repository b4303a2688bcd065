// Where an image pasted or dropped anywhere on the page goes. By default it starts an
// image search; a page that wants images for itself (the add-pin form) claims the intake
// while it is mounted.
import "client-only";
import { useEffect, useRef, useSyncExternalStore } from "react";

export interface ImageIntakeClaim {
  /** Shown on the drop overlay, e.g. "Drop to use this image". */
  dropLabel: string;
  accept: (file: File) => void;
}

const claims: ImageIntakeClaim[] = [];
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The most recent claim wins; null means "search with it". */
export function currentImageIntakeClaim(): ImageIntakeClaim | null {
  return claims.at(-1) ?? null;
}

export function useImageIntakeClaimState(): ImageIntakeClaim | null {
  return useSyncExternalStore(subscribe, currentImageIntakeClaim, () => null);
}

/** While the calling component is mounted, pasted and dropped images go to `accept`. */
export function useClaimImageIntake(dropLabel: string, accept: (file: File) => void): void {
  const acceptRef = useRef(accept);
  useEffect(() => {
    acceptRef.current = accept;
  });
  useEffect(() => {
    const claim: ImageIntakeClaim = { dropLabel, accept: (file) => acceptRef.current(file) };
    claims.push(claim);
    notify();
    return () => {
      const index = claims.indexOf(claim);
      if (index >= 0) claims.splice(index, 1);
      notify();
    };
  }, [dropLabel]);
}
