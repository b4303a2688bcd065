// One ONNX Runtime session in its own worker thread (see onnx-session.ts). onnxruntime-node runs
// a session synchronously on the calling thread, so each network gets a thread of its own: the
// server's event loop stays free while a network runs, and networks run side by side on several
// cores. Plain JavaScript, so Node loads it as it is in the app, the tests and the scripts.
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";

const { file, app, options } = workerData;
const ort = createRequire(`${app}/package.json`)("onnxruntime-node");

const plainMetadata = (list) => list.map((m) => ({ name: m.name, isTensor: m.isTensor, shape: m.isTensor ? [...m.shape] : [] }));

let session;
try {
  session = await ort.InferenceSession.create(file, options);
} catch (e) {
  parentPort.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) });
}

if (session) {
  parentPort.postMessage({
    type: "ready",
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputMetadata: plainMetadata(session.inputMetadata),
    outputMetadata: plainMetadata(session.outputMetadata),
  });
  parentPort.on("message", async ({ id, feeds, fetches }) => {
    try {
      const inputs = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new ort.Tensor("float32", t.data, t.dims)]));
      const result = await session.run(inputs, fetches);
      const outputs = Object.fromEntries(Object.entries(result).map(([name, t]) => [name, { type: t.type, data: t.data, dims: [...t.dims] }]));
      parentPort.postMessage({ type: "result", id, outputs });
    } catch (e) {
      parentPort.postMessage({ type: "error", id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
