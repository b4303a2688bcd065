import "server-only";
// The background half of a model switch: embeds, with the new model, every pin that lacks its
// vector. Oldest first and one image at a time, so requests keep their turn on the runtime;
// each vector is stored before it joins the index, so a restart resumes with what is missing.
import { setTimeout as sleep } from "node:timers/promises";
import type { ReembedProgress } from "@/lib/contracts";
import { validateImage, type ImageStore } from "@/lib/image";
import type { PinRepository } from "@/lib/store";
import type { PinImage } from "@/lib/store/pin-repository";
import { catalogPixels } from "./catalog-pixels";
import type { LoadedModel } from "./loaded-model";

const BATCH = 100;

export interface ReembedRun {
  target: LoadedModel;
  repository: PinRepository;
  images: ImageStore;
  /** Updated as pins are done; health reports it. */
  progress: ReembedProgress;
  /** Rest between images (GLIMPSE_REEMBED_PAUSE_MS): throttles the job on a busy server. */
  pauseMs: number;
  signal: AbortSignal;
}

/** Answers true when every pin listed missing was tried, false when stopped first. */
export async function reembedCatalog(run: ReembedRun): Promise<boolean> {
  const { target, repository, progress, signal } = run;
  let after = 0n;
  for (;;) {
    const batch = await repository.pinsWithoutEmbedding(target.key, after, BATCH);
    if (batch.length === 0) return true;
    for (const pin of batch) {
      if (signal.aborted) return false;
      after = pin.seq;
      try {
        await reembedPin(run, pin);
        progress.done++;
      } catch (error) {
        // One unreadable image must not hold the switch back; the next start tries it again.
        progress.failed++;
        console.error(`re-embedding pin ${pin.seq} with ${target.key} failed`, error);
      }
      if (!(await rest(run.pauseMs, signal))) return false;
    }
  }
}

async function reembedPin({ target, repository, images }: ReembedRun, pin: PinImage): Promise<void> {
  // Another pin with the same image may have been done since the batch was listed.
  let vector = await repository.findEmbedding(pin.imageSha256, target.key);
  if (!vector) {
    const original = await images.original(pin.imageSha256);
    if (!original) throw new Error(`image ${pin.imageSha256} is not in the image store`);
    vector = await target.embedder.embed(await catalogPixels(await validateImage(original)));
    await repository.putEmbedding(pin.imageSha256, target.key, vector);
  }
  // A pin deleted meanwhile stays out. Nothing awaits between this check and queuing the add,
  // changes apply in order, and a delete queues its removal only after its row is gone, so
  // neither can slip past the other.
  const record = (await repository.getPinsBySeq([pin.seq])).get(pin.seq);
  if (record) await target.vectors.add(pin.seq, vector, record);
}

/** Yields to waiting requests; answers false when stopped meanwhile. */
async function rest(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await (ms > 0 ? sleep(ms, undefined, { signal }) : new Promise<void>((resolve) => setImmediate(resolve)));
  } catch {
    return false;
  }
  return !signal.aborted;
}
