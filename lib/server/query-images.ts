// Images searched with, kept for a while so an image search has a URL that survives a reload
// and can be shared: /search/image?image=<id>. What is kept is a re-encoded JPEG of the
// upright pixels (at most 2048 px on a side), never the upload itself, so a phone photo's
// location and camera metadata do not travel with a shared link. Kept QUERY_IMAGE_DAYS days
// after the last search with it; older ones are removed as new ones arrive.
import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/config";
import { QueryImageWordsResponse } from "@/lib/contracts";
import { AppError } from "@/lib/errors";
import { DEFAULT_IMAGE_LIMITS, validateImage } from "@/lib/image";
import { openImage } from "@/lib/image/decode";
import { searchableWords } from "@/lib/ocr/search-words";
import { serverContext } from "./context";

export const QUERY_IMAGE_DAYS = 7;
const KEPT_MS = QUERY_IMAGE_DAYS * 24 * 3600 * 1000;
const MAX_SIDE = 2048;
const ID = /^[0-9a-f]{64}$/;

function folder(): string {
  return path.join(dataDir(), "query-images");
}

export interface StoredQueryImage {
  id: string;
  expiresAt: string;
}

export async function storeQueryImage(bytes: Uint8Array): Promise<StoredQueryImage> {
  return (await serverContext()).limits.imageWork.run(() => keepQueryImage(bytes));
}

async function keepQueryImage(bytes: Uint8Array): Promise<StoredQueryImage> {
  const image = await validateImage(bytes);
  const jpeg = await openImage(image.original, DEFAULT_IMAGE_LIMITS.maxPixels)
    .resize(MAX_SIDE, MAX_SIDE, { fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer();
  const id = createHash("sha256").update(jpeg).digest("hex");
  await fs.mkdir(folder(), { recursive: true });
  const file = path.join(folder(), id);
  await writeWhole(file, jpeg);
  await removeExpired();
  return { id, expiresAt: new Date(Date.now() + KEPT_MS).toISOString() };
}

/**
 * The words in a kept query image, read once and kept beside it (`<id>.words.json`): the chips
 * that refine an image search. Reading takes about half a second of a core, as image work.
 */
export async function readQueryImageWords(id: string): Promise<QueryImageWordsResponse> {
  const image = await readQueryImage(id);
  const kept = path.join(folder(), `${id}.words.json`);
  const known = await fs.readFile(kept, "utf8").catch(() => null);
  if (known !== null) return QueryImageWordsResponse.parse(JSON.parse(known));
  const context = await serverContext();
  const reader = await context.wordReader();
  const lines = (await context.limits.imageWork.run(() => reader.read(image))).map((line) => line.text.trim());
  const words = { words: searchableWords(lines), lines };
  await writeWhole(kept, JSON.stringify(words));
  return words;
}

export async function readQueryImage(id: string): Promise<Uint8Array> {
  const gone = () => new AppError("not_found", "This image search has expired; search with the picture again.", 404);
  if (!ID.test(id)) throw gone();
  const file = path.join(folder(), id);
  try {
    const stat = await fs.stat(file);
    if (Date.now() - stat.mtimeMs > KEPT_MS) throw gone();
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw gone();
    throw error;
  }
}

/** Written under a temporary name, then renamed: a reader never sees half a file. */
async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  const partial = `${file}.${process.pid}.${Date.now()}.part`;
  await fs.writeFile(partial, data);
  await fs.rename(partial, file);
}

async function removeExpired(): Promise<void> {
  const now = Date.now();
  for (const name of await fs.readdir(folder())) {
    const file = path.join(folder(), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > KEPT_MS) await fs.rm(file, { force: true });
  }
}
