// The image models the server can run: every folder under the models directory that holds a
// manifest, read once. Also the one place that decides which of them is the active model.
import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { modelKey, spaceKey, type EmbeddingManifest } from "@/lib/embedding/manifest";
import { readManifest } from "@/lib/embedding/model-files";

/** The model folder used when GLIMPSE_IMAGE_MODEL is not set. */
export const DEFAULT_IMAGE_MODEL_DIR = "glimpse-unified";

export interface CatalogModel {
  /** The folder's name under the models directory. */
  readonly dir: string;
  /** Absolute path of the folder (manifest and fitted files). */
  readonly path: string;
  /** The key stored next to every vector, e.g. "glimpse-concat-pca256@1". */
  readonly key: string;
  /** The key of the space its vectors live in (its own key unless the manifest names another). */
  readonly space: string;
  readonly manifest: EmbeddingManifest;
}

export interface ModelCatalog {
  /** The model new vectors are made with: GLIMPSE_IMAGE_MODEL or the default folder. */
  readonly active: CatalogModel;
  readonly byKey: ReadonlyMap<string, CatalogModel>;
}

/** GLIMPSE_MODELS_DIR (tests point it elsewhere), else models/ under the repository root. */
export function modelsDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.GLIMPSE_MODELS_DIR ?? path.join(process.cwd(), "models"));
}

export function activeModelDir(): string {
  return process.env.GLIMPSE_IMAGE_MODEL?.trim() || DEFAULT_IMAGE_MODEL_DIR;
}

export async function readModelCatalog(root: string, activeDir: string): Promise<ModelCatalog> {
  const byKey = new Map<string, CatalogModel>();
  let active: CatalogModel | undefined;
  const entries = await readdir(root, { withFileTypes: true });
  // A hidden folder is a version still being written (training/publish-model.ts).
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = path.join(root, entry.name);
    let manifest: EmbeddingManifest;
    try {
      manifest = await readManifest(folder);
    } catch (error) {
      // A folder without a usable manifest is not a model; it must not stop the others.
      if (entry.name === activeDir) throw new Error(`The active image model ${activeDir} has no usable manifest`, { cause: error });
      if (!isMissing(error)) console.warn(`models/${entry.name}: manifest ignored`, error);
      continue;
    }
    const model: CatalogModel = { dir: entry.name, path: folder, key: modelKey(manifest), space: spaceKey(manifest), manifest };
    if (entry.name === activeDir) active = model;
    if (byKey.has(model.key)) console.warn(`models/${entry.name}: ${model.key} is also in models/${byKey.get(model.key)!.dir}`);
    else byKey.set(model.key, model);
  }
  if (!active) throw new Error(`The active image model ${activeDir} is not a folder under ${root}`);
  // The active folder wins a key it shares with another folder.
  byKey.set(active.key, active);
  return { active, byKey };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
