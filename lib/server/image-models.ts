import "server-only";
// Which image model search answers with, and the switch to the active model. On first use the
// store says how many pins lack an active-model vector; if some do, the model that covers the
// most pins keeps serving while a background run re-embeds the rest (see reembed.ts), new pins
// get vectors of both models, and when the run ends serving moves to the active model in one
// assignment and the old model leaves memory once its last request is done. A new version
// written to the active model's folder while the server runs (npm run train) is found by a
// periodic check and switched to the same way, without a restart.
import type { HealthResponse, ReembedProgress } from "@/lib/contracts";
import type { ImageStore } from "@/lib/image";
import type { PinRepository } from "@/lib/store";
import { serverContext } from "./context";
import { LoadedModel } from "./loaded-model";
import { activeModelDir, modelsDir, readModelCatalog, type CatalogModel, type ModelCatalog } from "./model-catalog";
import { reembedCatalog } from "./reembed";
import { planServing } from "./serving-plan";

export type ModelsReport = HealthResponse["models"];

/** How often the active folder is checked for a new version: GLIMPSE_MODEL_CHECK_MS, 0 never. */
function checkIntervalMs(): number {
  const value = Number(process.env.GLIMPSE_MODEL_CHECK_MS ?? 60_000);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export class ImageModels {
  private current: LoadedModel;
  /** The active model while a re-embed fills it and another model serves. */
  private target: { loading: Promise<LoadedModel>; loaded: LoadedModel | null } | null = null;
  private progress: ReembedProgress | null = null;
  private job: Promise<void> | null = null;
  private readonly stop = new AbortController();
  private checks: NodeJS.Timeout | null = null;
  private checking = false;

  private constructor(
    private catalog: ModelCatalog,
    serving: LoadedModel,
    private readonly repository: PinRepository,
    private readonly images: ImageStore,
  ) {
    this.current = serving;
  }

  /** Reads models/ and opens the model to serve; a re-embed starts if the store needs one. */
  static async open({ pins: repository, images }: { pins: PinRepository; images: ImageStore }): Promise<ImageModels> {
    const catalog = await readModelCatalog(modelsDir(), activeModelDir());
    const active = catalog.active.key;
    const [missing, stored] = await Promise.all([repository.countPinsWithoutEmbedding(active), repository.countEmbeddingsByModel()]);
    const plan = planServing({ active, missing, stored, available: new Set(catalog.byKey.keys()) });
    const models = new ImageModels(catalog, await LoadedModel.load(catalog.byKey.get(plan.serving)!, repository), repository, images);
    if (plan.reembed) models.startReembed(plan.reembed.from, missing);
    const every = checkIntervalMs();
    if (every > 0) {
      models.checks = setInterval(() => {
        models.checkForNewVersion().catch((error: unknown) => console.warn("checking models/ for a new version failed", error));
      }, every);
      models.checks.unref();
    }
    return models;
  }

  /**
   * Moves to a new version of the active model written since the catalog was read: the serving
   * model keeps answering while the catalog is re-embedded with the new one in the background.
   * Answers the new version's key, or null when there is none (or a re-embed is still running;
   * the next check looks again).
   */
  async checkForNewVersion(): Promise<string | null> {
    if (this.checking || this.progress || this.stop.signal.aborted) return null;
    this.checking = true;
    try {
      const catalog = await readModelCatalog(modelsDir(), activeModelDir());
      if (catalog.active.key === this.catalog.active.key) return null;
      const missing = await this.repository.countPinsWithoutEmbedding(catalog.active.key);
      if (this.progress || this.stop.signal.aborted) return null;
      this.catalog = catalog;
      console.info(`models/${catalog.active.dir} holds ${catalog.active.key}: re-embedding ${missing} pins while ${this.current.key} serves`);
      this.startReembed(this.current.key, missing);
      return catalog.active.key;
    } finally {
      this.checking = false;
    }
  }

  /** The model search answers with. */
  get serving(): LoadedModel {
    return this.current;
  }

  /** Whether a query vector of `model` can be searched: it is the serving model's or lives in its space. */
  acceptsQueryModel(model: string): boolean {
    return model === this.current.key || this.catalog.byKey.get(model)?.space === this.current.key;
  }

  /**
   * Runs `fn` with every model a new pin needs a vector of: the serving one first, and the
   * active one while it fills. Both are taken in one synchronous step, so a switch cannot
   * free either while `fn` runs.
   */
  async withWriteModels<T>(fn: (models: LoadedModel[]) => Promise<T>): Promise<T> {
    // A failed load leaves the re-embed stopped; the serving model alone is then enough.
    await this.target?.loading.catch(() => {});
    const target = this.target?.loaded;
    const models = target && target !== this.current ? [this.current, target] : [this.current];
    const holdFrom = (i: number): Promise<T> => (i === models.length ? fn(models) : models[i]!.use(() => holdFrom(i + 1)));
    return holdFrom(0);
  }

  report(): ModelsReport {
    return {
      image: this.current.key,
      dim: this.current.embedder.dim,
      active: this.catalog.active.key,
      reembed: this.progress && { ...this.progress },
    };
  }

  /** Stops the re-embed (it resumes at the next start) and frees every model. */
  async close(): Promise<void> {
    if (this.checks) clearInterval(this.checks);
    this.stop.abort();
    await this.job;
    const loaded = new Set([this.current, ...(this.target?.loaded ? [this.target.loaded] : [])]);
    await Promise.all([...loaded].map((m) => m.retire()));
  }

  private startReembed(from: string | null, total: number): void {
    const active = this.catalog.active;
    this.progress = { from, to: active.key, done: 0, failed: 0, total, startedAt: new Date().toISOString() };
    if (from !== null) {
      // Set before any await: pins created from now on wait for the active model and get its vector.
      const target: { loading: Promise<LoadedModel>; loaded: LoadedModel | null } = {
        loading: LoadedModel.load(active, this.repository),
        loaded: null,
      };
      target.loading.then((m) => (target.loaded = m)).catch(() => {});
      this.target = target;
    }
    this.job = this.reembed(active).catch((error: unknown) => {
      if (this.progress) this.progress.error = error instanceof Error ? error.message : String(error);
      console.error(`re-embedding the catalog with ${active.key} stopped`, error);
    });
  }

  private async reembed(active: CatalogModel): Promise<void> {
    const target = this.target ? await this.target.loading : this.current;
    const complete = await reembedCatalog({
      target,
      repository: this.repository,
      images: this.images,
      progress: this.progress!,
      pauseMs: Math.max(0, Number(process.env.GLIMPSE_REEMBED_PAUSE_MS) || 0),
      signal: this.stop.signal,
    });
    if (!complete || this.stop.signal.aborted) return;
    const previous = this.current;
    // One assignment: each request holds whichever model it started with until it ends.
    this.current = target;
    this.target = null;
    this.progress = null;
    if (previous !== target) {
      console.info(`image search switched from ${previous.key} to ${active.key}`);
      await previous.retire();
    }
  }
}

/** Runs `fn` with the serving model, kept in memory until `fn` settles even if a switch comes. */
export async function withServingModel<T>(fn: (model: LoadedModel) => Promise<T>): Promise<T> {
  const serving = (await (await serverContext()).models()).serving;
  return serving.use(() => fn(serving));
}

/** Runs `fn` with every model a new pin needs a vector of (the serving one first). */
export async function withWriteModels<T>(fn: (models: LoadedModel[]) => Promise<T>): Promise<T> {
  return (await (await serverContext()).models()).withWriteModels(fn);
}
