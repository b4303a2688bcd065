// The service's self-report.
import { z } from "zod";

/** A model switch under way: pins re-embedded with the active model so far. */
export const ReembedProgress = z.object({
  /** The model search answers with meanwhile; null when none covers more pins than `to`. */
  from: z.string().nullable(),
  to: z.string(),
  /** Pins done (vector stored and indexed) and pins that could not be (their image unreadable). */
  done: z.number().int(),
  failed: z.number().int(),
  /** Pins that lacked a vector of `to` when the run started. */
  total: z.number().int(),
  startedAt: z.string(),
  /** Why the run stopped, when it could not go on (it is tried again at the next start). */
  error: z.string().optional(),
});
export type ReembedProgress = z.infer<typeof ReembedProgress>;

/** One job queue's jobs by state (see lib/jobs/queue.ts). */
export const JobCounts = z.object({
  queued: z.number().int(),
  active: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  /** Why the latest failed job failed. */
  lastFailure: z.string().optional(),
});
export const JobsReport = z.record(z.string(), JobCounts);
export type JobsReport = z.infer<typeof JobsReport>;

const WorkGateStats = z.object({
  running: z.number().int(),
  queued: z.number().int(),
  background: z.number().int(),
  concurrency: z.number().int(),
  queue: z.number().int(),
});

export const HealthResponse = z.object({
  ok: z.literal(true),
  pins: z.number().int(),
  index: z
    .object({
      engine: z.string(),
      size: z.number().int(),
      dim: z.number().int(),
      /** "opening" while the index loads or is rebuilt from the store (its progress under `opening`). */
      state: z.enum(["opening", "ready"]).optional(),
    })
    .passthrough(),
  models: z
    .object({
      /** The model search answers with (the `model` of search responses). */
      image: z.string(),
      dim: z.number().int().optional(),
      /** The model the server is set to use; differs from `image` while a switch re-embeds. */
      active: z.string().optional(),
      reembed: ReembedProgress.nullable().optional(),
    })
    .passthrough(),
  /** The durable job queues: work after uploads (scene analysis), by state. */
  jobs: JobsReport.optional(),
  /** The server process: memory in bytes, and image work running and waiting for a slot. */
  process: z
    .object({
      rssBytes: z.number().int(),
      heapUsedBytes: z.number().int(),
      uptimeSeconds: z.number(),
      /** Image work and store-only reads: running, requests waiting for a slot, background jobs, and the limits. */
      imageWork: WorkGateStats,
      reads: WorkGateStats,
    })
    .optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
