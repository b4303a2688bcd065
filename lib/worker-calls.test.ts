import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { WorkerCalls } from "./worker-calls";

/** A worker that doubles numbers, refuses negative ones, and exits on 0. */
function doubler(): Worker {
  return new Worker(
    `const { parentPort } = require("node:worker_threads");
     parentPort.on("message", ({ id, n }) => {
       if (n === 0) process.exit(3);
       parentPort.postMessage(n < 0 ? { id, error: "negative" } : { id, value: n * 2 });
     });`,
    { eval: true },
  );
}

function callsTo(worker: Worker): WorkerCalls<number> {
  const calls = new WorkerCalls<number>(worker, {
    failed: (e) => new Error(`failed: ${e.message}`),
    exited: (code) => new Error(`exited ${code}`),
  });
  worker.on("message", (reply: { id: number; value?: number; error?: string }) =>
    calls.settle(reply.id, reply.error ? { error: new Error(reply.error) } : { value: reply.value! }),
  );
  return calls;
}

describe("WorkerCalls", () => {
  it("answers each call by its id, and fails every waiting and later call once the worker stops", async () => {
    const worker = doubler();
    const calls = callsTo(worker);
    const ask = (n: number) => calls.call((id) => worker.postMessage({ id, n }));
    expect(await Promise.all([ask(1), ask(2), ask(3)])).toEqual([2, 4, 6]);
    await expect(ask(-1)).rejects.toThrow("negative");
    await expect(ask(0)).rejects.toThrow("exited 3");
    await expect(ask(5)).rejects.toThrow("exited 3");
  });
});
