// Words read from pictures (screenshots, packaging, signs), for text search: PaddleOCR in a
// worker thread (ocr-worker.mjs). Pictures are made upright and at most READ_MAX_SIDE px on a
// side first, which keeps a read under a second on a CPU core; lines the recognizer is unsure
// of are dropped.
import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DEFAULT_IMAGE_LIMITS } from "@/lib/image";
import { openImage } from "@/lib/image/decode";

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
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (lines: ReadLine[]) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => {
      if (reply.type !== "result" && reply.type !== "error") return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.type === "result") waiting?.resolve(reply.lines);
      else waiting?.reject(new Error(`reading words failed: ${reply.message}`));
    });
    const stop = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", (e: Error) => stop(new Error(`the OCR worker failed: ${e.message}`, { cause: e })));
    worker.on("exit", (code) => stop(new Error(`the OCR worker stopped (exit code ${code})`)));
    // An idle reader must not keep a script's process alive; a read in flight does.
    worker.unref();
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
    const id = this.nextId++;
    const lines = new Promise<ReadLine[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.ref();
    this.worker.postMessage({ id, image: jpeg });
    return (await lines).filter((line) => line.confidence >= MIN_LINE_CONFIDENCE && line.text.trim() !== "");
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The words of the lines, as one string for the store's full-text index. */
export function wordsOf(lines: readonly ReadLine[]): string {
  return lines.map((line) => line.text.trim()).join("\n");
}
