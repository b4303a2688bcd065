"use client";
// Search a picture on the device first, then let the server refine it: the on-device results
// show as soon as the worker answers; once a query has stayed current for a moment, the picture
// (or the boxed region) goes to the server, whose full model embeds it, and its answer replaces
// them (cards are keyed by pin id, so nothing jumps that did not move). Without an on-device
// model, the server answers alone; without a network, the device does.
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Box, Result } from "@/lib/contracts";
import { regionSearchQuery, type ImageRegion } from "@/lib/client/queries";
import type { OnDeviceStatus } from "@/lib/client/on-device/protocol";
import type { DeviceLookup, OnDeviceSearch } from "@/lib/client/on-device/search-client";
import { useOnline } from "@/lib/client/use-online";

export const RESULTS_K = 24;

/** A query must stay current this long before the server is asked (the camera may still be moving). */
const SETTLE_MS = 350;

export interface SearchRequest {
  /** The picture to search; its ownership passes to the search. */
  frame: ImageBitmap;
  box?: Box;
  /** The same picture for the server, read only if the server is asked with the image. */
  region: ImageRegion;
  /**
   * Whether the picture stopped being the one on screen while it was searched (a live frame
   * whose search lands after the picture froze): its results are then dropped.
   */
  stale?: () => boolean;
}

type DeviceResults = DeviceLookup & { model: string; minRelevantScore: number };

interface Query {
  id: string;
  region: ImageRegion;
  device: DeviceResults | null;
}

export interface RefinedResults {
  results: Result[];
  source: "device" | "server";
  /** Whether they are for a box drawn on the picture rather than the whole of it. */
  boxed: boolean;
  minRelevantScore?: number;
  /** The objects the server searched in the whole picture, best first (its answer only). */
  objectBoxes?: Box[];
  /** On-device timings of the query shown, when it came from the device. */
  device: DeviceLookup | null;
}

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

let counter = 0;

/**
 * The server refines with the picture itself (`POST /api/search` with the box): the student's
 * vectors are only an approximation of the server's model, and on busy photos it was the
 * student's mistakes that the server then ranked exactly.
 */
export function useRefinedSearch(status: OnDeviceStatus, client: OnDeviceSearch | null) {
  const [query, setQuery] = useState<Query | null>(null);
  // On-device results that arrived after their query went out (the model was still loading).
  const [late, setLate] = useState<{ id: string; device: DeviceResults } | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const settled = useSettled(query, SETTLE_MS);
  const current = settled !== null && settled === query ? settled : null;
  const device = query?.device ?? (late && late.id === query?.id ? late.device : null);

  const online = useOnline();
  const offline = !online || (status.state === "ready" && status.offline);
  const server = useQuery(regionSearchQuery(online ? (current?.region ?? null) : null, RESULTS_K));

  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  const lookup = useCallback(
    async (frame: ImageBitmap, box: Box | undefined): Promise<DeviceResults | null> => {
      const now = client ? await client.settled() : statusRef.current;
      if (now.state !== "ready" || !client) {
        frame.close();
        return null;
      }
      try {
        const found = await client.lookup(frame, box, RESULTS_K);
        setFailure(null);
        return { ...found, model: now.model, minRelevantScore: now.minRelevantScore };
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
        return null;
      }
    },
    [client],
  );

  const search = useCallback(
    async ({ frame, box, region, stale = () => false }: SearchRequest): Promise<void> => {
      const id = `${Date.now().toString(36)}-${++counter}`;
      const loading = client !== null && (statusRef.current.state === "loading" || statusRef.current.state === "idle");
      setSearching(true);
      try {
        if (loading) {
          // The server starts at once; the device joins when its model is ready.
          setQuery({ id, region, device: null });
          const found = await lookup(frame, box);
          if (found && !stale()) setLate({ id, device: found });
        } else {
          const found = await lookup(frame, box);
          if (!stale()) setQuery({ id, region, device: found });
        }
      } finally {
        setSearching(false);
      }
    },
    [client, lookup],
  );

  let shown: RefinedResults | null = null;
  const boxed = query?.region.box !== undefined;
  if (query && current === query && server.data) {
    const { results, minRelevantScore, objectBoxes } = server.data;
    shown = { results, source: "server", boxed, minRelevantScore, objectBoxes, device };
  } else if (device) {
    shown = { results: device.results, source: "device", boxed, minRelevantScore: device.minRelevantScore, device };
  }

  return {
    search,
    shown,
    /** Whether the results shown may still change for the picture shown (the server's answer is final). */
    refining: shown?.source !== "server" && (searching || (online && query !== null && (current !== query || server.isFetching))),
    /** The server's error when there is nothing else to show. */
    serverError: !shown && current && server.isError ? server.error : null,
    deviceFailure: failure,
    hasQuery: query !== null,
    /** Whether the server cannot be asked: what shows comes from this device alone. */
    offline,
  };
}
