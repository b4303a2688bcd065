"use client";
// One line about the on-device model: download progress, backend start and warm-up while it
// loads; then the backend it runs on, the size of its index and the last search's time.
import type { OnDeviceStatus, RunningBackend } from "@/lib/client/on-device/protocol";
import { formatBytes } from "@/lib/client/image-files";

const BACKEND_NAMES: Record<RunningBackend["name"], string> = { webgpu: "WebGPU", webgl: "WebGL", wasm: "WASM" };

export function backendLabel(backend: RunningBackend): string {
  return `${BACKEND_NAMES[backend.name]} (${backend.detail})`;
}

function loadingText(status: Extract<OnDeviceStatus, { state: "loading" }>): string {
  switch (status.stage) {
    case "manifest":
      return "Getting the on-device model…";
    case "download":
      return status.total > 0
        ? `Downloading the on-device model · ${formatBytes(status.loaded)} of ${formatBytes(status.total)}`
        : "Downloading the on-device model…";
    case "backend":
      return "Starting the on-device model…";
    case "warmup":
      return "Getting ready to search on this device…";
  }
}

export function ModelStatus({ status, lastMs }: { status: OnDeviceStatus; lastMs?: number }) {
  const backend = status.state === "ready" || status.state === "loading" ? status.backend : undefined;
  const share =
    status.state !== "loading"
      ? 0
      : status.stage === "download"
        ? status.total > 0
          ? status.loaded / status.total
          : 0
        : status.stage === "manifest"
          ? 0
          : 1;
  return (
    <div
      data-testid="lens-model-status"
      data-state={status.state}
      data-backend={backend?.name}
      data-kept={status.state === "ready" ? status.keeping.ok : undefined}
      role="status"
      className="flex min-h-10 flex-col justify-center gap-1.5 rounded-2xl bg-neutral-100 px-4 py-2 text-sm text-neutral-700"
    >
      {status.state === "loading" || status.state === "idle" ? (
        <>
          <p>{status.state === "idle" ? "Getting the on-device model…" : loadingText(status)}</p>
          <div
            role="progressbar"
            aria-label="On-device model"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(share * 100)}
            className="h-1.5 overflow-hidden rounded-full bg-neutral-300"
          >
            <div
              className={`h-full rounded-full bg-red-600 transition-[width] duration-200 ${status.state === "loading" && status.stage !== "download" && status.stage !== "manifest" ? "animate-pulse" : ""}`}
              style={{ width: `${Math.round(share * 100)}%` }}
            />
          </div>
        </>
      ) : status.state === "ready" ? (
        <details data-testid="lens-model-details">
          <summary className="cursor-pointer list-none">
            <span className="font-semibold text-neutral-900">{status.offline ? "Offline · searching on this device" : "Searching on this device"}</span> ·{" "}
            {status.indexed.toLocaleString()} pins
            <span className="ml-2 text-xs text-neutral-600 underline">details</span>
          </summary>
          <p className="mt-1 text-xs text-neutral-600">
            {status.keeping.ok ? "Kept on this device: Lens works without a network." : status.keeping.problem}
          </p>
          <p className="mt-1 text-xs text-neutral-600">
            {backendLabel(status.backend)} · model {status.model}
            {lastMs !== undefined && <> · last search {Math.round(lastMs)} ms</>}
          </p>
        </details>
      ) : status.state === "unavailable" ? (
        <p>Searching on the server.</p>
      ) : (
        <details>
          <summary className="cursor-pointer list-none">On-device search is not available here — searching on the server.</summary>
          <p className="mt-1 text-xs text-neutral-600">{status.message}</p>
        </details>
      )}
    </div>
  );
}
