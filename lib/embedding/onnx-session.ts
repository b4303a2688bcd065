import "server-only";
// One ONNX Runtime session per network file, made the same way for every network the server
// runs (backbones and the scene detector), each in a worker thread of its own (onnx-worker.mjs):
// onnxruntime-node runs a session synchronously on the calling thread, so this keeps the event
// loop free and lets networks run side by side. Execution providers: CUDA when its provider
// library is installed, else CPU, or as GLIMPSE_ONNX_PROVIDERS says. Intra-op threads per
// session: GLIMPSE_ONNX_THREADS, by default half the cores (docs/performance.md has the measurements).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type * as ort from "onnxruntime-node";
import { WorkerCalls } from "@/lib/worker-calls";

/** Comma list of execution providers to use instead of the automatic choice, e.g. "cpu". */
export const PROVIDERS_ENV = "GLIMPSE_ONNX_PROVIDERS";
/** Intra-op threads per session. */
export const THREADS_ENV = "GLIMPSE_ONNX_THREADS";

export interface TensorInfo {
  name: string;
  isTensor: boolean;
  /** Fixed sizes as numbers, symbolic ones as names. */
  shape: ReadonlyArray<number | string>;
}

/** A float32 tensor as plain data: dims and row-major values. */
export interface DenseTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** An output as the worker sends it, whatever its element type. */
interface WireTensor {
  type: string;
  data: unknown;
  dims: number[];
}

export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly TensorInfo[];
  readonly outputMetadata: readonly TensorInfo[];
  /** The providers the session was created with, in order of preference. */
  readonly providers: readonly string[];
  /**
   * Runs float32 inputs to float32 outputs (another output type is an error); the input arrays
   * are handed over to the worker (unusable afterwards).
   */
  run(feeds: Record<string, DenseTensor>, fetches: readonly string[]): Promise<Record<string, DenseTensor>>;
  dispose(): void;
}

/** The providers to try in order; `fallback`: whether a failed start may retry on CPU alone. */
export function chooseProviders(override: string | undefined, cudaInstalled: boolean): { providers: string[]; fallback: boolean } {
  const listed = (override ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (listed.length > 0) return { providers: listed, fallback: false };
  return cudaInstalled ? { providers: ["cuda", "cpu"], fallback: true } : { providers: ["cpu"], fallback: false };
}

/**
 * The intra-op thread count: the override when given (a positive integer), else half the cores,
 * because a query runs its two backbones side by side, each in its own worker. On 2 cores one
 * thread each measured faster than two (which then fight over the cores): docs/performance.md.
 */
export function chooseThreads(override: string | undefined, cores: number): number {
  if (override === undefined || override.trim() === "") return Math.max(1, Math.floor(cores / 2));
  const n = Number(override);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${THREADS_ENV}=${override}: expected a positive integer`);
  return n;
}

/**
 * Whether this onnxruntime-node build can run CUDA. The Linux and Windows x64 builds list
 * "cuda" with `bundled: false`: its provider library is downloaded at install time (not here,
 * where .npmrc skips it), so its presence beside the native binding decides.
 */
function cudaInstalled(app: string): boolean {
  const load = createRequire(path.join(app, "package.json"));
  const runtime = load("onnxruntime-node") as typeof ort;
  const cuda = runtime.listSupportedBackends().find((b) => b.name === "cuda");
  if (!cuda) return false;
  if (cuda.bundled) return true;
  try {
    const entry = load.resolve("onnxruntime-node");
    const bin = path.join(path.dirname(entry), "..", "bin", "napi-v6", process.platform, process.arch);
    const lib = process.platform === "win32" ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
    return existsSync(path.join(bin, lib));
  } catch {
    return false;
  }
}

type Reply =
  | { type: "ready"; inputNames: string[]; outputNames: string[]; inputMetadata: TensorInfo[]; outputMetadata: TensorInfo[] }
  | { type: "failed"; message: string }
  | { type: "result"; id: number; outputs: Record<string, WireTensor> }
  | { type: "error"; id: number; message: string };

class WorkerSession implements OnnxSession {
  private readonly calls: WorkerCalls<Record<string, DenseTensor>>;

  private constructor(
    private readonly worker: Worker,
    private readonly where: string,
    readonly providers: readonly string[],
    readonly inputNames: readonly string[],
    readonly outputNames: readonly string[],
    readonly inputMetadata: readonly TensorInfo[],
    readonly outputMetadata: readonly TensorInfo[],
  ) {
    this.calls = new WorkerCalls(worker, {
      failed: (e) => new Error(`${where}: the ONNX Runtime worker failed: ${e.message}`, { cause: e }),
      exited: (code) => new Error(`${where}: the ONNX Runtime worker stopped (exit code ${code})`),
    });
    worker.on("message", (reply: Reply) => {
      if (reply.type === "error") return this.calls.settle(reply.id, { error: new Error(`${where}: ${reply.message}`) });
      if (reply.type !== "result") return;
      const outputs: Record<string, DenseTensor> = {};
      for (const [name, t] of Object.entries(reply.outputs)) {
        if (t.type !== "float32" || !(t.data instanceof Float32Array)) {
          return this.calls.settle(reply.id, { error: new Error(`${where}: output "${name}" is ${t.type}, expected float32`) });
        }
        outputs[name] = { data: t.data, dims: t.dims };
      }
      this.calls.settle(reply.id, { value: outputs });
    });
  }

  static start(file: string, root: string, providers: string[], where: string): Promise<WorkerSession> {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: providers,
      intraOpNumThreads: chooseThreads(process.env[THREADS_ENV], availableParallelism()),
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      // A spinning pool holds a core between runs, which the other networks' threads need.
      extra: { session: { intra_op: { allow_spinning: "0" } } },
    };
    // The app's own files (the worker script, onnxruntime-node) are found from the working
    // directory, the repository root, as the app and scripts run; `root` only places the model.
    const app = process.cwd();
    const worker = new Worker(path.join(app, "lib/embedding/onnx-worker.mjs"), { workerData: { file: path.resolve(root, file), app, options } });
    return new Promise((resolve, reject) => {
      const failed = (reason: string) => {
        void worker.terminate();
        reject(new Error(`${where}: ONNX Runtime could not load ${file} on [${providers.join(", ")}]: ${reason}`));
      };
      const onError = (e: Error) => failed(e.message);
      const onExit = (code: number) => failed(`the worker stopped (exit code ${code})`);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.once("message", (reply: Reply) => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (reply.type !== "ready") return failed(reply.type === "failed" ? reply.message : `unexpected ${reply.type}`);
        resolve(new WorkerSession(worker, where, providers, reply.inputNames, reply.outputNames, reply.inputMetadata, reply.outputMetadata));
      });
    });
  }

  run(feeds: Record<string, DenseTensor>, fetches: readonly string[]): Promise<Record<string, DenseTensor>> {
    return this.calls.call((id) =>
      this.worker.postMessage({ id, feeds, fetches }, Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer)),
    );
  }

  dispose(): void {
    this.calls.stop(new Error(`${this.where}: the session was disposed`));
    void this.worker.terminate();
  }
}

/** `file` resolves against `root`, the repository root; `where` names the network in errors. */
export async function createOnnxSession(file: string, root: string, where: string): Promise<OnnxSession> {
  const choice = chooseProviders(process.env[PROVIDERS_ENV], cudaInstalled(process.cwd()));
  try {
    return await WorkerSession.start(file, root, choice.providers, where);
  } catch (e) {
    // The CUDA library is there but no usable GPU or driver is: the CPU still serves.
    if (!choice.fallback) throw e;
    console.warn(`${e instanceof Error ? e.message : String(e)}; retrying on CPU`);
    return WorkerSession.start(file, root, ["cpu"], where);
  }
}
