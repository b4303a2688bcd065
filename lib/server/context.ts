// Everything the services depend on, wired in one place: the store (database and repositories),
// the image store and the limits; and, opened on first use because they cost time or memory,
// the image models (embedders and vector indexes), the scene detector, the object localizer,
// the word reader (OCR), the student the browser downloads, the accounts service and the job
// queue. The app, `npm run worker`, scripts and tests all get this same wiring. One per process,
// kept on globalThis because Next.js dev reloads re-evaluate modules and PGlite allows one
// process per data directory; a part whose opening fails is tried again on next use.
import "server-only";
import path from "node:path";
import { dataDir } from "@/lib/config";
import { DEFAULT_DETECTOR_CONFIG, SceneDetector } from "@/lib/detect";
import { ObjectLocalizer } from "@/lib/detect/localizer";
import { ImageStore } from "@/lib/image";
import { JobQueue } from "@/lib/jobs/queue";
import { WordReader } from "@/lib/ocr/word-reader";
import { BoardRepository, openDatabase, PinRepository, type Database } from "@/lib/store";
import { type Auth, createAuth, authSecret } from "./auth";
import { ImageModels } from "./image-models";
import { JOB_QUEUES, startWorkers, worksJobsInProcess } from "./jobs";
import { limitsFromEnvironment, type ServerLimits } from "./limits";
import { describeStudent, type StudentDownload } from "./model-downloads";

/** A value opened on first use; a failed opening is forgotten, so the next use tries again. */
class Lazy<T> {
  private opening: Promise<T> | null = null;

  constructor(private readonly open: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.opening) {
      const opening = this.open();
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = null;
      });
    }
    return this.opening;
  }

  /** The value if it was opened, for closing; null otherwise. */
  async opened(): Promise<T | null> {
    return this.opening ? this.opening.catch(() => null) : null;
  }
}

export class ServerContext {
  private readonly lazyModels = new Lazy(() => ImageModels.open(this));
  private readonly lazyDetector = new Lazy(() =>
    // SHOP_FALLBACK=0 runs the COCO detector alone (for evaluation).
    SceneDetector.load(process.cwd(), { ...DEFAULT_DETECTOR_CONFIG, fallback: process.env.SHOP_FALLBACK !== "0" }),
  );
  private readonly lazyLocalizer = new Lazy(() => ObjectLocalizer.load(process.cwd()));
  private readonly lazyStudent = new Lazy(() => describeStudent(process.cwd()));
  private readonly lazyWordReader = new Lazy(() => WordReader.start());
  private readonly lazyAuth = new Lazy(async () => createAuth(this.database, await authSecret()));
  private readonly lazyJobs = new Lazy(async () => {
    const queue = await JobQueue.open(this.database, JOB_QUEUES);
    if (worksJobsInProcess()) await startWorkers(this, queue);
    return queue;
  });

  private constructor(
    readonly database: Database,
    readonly pins: PinRepository,
    readonly boards: BoardRepository,
    readonly images: ImageStore,
    readonly limits: ServerLimits,
  ) {}

  /** Opens the database (and applies migrations) and wires the rest from the environment. */
  static async build(): Promise<ServerContext> {
    const database = await openDatabase();
    const images = new ImageStore(path.join(dataDir(), "images"));
    return new ServerContext(database, new PinRepository(database), new BoardRepository(database), images, limitsFromEnvironment());
  }

  models(): Promise<ImageModels> {
    return this.lazyModels.get();
  }

  detector(): Promise<SceneDetector> {
    return this.lazyDetector.get();
  }

  /** The class-agnostic object localizer: where the object of a photo lies. */
  localizer(): Promise<ObjectLocalizer> {
    return this.lazyLocalizer.get();
  }

  student(): Promise<StudentDownload> {
    return this.lazyStudent.get();
  }

  /** Reads the words in pictures (OCR), in a worker thread. */
  wordReader(): Promise<WordReader> {
    return this.lazyWordReader.get();
  }

  auth(): Promise<Auth> {
    return this.lazyAuth.get();
  }

  /** The job queue, and this process's workers unless GLIMPSE_IN_APP_WORKERS=0 (jobs.ts). */
  jobs(): Promise<JobQueue> {
    return this.lazyJobs.get();
  }

  /** Stops the jobs, frees the models (saving their indexes) and closes the database. */
  async close(): Promise<void> {
    await (await this.lazyJobs.opened())?.close();
    await (await this.lazyModels.opened())?.close();
    (await this.lazyDetector.opened())?.dispose();
    (await this.lazyLocalizer.opened())?.dispose();
    await (await this.lazyWordReader.opened())?.close();
    await this.database.close();
  }
}

const key = Symbol.for("glimpse.server-context");
type Holder = { [key]?: Lazy<ServerContext> };

/** This process's context, built on first use. */
export function serverContext(): Promise<ServerContext> {
  return ((globalThis as Holder)[key] ??= new Lazy(() => ServerContext.build())).get();
}

/** Closes this process's context; the next use builds a new one from the environment (tests, scripts). */
export async function closeServerContext(): Promise<void> {
  const holder = globalThis as Holder;
  const context = holder[key];
  delete holder[key];
  await (await context?.opened())?.close();
}
