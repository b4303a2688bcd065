import "server-only";
// The process-wide image embedder. Loaded once, lazily, on first use; kept on globalThis so
// Next.js dev reloads of this module do not load the model again. Model files resolve from
// process.cwd(), the repository root, both in route handlers and in scripts.
import path from "node:path";
import type { Embedder } from "@/lib/embedding/types";
import { ManifestEmbedder } from "@/lib/embedding/manifest-embedder";

/** The model the server embeds catalog images and queries with (a folder under models/). */
export const IMAGE_MODEL_DIR = "glimpse-concat-pca256";

const key = Symbol.for("glimpse.image-embedder");
type Holder = { [key]?: Promise<Embedder> };

export function getImageEmbedder(): Promise<Embedder> {
  const g = globalThis as Holder;
  if (!g[key]) {
    const root = process.cwd();
    const loading = ManifestEmbedder.fromDirectory(path.join(root, "models", IMAGE_MODEL_DIR), root);
    // A failed load must not stick: the next request tries again.
    loading.catch(() => {
      if (g[key] === loading) delete g[key];
    });
    g[key] = loading;
  }
  return g[key]!;
}
