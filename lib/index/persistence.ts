// Where an index lives on disk and how it gets there safely: `<model>.usearch` beside a JSON
// sidecar that says what the file holds (model, shape, count, watermark, checksum). Both are
// written to a temp file, fsynced and renamed, so a crash leaves the old pair or the new one.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export const IndexSidecar = z.object({
  format: z.literal(1),
  engine: z.literal("usearch"),
  model: z.string(),
  dim: z.number().int().positive(),
  quantization: z.enum(["f32", "f16", "i8"]),
  connectivity: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  /** Highest pin seq ever added: every stored vector with a higher seq is missing from the file. */
  watermark: z.string().regex(/^[0-9]+$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  savedAt: z.string(),
});
export type IndexSidecar = z.infer<typeof IndexSidecar>;

export interface IndexPaths {
  file: string;
  sidecar: string;
}

export function indexPaths(dataDir: string, model: string): IndexPaths {
  // Two models may map to one name here; the sidecar records the model, so they never mix.
  const base = model.replace(/[^A-Za-z0-9._@-]/g, "_");
  const dir = path.join(dataDir, "index");
  return { file: path.join(dir, `${base}.usearch`), sidecar: path.join(dir, `${base}.json`) };
}

export function tempPathFor(target: string): string {
  return `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
}

/** Size and SHA-256 of a file, streamed. */
export async function fileDigest(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** Flushes a finished temp file and moves it over the target. */
export async function commitFile(temp: string, target: string): Promise<void> {
  const handle = await fs.open(temp, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, target);
  await syncDirectory(path.dirname(target));
}

export async function writeFileAtomic(target: string, contents: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fs.writeFile(temp, contents);
    await commitFile(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** The sidecar, or why it cannot be trusted. */
export async function readSidecar(file: string): Promise<IndexSidecar | string> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    return "no saved index";
  }
  try {
    const parsed = IndexSidecar.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : "sidecar does not describe an index";
  } catch {
    return "sidecar is not JSON";
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some platforms cannot open a directory, which is fine.
  try {
    const handle = await fs.open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}
