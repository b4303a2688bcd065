// Where Glimpse keeps its state on disk: DATA_DIR, default ./data (database, images, index).
import path from "node:path";

export function dataDir(): string {
  // Resolved at run time from the environment; the bundler must not trace it as a file path.
  return path.resolve(/* turbopackIgnore: true */ process.env.DATA_DIR ?? "data");
}
