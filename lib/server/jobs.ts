// The work that follows an upload, as durable jobs (lib/jobs/queue.ts): the words in every new
// pin's picture are read (OCR) for text search, and a new scene pin gets its scene analysis
// (Shop the Look's detection and object vectors, stored so the pin's dots come from a lookup,
// not a detector run, when someone opens it). An upload enqueues its jobs after the pin is
// stored; a crash in between is made good when workers start, as they enqueue every pin whose
// work is still missing. Workers run in the app process unless GLIMPSE_IN_APP_WORKERS=0 (then
// `npm run worker` processes work the jobs).
import "server-only";
import type { JobsReport } from "@/lib/contracts";
import type { JobQueue, QueueDefinition } from "@/lib/jobs/queue";
import { validateImage } from "@/lib/image";
import { wordsOf } from "@/lib/ocr/word-reader";
import type { PinImage } from "@/lib/store/pin-repository";
import { serverContext, type ServerContext } from "./context";
import { withServingModel } from "./image-models";
import { storedSceneAnalysis } from "./shop";

export const SCENE_ANALYSIS: QueueDefinition = { name: "scene-analysis", retryLimit: 4, retryDelaySeconds: 5, expireInSeconds: 300 };
export const READ_WORDS: QueueDefinition = { name: "read-words", retryLimit: 4, retryDelaySeconds: 5, expireInSeconds: 300 };
export const JOB_QUEUES: readonly QueueDefinition[] = [SCENE_ANALYSIS, READ_WORDS];
/** Pins listed per query while enqueueing the ones whose work is missing. */
const BACKLOG_BATCH = 1_000;

/** What every job names: the pin it is for. */
interface PinJob {
  pinId: string;
}

/** Whether this process works jobs: the app does unless told not to; `npm run worker` always does. */
export function worksJobsInProcess(): boolean {
  return process.env.GLIMPSE_IN_APP_WORKERS !== "0";
}

/** Works every queue in this process, after enqueueing what a crash may have left out. */
export async function startWorkers(context: ServerContext, queue: JobQueue): Promise<void> {
  await queue.work<PinJob>(SCENE_ANALYSIS.name, 1, analyzeScenePin);
  await queue.work<PinJob>(READ_WORDS.name, 1, readPinWords);
  const model = await withServingModel(async (serving) => serving.key);
  await enqueueBacklog(context, queue, SCENE_ANALYSIS, (after) => context.pins.scenePinsWithoutAnalysis(model, after, BACKLOG_BATCH));
  await enqueueBacklog(context, queue, READ_WORDS, (after) => context.pins.pinsWithUnreadImages(after, BACKLOG_BATCH));
}

/** Queues the work that follows a pin just stored; a failure here is repaired when workers next start. */
export function afterPinStored(pin: { id: string; kind: string }): void {
  const queues = pin.kind === "pin" ? [READ_WORDS, SCENE_ANALYSIS] : [READ_WORDS];
  serverContext()
    .then((context) => context.jobs())
    .then((queue) => Promise.all(queues.map(({ name }) => queue.send(name, { pinId: pin.id } satisfies PinJob))))
    .catch((error: unknown) => console.error(`queueing the work that follows pin ${pin.id} failed`, error));
}

async function analyzeScenePin({ pinId }: PinJob): Promise<void> {
  const record = await (await serverContext()).pins.getPin(pinId);
  if (!record) return; // deleted since: nothing to do
  await withServingModel((model) => storedSceneAnalysis(model, record.imageSha256, true));
}

async function readPinWords({ pinId }: PinJob): Promise<void> {
  const context = await serverContext();
  const record = await context.pins.getPin(pinId);
  if (!record) return;
  // An image is read once; a later pin of the same image only gets its words.
  let words = await context.pins.findImageWords(record.imageSha256);
  if (words === null) {
    const original = await context.images.original(record.imageSha256);
    if (!original) throw new Error(`image ${record.imageSha256} is not in the image store`);
    const image = await validateImage(original);
    const reader = await context.wordReader();
    words = wordsOf(await context.limits.imageWork.runInBackground(() => reader.read(image.original)));
  }
  await context.pins.putImageWords(record.imageSha256, words);
}

/** Queues a job for every pin that `missing` lists, when none of the queue's jobs is waiting. */
async function enqueueBacklog(
  { pins }: ServerContext,
  queue: JobQueue,
  { name }: QueueDefinition,
  missing: (afterSeq: bigint) => Promise<PinImage[]>,
): Promise<void> {
  const waiting = await queue.counts(name);
  // Jobs already waiting cover the pins they name; only a backlog with none waiting is re-listed.
  if (waiting.queued + waiting.active > 0) return;
  for (let after = 0n; ; ) {
    const batch = await missing(after);
    if (batch.length === 0) return;
    const records = await pins.getPinsBySeq(batch.map((p) => p.seq));
    await queue.sendMany(name, [...records.values()].map((r) => ({ pinId: r.id }) satisfies PinJob));
    after = batch.at(-1)!.seq;
  }
}

export async function jobsReport(): Promise<JobsReport> {
  const queue = await (await serverContext()).jobs();
  const report: JobsReport = {};
  for (const { name } of JOB_QUEUES) report[name] = await queue.counts(name);
  return report;
}
