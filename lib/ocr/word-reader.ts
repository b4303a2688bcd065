// Words read from pictures (screenshots, packaging, signs), for text search: PaddleOCR in a
// worker thread (ocr-worker.mjs). Pictures are made upright and at most READ_MAX_SIDE px on a
// side first, which keeps a read under a second on a CPU core; lines the recognizer is unsure
// of are dropped.
import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DEFAULT_IMAGE_LIMITS } from "@/lib/image";
import { openImage } from "@/lib/image/decode";
import { WorkerCalls } from "@/lib/worker-calls";

const READ_MAX_SIDE = 1600;
/** Lines recognized with less mean confidence than this are left out. */
export const MIN_LINE_CONFIDENCE = 0.75;

export interface ReadLine {
  text: string;
  confidence: number;
}

type Reply =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "result"; id: number; lines: ReadLine[] }
  | { type: "error"; id: number; message: string };

export class WordReader {
  private readonly calls: WorkerCalls<ReadLine[]>;

  private constructor(private readonly worker: Worker) {
    this.calls = new WorkerCalls(worker, {
      failed: (e) => new Error(`the OCR worker failed: ${e.message}`, { cause: e }),
      exited: (code) => new Error(`the OCR worker stopped (exit code ${code})`),
    });
    worker.on("message", (reply: Reply) => {
      if (reply.type === "result") this.calls.settle(reply.id, { value: reply.lines });
      else if (reply.type === "error") this.calls.settle(reply.id, { error: new Error(`reading words failed: ${reply.message}`) });
    });
  }

  /** Starts the worker and loads the models (about half a second). */
  static start(): Promise<WordReader> {
    // Found from the working directory, the repository root, as the app and scripts run.
    const worker = new Worker(path.join(process.cwd(), "lib/ocr/ocr-worker.mjs"));
    return new Promise((resolve, reject) => {
      worker.once("message", (reply: Reply) => {
        if (reply.type === "ready") resolve(new WordReader(worker));
        else {
          void worker.terminate();
          reject(new Error(`the OCR models could not be loaded: ${reply.type === "failed" ? reply.message : reply.type}`));
        }
      });
      worker.once("error", reject);
    });
  }

  /** The lines of text in an encoded picture, upright, in reading order as the model finds them. */
  async read(encoded: Uint8Array): Promise<ReadLine[]> {
    const jpeg = await openImage(encoded, DEFAULT_IMAGE_LIMITS.maxPixels)
      .resize(READ_MAX_SIDE, READ_MAX_SIDE, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 92 })
      .toBuffer();
    const lines = await this.calls.call((id) => this.worker.postMessage({ id, image: jpeg }));
    return lines.filter((line) => line.confidence >= MIN_LINE_CONFIDENCE && line.text.trim() !== "");
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The words of the lines, as one string for the store's full-text index. */
export function wordsOf(lines: readonly ReadLine[]): string {
  return lines.map((line) => line.text.trim()).join("\n");
}
