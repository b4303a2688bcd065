// Where Glimpse keeps its state on disk: DATA_DIR, default ./data (database, images, index).
import path from "node:path";

export function dataDir(): string {
  // Resolved at run time from the environment; the bundler must not trace it as a file path.
  return path.resolve(/* turbopackIgnore: true */ process.env.DATA_DIR ?? "data");
}

/**
 * The vector engine: the embedded one by default, or a Qdrant server at VECTOR_URL (with
 * VECTOR_API_KEY when it asks for one) for catalogs past one machine (docs/scaling.md).
 */
export function vectorEngine(): { url?: string; apiKey?: string; searchExpansion?: number } {
  const expansion = Number(process.env.GLIMPSE_INDEX_EXPANSION);
  return {
    url: process.env.VECTOR_URL || undefined,
    apiKey: process.env.VECTOR_API_KEY || undefined,
    // The embedded graph's search breadth: recall against speed at catalog scale (docs/performance.md).
    searchExpansion: Number.isInteger(expansion) && expansion > 0 ? expansion : undefined,
  };
}
