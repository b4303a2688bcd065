// The messages between the page and the on-device search worker (worker.ts): requests with an
// id, one reply per request, and status updates the worker pushes whenever its state changes.
import type { Box, Result } from "@/lib/contracts";

/**
 * Which TF.js backend to run. "auto" tries WebGPU → WebGL → WASM, skipping software GPUs;
 * the others force one backend (for measuring): "wasm" with SIMD and threads where the page is
 * cross-origin isolated, "wasm-single" with SIMD on one thread.
 */
export const BACKEND_CHOICES = ["auto", "webgpu", "webgl", "wasm", "wasm-single"] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function isBackendChoice(value: unknown): value is BackendChoice {
  return typeof value === "string" && (BACKEND_CHOICES as readonly string[]).includes(value);
}

/** The backend that actually runs, in words for people and in a short name for tests. */
export interface RunningBackend {
  name: "webgpu" | "webgl" | "wasm";
  /** e.g. "SIMD, 4 threads" or the GPU adapter's description. */
  detail: string;
  /** Backends tried first and passed over, with the reason (e.g. a software GPU). */
  skipped: string[];
}

export type OnDeviceStatus =
  | { state: "idle" }
  | {
      state: "loading";
      stage: "manifest" | "download" | "backend" | "warmup";
      /** Bytes of model files received so far and in all (from `GET /api/models/student`). */
      loaded: number;
      total: number;
      backend?: RunningBackend;
    }
  | {
      state: "ready";
      model: string;
      /** The teacher space the student's vectors (and the index's codes) live in. */
      space: string;
      minRelevantScore: number;
      backend: RunningBackend;
      /** Pins in the on-device index. */
      indexed: number;
      /** One warm-up inference, for the status line. */
      warmupMs: number;
      /** Whether the server could not be reached: the device searches with what it keeps. */
      offline: boolean;
      /** Whether the model and the catalog are kept for use without a network, or why not. */
      keeping: { ok: true } | { ok: false; problem: string };
    }
  /** No student installed on the server (404): the page searches on the server only. */
  | { state: "unavailable"; reason: string }
  | { state: "error"; message: string };

/** A camera frame or picture and the region of it to search (normalized 0–1, top-left). */
export interface FrameInput {
  frame: ImageBitmap;
  box?: Box;
}

export interface EmbedOutput {
  /** Unit vectors in the teacher's space: the region first, then its saliency crops. */
  views: Float32Array[];
  /** Model time and the time to turn the frame into pixels, in ms. */
  embedMs: number;
  pixelsMs: number;
}

export interface SearchOutput {
  results: Result[];
  searchMs: number;
}

export type WorkerRequest =
  | { id: number; type: "init"; backend: BackendChoice }
  | { id: number; type: "embed"; input: FrameInput }
  | { id: number; type: "search"; views: Float32Array[]; k: number }
  | { id: number; type: "sync" }
  /** Ideas for a board from the codes already on the device; needs the index, not the model. */
  | { id: number; type: "ideas"; pinIds: string[]; k: number };

export type WorkerReply =
  | { type: "reply"; id: number; ok: true; value: unknown }
  | { type: "reply"; id: number; ok: false; message: string }
  | { type: "status"; status: OnDeviceStatus };
