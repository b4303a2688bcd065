// React's view of on-device search: starts the worker (model download, warm-up, index) when a
// page that needs it mounts, and keeps the index fresh while such a page stays open.
import "client-only";
import { useEffect, useSyncExternalStore } from "react";
import { isBackendChoice, type BackendChoice, type OnDeviceStatus } from "./protocol";
import { getOnDeviceSearch, type OnDeviceSearch } from "./search-client";

/** New pins reach the on-device index within this long while a page using it is open. */
const SYNC_EVERY_MS = 60_000;

const idle: OnDeviceStatus = { state: "idle" };

/** `?backend=wasm` (or webgl, webgpu, wasm-single) forces a backend, for measuring. */
function requestedBackend(): BackendChoice {
  const value = new URLSearchParams(window.location.search).get("backend");
  return isBackendChoice(value) ? value : "auto";
}

export function useOnDeviceSearch(enabled = true): { status: OnDeviceStatus; client: OnDeviceSearch | null } {
  const client = typeof window === "undefined" || !enabled ? null : getOnDeviceSearch();
  const status = useSyncExternalStore(
    client?.subscribe ?? noSubscribe,
    client?.getStatus ?? getIdle,
    getIdle,
  );

  useEffect(() => {
    if (!client) return;
    client.start(requestedBackend());
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible" && client.getStatus().state === "ready") void client.sync().catch(() => undefined);
    }, SYNC_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [client]);

  return { status, client };
}

function noSubscribe(): () => void {
  return () => undefined;
}

function getIdle(): OnDeviceStatus {
  return idle;
}
