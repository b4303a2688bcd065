/// <reference lib="webworker" />
// The on-device search worker: TF.js, the student model and the catalog's codes live here, off
// the page's thread, so the camera preview never stutters. The page talks to it through
// search-client.ts with the messages of protocol.ts. The model's files and the catalog's codes
// are kept on the device (kept-files.ts, kept-catalog.ts), so search works with the network
// off, and a new visit fetches only what changed.
import { CodesResponse, StudentModelResponse } from "@/lib/contracts";
import { ApiError } from "../api-error";
import { fetchJson } from "../fetch-json";
import { startBackend } from "./backends";
import { base64ToBytes } from "./base64";
import { CodeIndex } from "./code-index";
import { framePixels } from "./frame-pixels";
import { KeptCatalog, keepingProblem } from "./kept-catalog";
import { freshOrKeptJson, keepOnly, keptFilesProblem } from "./kept-files";
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
/** The kept copy of the catalog; undefined until opened, null where the browser keeps none. */
let kept: KeptCatalog | null | undefined;
/** Why the catalog is not kept (a write was refused); once set, this visit keeps no more. */
let catalogProblem: string | null = null;
/** Whether the server could not be reached the last time it was asked. */
let offline = false;

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

/** What the device keeps for use without a network, or why it does not. */
function keeping(): { ok: true } | { ok: false; problem: string } {
  const problem = kept === null ? "This browser keeps no offline copy here." : (catalogProblem ?? keptFilesProblem());
  return problem === null ? { ok: true } : { ok: false, problem };
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.code === "network";
}

/** Starts from the kept copy of the catalog, when there is one. */
async function loadKeptCatalog(): Promise<void> {
  kept ??= await KeptCatalog.open();
  const copy = await kept?.load().catch(() => null);
  if (!copy || index) return;
  index = new CodeIndex(copy.model, copy.dim);
  index.add(copy.items);
  through = copy.through;
}

/** Keeps a change of the catalog; after a refused write, this visit keeps nothing more. */
async function keepChange(change: Parameters<KeptCatalog["apply"]>[0], fresh: boolean): Promise<void> {
  if (!kept || catalogProblem !== null) return;
  try {
    await kept.apply(change, fresh);
  } catch (error) {
    // The kept copy stays whole at its last cursor, and the next visit goes on from there.
    catalogProblem = keepingProblem(error);
  }
}

/**
 * Fetches what changed since the last call (pins added and deleted), or the whole catalog the
 * first time or when the space changed. Without a network, the kept copy answers as it is.
 */
function syncIndex(): Promise<number> {
  syncing ??= (async () => {
    try {
      if (kept === undefined) await loadKeptCatalog();
      let fresh = false;
      for (;;) {
        const params = new URLSearchParams({ limit: String(CODES_PAGE) });
        if (through !== null) params.set("after", through);
        let page: CodesResponse;
        try {
          page = await fetchJson(`/api/codes?${params}`, CodesResponse);
        } catch (error) {
          if (!isNetworkFailure(error) || !index) throw error;
          offline = true;
          break;
        }
        offline = false;
        if (!index || index.model !== page.model || index.dim !== page.dim) {
          const incremental = through !== null;
          index = new CodeIndex(page.model, page.dim);
          through = null;
          fresh = true;
          // A page of another space continues a list this index never had: start over.
          if (incremental) continue;
        }
        const items = page.items.map((item) => ({ code: base64ToBytes(item.code), pin: item.pin }));
        index.remove(page.removed);
        index.add(items);
        through = page.through;
        await keepChange({ model: page.model, dim: page.dim, through, items, removed: page.removed }, fresh);
        fresh = false;
        if (!page.more) break;
      }
      if (status.state === "ready") setStatus({ ...status, indexed: indexedCount(), offline, keeping: keeping() });
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
    const described = await freshOrKeptJson("/api/models/student", StudentModelResponse);
    student = described.value;
    offline = described.kept;
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
  // A newer model's files replace the older one's on the device.
  if (!offline) void keepOnly(["/api/models/student", ...downloaded.urls]);
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
    offline,
    keeping: keeping(),
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
