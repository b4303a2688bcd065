// The page's side of on-device search: one worker per tab (made on first use, kept across
// client-side navigations), typed calls to it, and its status as an external store for React.
import "client-only";
import type { Box } from "@/lib/contracts";
import type { BackendChoice, EmbedOutput, OnDeviceStatus, SearchOutput, WorkerReply, WorkerRequest } from "./protocol";

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type Request = WithoutId<WorkerRequest>;

export interface DeviceLookup extends SearchOutput, EmbedOutput {
  /** Frame handed over → results back, in ms (pixels + model + index). */
  totalMs: number;
}

export class OnDeviceSearch {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private status: OnDeviceStatus = { state: "idle" };
  private readonly listeners = new Set<() => void>();
  private started = false;

  constructor() {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "glimpse-on-device" });
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      this.setStatus({ state: "error", message: event.message || "the on-device worker failed to start" });
      for (const { reject } of this.pending.values()) reject(new Error("the on-device worker stopped"));
      this.pending.clear();
    };
  }

  private receive(message: WorkerReply): void {
    if (message.type === "status") {
      this.setStatus(message.status);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(new Error(message.message));
  }

  private setStatus(status: OnDeviceStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }

  private call<T>(request: Request, transfer: Transferable[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): OnDeviceStatus => this.status;

  /**
   * Downloads the model and the index and warms up; later calls return at once, unless the last
   * start failed or found no model (then it is tried again).
   */
  start(backend: BackendChoice = "auto"): void {
    if (this.started && this.status.state !== "error" && this.status.state !== "unavailable") return;
    this.started = true;
    void this.call<OnDeviceStatus>({ type: "init", backend }).catch(() => undefined);
  }

  /** Resolves once loading is over: ready, or not available here. */
  settled(): Promise<OnDeviceStatus> {
    const done = (s: OnDeviceStatus) => s.state !== "idle" && s.state !== "loading";
    if (done(this.status)) return Promise.resolve(this.status);
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe(() => {
        if (!done(this.status)) return;
        unsubscribe();
        resolve(this.status);
      });
    });
  }

  /** Takes ownership of `frame` (it moves to the worker). */
  embed(frame: ImageBitmap, box?: Box): Promise<EmbedOutput> {
    return this.call<EmbedOutput>({ type: "embed", input: { frame, box } }, [frame]);
  }

  search(views: Float32Array[], k: number): Promise<SearchOutput> {
    return this.call<SearchOutput>({ type: "search", views, k });
  }

  /** Frame → views → top k from the on-device index. Takes ownership of `frame`. */
  async lookup(frame: ImageBitmap, box: Box | undefined, k: number): Promise<DeviceLookup> {
    const start = performance.now();
    const embedded = await this.embed(frame, box);
    const found = await this.search(embedded.views, k);
    return { ...embedded, ...found, totalMs: performance.now() - start };
  }

  /** Ideas for a board from the on-device index alone (no model needed, no round trip once synced). */
  boardIdeas(pinIds: string[], k: number): Promise<SearchOutput> {
    return this.call<SearchOutput>({ type: "ideas", pinIds, k });
  }

  /** Fetches pins added to the catalog since the last sync. */
  sync(): Promise<{ indexed: number }> {
    return this.call<{ indexed: number }>({ type: "sync" });
  }
}

let shared: OnDeviceSearch | null = null;

export function getOnDeviceSearch(): OnDeviceSearch {
  shared ??= new OnDeviceSearch();
  return shared;
}
