"use client";
// Ideas for a board, on the device first and then from the server: as soon as the board's
// pins change, the browser's on-device index (the codes it already holds) suggests more at
// once; the server's ideas replace them in place when they arrive for that same board.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Result } from "@/lib/contracts";
import { boardIdeasQuery } from "@/lib/client/board-queries";
import { getOnDeviceSearch } from "@/lib/client/on-device/search-client";

export interface BoardIdeas {
  results: Result[];
  source: "device" | "server" | null;
  /** Time from `since` to the device's first suggestions, in ms (for the status line and tests). */
  deviceMs: number | null;
}

/**
 * `version`: the server's board as last fetched (its updatedAt), where pins arrive while the
 * ideas are shown. A pin just dropped is on the board here at once and on the server's board a
 * moment later; ideas the server gave meanwhile are the board's without it, so the ideas are
 * asked again for the version that holds it.
 */
export function useBoardIdeas(boardId: string, pinIds: readonly string[], k: number, { since, version }: { since?: number; version?: string } = {}): BoardIdeas {
  // Which pins, not their order: reordering a board does not change its ideas.
  const key = [...pinIds].sort().join(",");
  const server = useQuery(boardIdeasQuery(boardId, key, k, version));
  const [device, setDevice] = useState<{ key: string; results: Result[]; ms: number } | null>(null);

  useEffect(() => {
    if (!key) return;
    let live = true;
    const start = since ?? performance.now();
    getOnDeviceSearch()
      .boardIdeas(key.split(","), k)
      .then(({ results }) => {
        if (live) setDevice({ key, results, ms: performance.now() - start });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [key, k, since]);

  // The server's answer for these very pins, not the previous answer kept on screen meanwhile.
  const serverFresh = server.data !== undefined && !server.isPlaceholderData;
  const deviceHere = device?.key === key && device.results.length > 0 ? device : null;
  if (serverFresh || (!deviceHere && server.data)) return { results: server.data!.results, source: "server", deviceMs: deviceHere?.ms ?? null };
  if (deviceHere) return { results: deviceHere.results, source: "device", deviceMs: deviceHere.ms };
  return { results: [], source: null, deviceMs: null };
}
