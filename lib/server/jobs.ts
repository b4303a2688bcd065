// The work that follows an upload, as durable jobs (lib/jobs/queue.ts). Today one queue: the
// scene analysis of a new scene pin (Shop the Look's detection and object vectors, stored so
// the pin's dots come from a lookup, not a detector run, when someone opens it). An upload
// enqueues its job after the pin is stored; a crash in between is made good when workers
// start, as they enqueue every scene pin that still has no analysis. Workers run in the app
// process unless GLIMPSE_IN_APP_WORKERS=0 (then `npm run worker` processes work the jobs).
import "server-only";
import type { JobsReport } from "@/lib/contracts";
import type { JobQueue, QueueDefinition } from "@/lib/jobs/queue";
import { serverContext, type ServerContext } from "./context";
import { withServingModel } from "./image-models";
import { storedSceneAnalysis } from "./shop";

export const SCENE_ANALYSIS: QueueDefinition = { name: "scene-analysis", retryLimit: 4, retryDelaySeconds: 5, expireInSeconds: 300 };
export const JOB_QUEUES: readonly QueueDefinition[] = [SCENE_ANALYSIS];
/** Scene pins listed per query while enqueueing the ones left without an analysis. */
const BACKLOG_BATCH = 1_000;

interface SceneAnalysisJob {
  pinId: string;
}

/** Whether this process works jobs: the app does unless told not to; `npm run worker` always does. */
export function worksJobsInProcess(): boolean {
  return process.env.GLIMPSE_IN_APP_WORKERS !== "0";
}

/** Works every queue in this process, after enqueueing what a crash may have left out. */
export async function startWorkers(context: ServerContext, queue: JobQueue): Promise<void> {
  await queue.work<SceneAnalysisJob>(SCENE_ANALYSIS.name, 1, analyzeScenePin);
  await enqueueSceneBacklog(context, queue);
}

/** Queues the scene analysis of a pin just stored; a failure here is repaired when workers next start. */
export function afterPinStored(pin: { id: string; kind: string }): void {
  if (pin.kind !== "pin") return;
  serverContext()
    .then((context) => context.jobs())
    .then((queue) => queue.send(SCENE_ANALYSIS.name, { pinId: pin.id } satisfies SceneAnalysisJob))
    .catch((error: unknown) => console.error(`queueing the scene analysis of pin ${pin.id} failed`, error));
}

async function analyzeScenePin({ pinId }: SceneAnalysisJob): Promise<void> {
  const record = await (await serverContext()).pins.getPin(pinId);
  if (!record) return; // deleted since: nothing to do
  await withServingModel((model) => storedSceneAnalysis(model, record.imageSha256, true));
}

async function enqueueSceneBacklog({ pins }: ServerContext, queue: JobQueue): Promise<void> {
  const model = await withServingModel(async (serving) => serving.key);
  const waiting = await queue.counts(SCENE_ANALYSIS.name);
  // Jobs already waiting cover the pins they name; only a backlog with none waiting is re-listed.
  if (waiting.queued + waiting.active > 0) return;
  for (let after = 0n; ; ) {
    const batch = await pins.scenePinsWithoutAnalysis(model, after, BACKLOG_BATCH);
    if (batch.length === 0) return;
    const records = await pins.getPinsBySeq(batch.map((p) => p.seq));
    await queue.sendMany(SCENE_ANALYSIS.name, [...records.values()].map((r) => ({ pinId: r.id })));
    after = batch.at(-1)!.seq;
  }
}

export async function jobsReport(): Promise<JobsReport> {
  const queue = await (await serverContext()).jobs();
  const report: JobsReport = {};
  for (const { name } of JOB_QUEUES) report[name] = await queue.counts(name);
  return report;
}
