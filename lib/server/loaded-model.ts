import "server-only";
// One image model in memory: its embedder and its vector index, counted while requests use
// them, so a model switch can free the old one as soon as the last request holding it ends.
import type { ManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import type { PinRepository } from "@/lib/store";
import { loadImageEmbedder, releaseImageEmbedder } from "./embedder";
import type { CatalogModel } from "./model-catalog";
import { CatalogVectors } from "./vectors";

export class LoadedModel {
  private users = 0;
  private retiring: { resolve: () => void; done: Promise<void> } | null = null;

  private constructor(
    readonly model: CatalogModel,
    readonly embedder: ManifestEmbedder,
    readonly vectors: CatalogVectors,
  ) {}

  static async load(model: CatalogModel, repository: PinRepository): Promise<LoadedModel> {
    const embedder = await loadImageEmbedder(model);
    // The index opens in the background; search meanwhile is in CatalogVectors.
    return new LoadedModel(model, embedder, new CatalogVectors(embedder.model, embedder.dim, repository));
  }

  get key(): string {
    return this.model.key;
  }

  /** Runs `fn` with this model kept in memory until it settles. */
  async use<T>(fn: () => Promise<T>): Promise<T> {
    this.users++;
    try {
      return await fn();
    } finally {
      this.users--;
      if (this.users === 0) this.retiring?.resolve();
    }
  }

  /** Frees the model once nobody uses it: the index is saved, the weights are disposed. */
  async retire(): Promise<void> {
    if (!this.retiring) {
      let resolve!: () => void;
      const idle = new Promise<void>((r) => (resolve = r));
      this.retiring = { resolve, done: idle.then(() => this.free()) };
      if (this.users === 0) resolve();
    }
    return this.retiring.done;
  }

  private async free(): Promise<void> {
    try {
      await this.vectors.close();
    } finally {
      await releaseImageEmbedder(this.model);
    }
  }
}
