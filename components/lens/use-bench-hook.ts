"use client";
// For scripts/bench-student.ts only: with `?bench` in the URL, the Lens page lets the benchmark
// time on-device lookups of the live camera frame (window.glimpseLensBench). Off otherwise.
import { useEffect } from "react";
import type { OnDeviceSearch } from "@/lib/client/on-device/search-client";
import { RESULTS_K } from "./use-refined-search";

export interface LensBenchTiming {
  /** Student model time for the frame and its saliency crops. */
  embedMs: number;
  pixelsMs: number;
  searchMs: number;
  /** From grabbing the camera frame to the on-device results being back on the page. */
  frameToResultsMs: number;
  views: number;
  topPinId: string | null;
}

declare global {
  interface Window {
    glimpseLensBench?: { lookup: () => Promise<LensBenchTiming> };
  }
}

export function useBenchHook(video: HTMLVideoElement | null, client: OnDeviceSearch | null): void {
  useEffect(() => {
    if (!video || !client || !new URLSearchParams(window.location.search).has("bench")) return;
    window.glimpseLensBench = {
      lookup: async () => {
        const start = performance.now();
        const frame = await createImageBitmap(video);
        const found = await client.lookup(frame, undefined, RESULTS_K);
        return {
          embedMs: found.embedMs,
          pixelsMs: found.pixelsMs,
          searchMs: found.searchMs,
          frameToResultsMs: performance.now() - start,
          views: found.views.length,
          topPinId: found.results[0]?.id ?? null,
        };
      },
    };
    return () => {
      delete window.glimpseLensBench;
    };
  }, [video, client]);
}
