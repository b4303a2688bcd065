/// <reference lib="webworker" />
// The on-device search worker: TF.js, the student model and the catalog's codes live here, off
// the page's thread, so the camera preview never stutters. The page talks to it through
// search-client.ts with the messages of protocol.ts.
import { CodesResponse, StudentModelResponse } from "@/lib/contracts";
import { ApiError } from "../api-error";
import { fetchJson } from "../fetch-json";
import { startBackend } from "./backends";
import { base64ToBytes } from "./base64";
import { CodeIndex } from "./code-index";
import { framePixels } from "./frame-pixels";
import type { BackendChoice, EmbedOutput, FrameInput, OnDeviceStatus, SearchOutput, WorkerReply, WorkerRequest } from "./protocol";
import { downloadStudent } from "./student-files";
import { StudentEmbedder } from "./student-embedder";

declare const self: DedicatedWorkerGlobalScope;

const CODES_PAGE = 2000;

let status: OnDeviceStatus = { state: "idle" };
let starting: Promise<void> | null = null;
let embedder: StudentEmbedder | null = null;
let index: CodeIndex | null = null;
let through: string | null = null;
/** One model run at a time, in arrival order. */
let runs: Promise<unknown> = Promise.resolve();
let syncing: Promise<number> | null = null;

function post(message: WorkerReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function setStatus(next: OnDeviceStatus): void {
  status = next;
  post({ type: "status", status });
}

function indexedCount(): number {
  return index?.size ?? 0;
}

/** Fetches the codes added since the last call (all of them the first time, or when the space changed). */
function syncIndex(): Promise<number> {
  syncing ??= (async () => {
    try {
      for (;;) {
        const params = new URLSearchParams({ limit: String(CODES_PAGE) });
        if (through !== null) params.set("after", through);
        const page = await fetchJson(`/api/codes?${params}`, CodesResponse);
        if (!index || index.model !== page.model || index.dim !== page.dim) {
          const incremental = through !== null;
          index = new CodeIndex(page.model, page.dim);
          through = null;
          // A page of another space continues a list this index never had: start over.
          if (incremental) continue;
        }
        index.add(page.items.map((item) => ({ code: base64ToBytes(item.code), pin: item.pin })));
        through = page.through;
        if (page.items.length < CODES_PAGE) break;
      }
      if (status.state === "ready") setStatus({ ...status, indexed: indexedCount() });
      return indexedCount();
    } finally {
      syncing = null;
    }
  })();
  return syncing;
}

async function start(choice: BackendChoice): Promise<void> {
  setStatus({ state: "loading", stage: "manifest", loaded: 0, total: 0 });
  let student: StudentModelResponse;
  try {
    student = await fetchJson("/api/models/student", StudentModelResponse);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      setStatus({ state: "unavailable", reason: error.message });
      return;
    }
    throw error;
  }
  const total = student.bytes;
  let lastPost = 0;
  setStatus({ state: "loading", stage: "download", loaded: 0, total });
  const backend = startBackend(choice);
  const files = downloadStudent(student, (loaded) => {
    const now = performance.now();
    if (now - lastPost > 100 && status.state === "loading" && status.stage === "download") {
      lastPost = now;
      setStatus({ ...status, loaded: Math.min(loaded, total) });
    }
  });
  const indexed = syncIndex();
  const [running, downloaded] = await Promise.all([backend, files]);
  setStatus({ state: "loading", stage: "backend", loaded: total, total, backend: running });
  embedder?.dispose();
  embedder = await StudentEmbedder.create(downloaded);
  setStatus({ state: "loading", stage: "warmup", loaded: total, total, backend: running });
  const warmupMs = await embedder.warmUp();
  await indexed;
  if (index && index.model !== student.space) {
    throw new Error(`the catalog's codes are in ${index.model}, the student's vectors in ${student.space}`);
  }
  setStatus({
    state: "ready",
    model: student.key,
    space: student.space,
    minRelevantScore: downloaded.manifest.minRelevantScore,
    backend: running,
    indexed: indexedCount(),
    warmupMs: Math.round(warmupMs),
  });
}

function embed(input: FrameInput): Promise<EmbedOutput> {
  const run = runs.then(async () => {
    if (!embedder) {
      input.frame.close();
      throw new Error("the on-device model is not loaded");
    }
    const t0 = performance.now();
    const pixels = framePixels(input.frame, input.box);
    const t1 = performance.now();
    const views = await embedder.embedQuery(pixels);
    return { views, pixelsMs: t1 - t0, embedMs: performance.now() - t1 };
  });
  runs = run.catch(() => undefined);
  return run;
}

function search(views: Float32Array[], k: number): SearchOutput {
  if (!index) return { results: [], searchMs: 0 };
  const t0 = performance.now();
  const { results } = index.search(views, k);
  return { results, searchMs: performance.now() - t0 };
}

async function boardIdeas(pinIds: string[], k: number): Promise<SearchOutput> {
  if (!index) await syncIndex();
  const t0 = performance.now();
  const { results } = index ? index.ideasFor(pinIds, k) : { results: [] };
  return { results, searchMs: performance.now() - t0 };
}

async function handle(request: WorkerRequest): Promise<{ value: unknown; transfer?: Transferable[] }> {
  switch (request.type) {
    case "init":
      // A failed or refused start is tried again by the next page that asks.
      if (status.state === "error" || status.state === "unavailable") starting = null;
      starting ??= start(request.backend).catch((error: unknown) => {
        setStatus({ state: "error", message: error instanceof Error ? error.message : String(error) });
      });
      await starting;
      return { value: status };
    case "embed": {
      const out = await embed(request.input);
      return { value: out, transfer: out.views.map((v) => v.buffer) };
    }
    case "search":
      return { value: search(request.views, request.k) };
    case "sync":
      return { value: { indexed: await syncIndex() } };
    case "ideas":
      return { value: await boardIdeas(request.pinIds, request.k) };
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  handle(request).then(
    ({ value, transfer }) => post({ type: "reply", id: request.id, ok: true, value }, transfer),
    (error: unknown) => post({ type: "reply", id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
