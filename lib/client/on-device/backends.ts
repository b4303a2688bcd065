// Starts TensorFlow.js in the on-device worker on the fastest backend this device really has:
// WebGPU, then WebGL, then WASM (SIMD, threads when the page is cross-origin isolated). A GPU
// that is software underneath (SwiftShader, llvmpipe: what headless Chromium and GPU-less
// machines get) is passed over, since there WASM is 10–80× faster. A forced choice skips the
// checks, so each backend can be measured.
import * as tf from "@tensorflow/tfjs-core";
import type { BackendChoice, RunningBackend } from "./protocol";

/** The route that serves the WASM binaries from node_modules (app/tfjs-wasm/[version]/[file]). */
export function wasmFileUrl(version: string, file: string): string {
  return `/tfjs-wasm/${encodeURIComponent(version)}/${encodeURIComponent(file)}`;
}

const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

type Attempt = { ok: true; detail: string } | { ok: false; reason: string };

/** The parts of a WebGPU adapter read here (typed locally: the DOM lib may lack WebGPU). */
interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function tryWebGpu(forced: boolean): Promise<Attempt> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, reason: "no WebGPU in this browser" };
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (!adapter) return { ok: false, reason: "no WebGPU adapter" };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unknown adapter";
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || SOFTWARE_GPU.test(name);
  if (fallback && !forced) return { ok: false, reason: `software adapter (${name})` };
  await import("@tensorflow/tfjs-backend-webgpu");
  if (!(await tf.setBackend("webgpu"))) return { ok: false, reason: "the WebGPU backend failed to start" };
  return { ok: true, detail: name };
}

function webGlRenderer(): string | null {
  if (typeof OffscreenCanvas === "undefined") return null;
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
  if (!gl) return null;
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return renderer;
}

async function tryWebGl(forced: boolean): Promise<Attempt> {
  const renderer = webGlRenderer();
  if (renderer === null) return { ok: false, reason: "no WebGL 2 in workers" };
  if (SOFTWARE_GPU.test(renderer) && !forced) return { ok: false, reason: `software renderer (${renderer})` };
  await import("@tensorflow/tfjs-backend-webgl");
  if (!(await tf.setBackend("webgl"))) return { ok: false, reason: "the WebGL backend failed to start" };
  return { ok: true, detail: renderer };
}

const THREAD_SCRIPT_PREFIX = "var WasmBackendModuleThreadedSimd = ";

/**
 * tfjs starts each WASM thread from a Blob holding the source of its Emscripten factory
 * (`factory.toString()`). Once bundled, that source names the bundler's module variables
 * (Turbopack turns `process` into an import), which do not exist inside the thread, so every
 * thread dies with a ReferenceError. While the backend starts, that one Blob gets the package's
 * own unbundled script instead (served by the same route as the binaries).
 */
async function withUnbundledThreadScript<T>(version: string, start: () => Promise<T>): Promise<T> {
  const response = await fetch(wasmFileUrl(version, "tfjs-backend-wasm-threaded-simd.js"));
  if (!response.ok) throw new Error(`the WASM thread script answered ${response.status}`);
  const script = await response.text();
  const OriginalBlob = globalThis.Blob;
  globalThis.Blob = class extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const first = parts?.[0];
      super(typeof first === "string" && first.startsWith(THREAD_SCRIPT_PREFIX) ? [script] : parts, options);
    }
  };
  try {
    return await start();
  } finally {
    globalThis.Blob = OriginalBlob;
  }
}

async function tryWasm(singleThread: boolean): Promise<Attempt> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  const files = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"] as const;
  wasm.setWasmPaths(Object.fromEntries(files.map((f) => [f, wasmFileUrl(wasm.version_wasm, f)])));
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page (COOP + COEP) has;
  // tfjs checks that itself. The flag only ever turns them off.
  if (singleThread) tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  else setDefaultThreads(wasm.setThreadsCount);
  const threads = !singleThread && (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
  const start = () => tf.setBackend("wasm");
  if (!(await (threads ? withUnbundledThreadScript(wasm.version_wasm, start) : start()))) {
    return { ok: false, reason: "the WASM backend failed to start" };
  }
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  const count = threads ? wasm.getThreadsCount() : 1;
  const why = singleThread || threads ? "" : globalThis.crossOriginIsolated ? " (no WASM threads here)" : " (not cross-origin isolated)";
  return { ok: true, detail: `${simd ? "SIMD" : "no SIMD"}, ${count} ${count === 1 ? "thread" : "threads"}${why}` };
}

/**
 * At most four threads: phones' extra cores are slow ones that only add waiting. tfjs itself
 * never goes above half the logical cores (it assumes two hyper-threads per core).
 */
function setDefaultThreads(setThreadsCount: (n: number) => void): void {
  setThreadsCount(4);
}

export async function startBackend(choice: BackendChoice): Promise<RunningBackend> {
  const order: RunningBackend["name"][] = choice === "auto" ? ["webgpu", "webgl", "wasm"] : [choice === "wasm-single" ? "wasm" : choice];
  const forced = choice !== "auto";
  const skipped: string[] = [];
  for (const name of order) {
    let attempt: Attempt;
    try {
      attempt =
        name === "webgpu" ? await tryWebGpu(forced) : name === "webgl" ? await tryWebGl(forced) : await tryWasm(choice === "wasm-single");
    } catch (error) {
      attempt = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (attempt.ok) {
      await tf.ready();
      return { name, detail: attempt.detail, skipped };
    }
    skipped.push(`${name}: ${attempt.reason}`);
  }
  throw new Error(`No TensorFlow.js backend could start (${skipped.join("; ")})`);
}
