import "server-only";
// Calls to a worker thread that answers each request once, by its id: the requests waiting for
// an answer, and the worker's ref count, so an idle worker keeps no process alive while a call
// in flight does. When the worker fails or exits, every waiting call (and every later one)
// fails with the reason.
import type { Worker } from "node:worker_threads";

export class WorkerCalls<T> {
  private readonly pending = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private stopped: Error | null = null;

  constructor(
    private readonly worker: Worker,
    /** The errors waiting calls get when the worker fails or stops. */
    why: { failed: (error: Error) => Error; exited: (code: number) => Error },
  ) {
    worker.on("error", (error: Error) => this.stop(why.failed(error)));
    worker.on("exit", (code: number) => this.stop(why.exited(code)));
    worker.unref();
  }

  /** Sends the message `send(id)` makes and waits for the answer settled under that id. */
  call(send: (id: number) => void): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      try {
        send(id);
      } catch (error) {
        this.settle(id, { error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
  }

  /** Answers call `id`, from the worker's reply. */
  settle(id: number, outcome: { value: T } | { error: Error }): void {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    if ("error" in outcome) waiting?.reject(outcome.error);
    else waiting?.resolve(outcome.value);
  }

  /** Fails every waiting call, and every later one, with `error`. */
  stop(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }
}
