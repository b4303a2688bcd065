// Publishes a new version of a model folder with renames only, so a server reading models/
// sees the old version or the new one, whole, never a mix: the files are written to a hidden
// sibling folder (model-catalog.ts skips hidden folders), the current version moves aside to
// `<dir>@<version>` — the model a server keeps serving while it re-embeds its catalog with the
// new one, also across a restart — and the new folder takes `dir`'s name. Versions older than
// the one moved aside are deleted.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EmbeddingManifest } from "@/lib/embedding/manifest";
import { readManifest } from "@/lib/embedding/model-files";
import { float32ToBytes } from "@/lib/embedding/vectors";

export async function publishModel(dir: string, manifest: EmbeddingManifest, fitted: { mean: Float32Array; projection: Float32Array }): Promise<void> {
  const parent = path.dirname(dir);
  const name = path.basename(dir);
  const next = path.join(parent, `.${name}.next`);
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  writeFileSync(path.join(next, manifest.postprocess.mean.file), float32ToBytes(fitted.mean));
  writeFileSync(path.join(next, manifest.postprocess.projection.file), float32ToBytes(fitted.projection));
  writeFileSync(path.join(next, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const current = existsSync(path.join(dir, "manifest.json")) ? (await readManifest(dir)).version : null;
  if (current === null) {
    rmSync(dir, { recursive: true, force: true });
  } else {
    const aside = path.join(parent, `${name}@${current}`);
    rmSync(aside, { recursive: true, force: true });
    renameSync(dir, aside);
  }
  renameSync(next, dir);
  if (current === null) return;
  for (const entry of readdirSync(parent)) {
    const version = entry.startsWith(`${name}@`) ? Number(entry.slice(name.length + 1)) : NaN;
    if (version < current) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}
