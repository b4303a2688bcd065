import "server-only";
// One ONNX Runtime session per network file, made the same way for every network the server
// runs (backbones and the scene detector): execution providers (CUDA when its provider library
// is installed, else CPU, or as GLIMPSE_ONNX_PROVIDERS says) and intra-op threads (as many as
// the cores, or GLIMPSE_ONNX_THREADS). onnxruntime-node is imported only when a session is made.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import type * as ort from "onnxruntime-node";

type Ort = typeof ort;

/** Comma list of execution providers to use instead of the automatic choice, e.g. "cpu". */
export const PROVIDERS_ENV = "GLIMPSE_ONNX_PROVIDERS";
/** Intra-op threads per session; by default one per core (docs/performance.md has the measurements). */
export const THREADS_ENV = "GLIMPSE_ONNX_THREADS";

export interface OnnxSession {
  readonly runtime: Ort;
  readonly session: ort.InferenceSession;
  /** The providers the session was created with, in order of preference. */
  readonly providers: readonly string[];
  dispose(): void;
}

/** The providers to try in order; `fallback`: whether a failed start may retry on CPU alone. */
export function chooseProviders(override: string | undefined, cudaInstalled: boolean): { providers: string[]; fallback: boolean } {
  const listed = (override ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (listed.length > 0) return { providers: listed, fallback: false };
  return cudaInstalled ? { providers: ["cuda", "cpu"], fallback: true } : { providers: ["cpu"], fallback: false };
}

/** The intra-op thread count: the override when it is a positive integer, else the cores. */
export function chooseThreads(override: string | undefined, cores: number): number {
  const n = Number(override);
  if (override !== undefined && override.trim() !== "") {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${THREADS_ENV}=${override}: expected a positive integer`);
    return n;
  }
  return Math.max(1, cores);
}

/**
 * Whether this onnxruntime-node build can run CUDA. The Linux and Windows x64 builds list
 * "cuda" with `bundled: false`: its provider library is downloaded at install time (not here,
 * where .npmrc skips it), so its presence beside the native binding decides.
 */
function cudaInstalled(runtime: Ort, root: string): boolean {
  const cuda = runtime.listSupportedBackends().find((b) => b.name === "cuda");
  if (!cuda) return false;
  if (cuda.bundled) return true;
  try {
    const entry = createRequire(path.join(root, "package.json")).resolve("onnxruntime-node");
    const bin = path.join(path.dirname(entry), "..", "bin", "napi-v6", process.platform, process.arch);
    const lib = process.platform === "win32" ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
    return existsSync(path.join(bin, lib));
  } catch {
    return false;
  }
}

async function create(runtime: Ort, file: string, root: string, providers: string[], where: string): Promise<ort.InferenceSession> {
  try {
    return await runtime.InferenceSession.create(path.resolve(root, file), {
      executionProviders: providers,
      intraOpNumThreads: chooseThreads(process.env[THREADS_ENV], availableParallelism()),
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`${where}: ONNX Runtime could not load ${file} on [${providers.join(", ")}]: ${reason}`, { cause: e });
  }
}

/** `file` resolves against `root`, the repository root; `where` names the network in errors. */
export async function createOnnxSession(file: string, root: string, where: string): Promise<OnnxSession> {
  const runtime = await import("onnxruntime-node");
  const choice = chooseProviders(process.env[PROVIDERS_ENV], cudaInstalled(runtime, root));
  let providers = choice.providers;
  let session: ort.InferenceSession;
  try {
    session = await create(runtime, file, root, providers, where);
  } catch (e) {
    // The CUDA library is there but no usable GPU or driver is: the CPU still serves.
    if (!choice.fallback) throw e;
    console.warn(`${e instanceof Error ? e.message : String(e)}; retrying on CPU`);
    providers = ["cpu"];
    session = await create(runtime, file, root, providers, where);
  }
  return {
    runtime,
    session,
    providers,
    // Release only frees native memory; a failure leaves nothing for the caller to do.
    dispose: () => void session.release().catch(() => undefined),
  };
}
