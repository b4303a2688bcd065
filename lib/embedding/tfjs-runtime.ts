import "server-only";
// Starts TensorFlow.js on its WASM backend in Node, once per process: single thread (WASM
// threads cannot start in Node), binaries read from node_modules beside the repository root.
// Training (gradients of the heads, the whitening fit) and the checks of the converted networks
// use it; the server runs its networks on ONNX Runtime.
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

const key = Symbol.for("glimpse.tfjs-wasm-ready");
type Holder = { [key]?: Promise<typeof tf> };

export function tfjsWasm(): Promise<typeof tf> {
  const g = globalThis as Holder;
  g[key] ??= (async () => {
    const dir = path.join(process.cwd(), "node_modules/@tensorflow/tfjs-backend-wasm/dist/");
    setWasmPaths(dir);
    setThreadsCount(1);
    if (!(await tf.setBackend("wasm"))) throw new Error("TensorFlow.js WASM backend failed to start");
    await tf.ready();
    return tf;
  })();
  return g[key]!;
}
