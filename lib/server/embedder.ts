import "server-only";
// The server's image embedders: loaded once per model version, lazily, and kept on globalThis so
// Next.js dev reloads of this module do not load a model again. Keyed by the model's key, not its
// folder: a new version published to the same folder is another model (image-models.ts). Weight
// paths in manifests resolve from process.cwd(), the repository root, in route handlers and in
// scripts.
import { loadManifestEmbedder, type ManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import type { CatalogModel } from "./model-catalog";

const key = Symbol.for("glimpse.image-embedders");
type Holder = { [key]?: Map<string, Promise<ManifestEmbedder>> };

function loaded(): Map<string, Promise<ManifestEmbedder>> {
  return ((globalThis as Holder)[key] ??= new Map());
}

export function loadImageEmbedder(model: CatalogModel): Promise<ManifestEmbedder> {
  const embedders = loaded();
  let loading = embedders.get(model.key);
  if (!loading) {
    loading = loadManifestEmbedder(model.path, process.cwd());
    const mine = loading;
    // A failed load must not stick: the next call tries again.
    mine.catch(() => {
      if (embedders.get(model.key) === mine) embedders.delete(model.key);
    });
    embedders.set(model.key, loading);
  }
  return loading;
}

/** The keys of the models whose embedders are loaded or loading. */
export function loadedImageModels(): string[] {
  return [...loaded().keys()];
}

/** Frees a model's weights; its embedder must not be used after this. */
export async function releaseImageEmbedder(model: CatalogModel): Promise<void> {
  const embedders = loaded();
  const loading = embedders.get(model.key);
  if (!loading) return;
  embedders.delete(model.key);
  (await loading.catch(() => null))?.dispose();
}
