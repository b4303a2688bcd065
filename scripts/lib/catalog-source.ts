// Reads what `npm run ingest` uploads: a JSON-lines catalog (one pin per line, `file` relative to
// the catalog) or a folder of images (titles from file names).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { Box, CreatePinFields } from "@/lib/contracts";

export const CatalogLine = z.object({
  file: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  link: z.string().nullable().optional(),
  price: z.number().nullable().optional(),
  category: z.string().nullable().optional(),
  kind: z.enum(["product", "pin"]).optional(),
  /** Ground truth of a composed scene: which product is where (boxes normalized 0–1, top-left).
   * For tests and eval only; never uploaded. */
  objects: z.array(z.object({ file: z.string(), box: Box })).optional(),
});
export type CatalogLine = z.infer<typeof CatalogLine>;

/** One pin to upload: where its image is, and the form fields that go with it. */
export interface IngestItem {
  /** Stable identity for resuming: the image path relative to the source. */
  key: string;
  imagePath: string;
  fields: Record<string, string>;
}

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".heic", ".heif"]);

export function titleFromFileName(file: string): string {
  const words = path
    .basename(file, path.extname(file))
    .replace(/[_\-.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Untitled";
}

/** Form fields as `POST /api/pins` takes them; empty values are left out. */
export function formFields(line: CatalogLine): Record<string, string> {
  const fields: Record<string, string> = { title: line.title ?? titleFromFileName(line.file) };
  if (line.description) fields.description = line.description;
  if (line.link) fields.link = line.link;
  if (line.price !== undefined && line.price !== null) fields.price = String(line.price);
  if (line.category) fields.category = line.category;
  if (line.kind) fields.kind = line.kind;
  // Catch a bad catalog line here, with its file name, rather than as a 400 from the server.
  CreatePinFields.parse(fields);
  return fields;
}

export async function readCatalog(source: string): Promise<IngestItem[]> {
  if (source.endsWith(".jsonl")) {
    const base = path.dirname(source);
    const text = await readFile(source, "utf8");
    return text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line, i) => {
        const parsed = CatalogLine.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`${source}:${i + 1}: ${parsed.error.issues[0]?.message}`);
        return { key: parsed.data.file, imagePath: path.resolve(base, parsed.data.file), fields: formFields(parsed.data) };
      });
  }
  const files = (await readdir(source, { recursive: true }))
    .filter((file) => IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase()))
    .sort();
  return files.map((file) => ({
    key: file,
    imagePath: path.resolve(source, file),
    fields: formFields({ file, category: path.dirname(file) === "." ? undefined : path.dirname(file).split(path.sep)[0] }),
  }));
}
