import "server-only";
// The distilled student as the browser downloads it: its manifest with every path turned into
// a versioned URL, and the files behind those URLs (only the ones the manifest names).
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import type { StudentModelResponse } from "@/lib/contracts";
import { makeInputDynamic, type ModelJson } from "@/lib/embedding/graph-loader";
import { modelKey, spaceKey, type EmbeddingManifest } from "@/lib/embedding/manifest";
import { readManifest } from "@/lib/embedding/model-files";
import { serverContext } from "./context";
import { modelsDir } from "./model-catalog";

/** The student the browser runs (a folder under models/). */
export const STUDENT_MODEL_DIR = process.env.GLIMPSE_STUDENT_MODEL ?? "glimpse-student";

interface ServedFile {
  file: string;
  contentType: string;
  /** A graph whose input placeholder must be made dynamic, as the server does when loading it. */
  dynamicInput?: string;
}

export interface StudentDownload {
  response: StudentModelResponse;
  files: Map<string, ServedFile>;
}

export function fileUrl(model: string, name: string): string {
  return `/api/models/${encodeURIComponent(model)}/files/${encodeURIComponent(name)}`;
}

/** The student's manifest with URLs, and its files; described once per process (context.ts). */
export async function describeStudent(root: string): Promise<StudentDownload> {
  const dir = path.join(modelsDir(), STUDENT_MODEL_DIR);
  let manifest: EmbeddingManifest;
  try {
    manifest = await readManifest(dir);
  } catch {
    throw new AppError("not_found", "No on-device model is installed on this server.", 404);
  }
  const model = modelKey(manifest);
  const files = new Map<string, ServedFile>();
  const serve = (file: string, contentType: string, dynamicInput?: string) => {
    const name = path.basename(file);
    if (files.has(name)) throw new Error(`${STUDENT_MODEL_DIR}: two files are named ${name}`);
    files.set(name, { file, contentType, dynamicInput });
    return fileUrl(model, name);
  };
  const backbones = [];
  for (const b of manifest.backbones) {
    if (b.format !== "tfjs-graph") throw new Error(`${STUDENT_MODEL_DIR}: the browser runs only tfjs-graph backbones, not ${b.format}`);
    const modelPath = path.resolve(root, b.model);
    const json = JSON.parse(await readFile(modelPath, "utf8")) as ModelJson;
    for (const shard of json.weightsManifest.flatMap((g) => g.paths)) {
      serve(path.join(path.dirname(modelPath), shard), "application/octet-stream");
    }
    backbones.push({ ...b, model: serve(modelPath, "application/json", b.dynamicInput ? b.inputNode : undefined), dynamicInput: false });
  }
  const post = manifest.postprocess;
  const postprocess = {
    ...post,
    mean: { ...post.mean, file: serve(path.join(dir, post.mean.file), "application/octet-stream") },
    projection: { ...post.projection, file: serve(path.join(dir, post.projection.file), "application/octet-stream") },
  };
  let bytes = 0;
  for (const f of files.values()) bytes += (await stat(f.file)).size;
  // The training record stays on the server: the browser needs only what runs the model.
  const served: EmbeddingManifest = { ...manifest, backbones, postprocess, fitted: undefined };
  return {
    response: { key: model, space: spaceKey(manifest), dim: manifest.dim, bytes, manifest: served },
    files,
  };
}

/** One file of the student, by the model key and name its URL carries. */
export async function readStudentFile(model: string, name: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const student = await (await serverContext()).student();
  const served = student.response.key === model ? student.files.get(name) : undefined;
  if (!served) throw new AppError("not_found", "No such model file.", 404);
  const bytes = await readFile(served.file);
  if (!served.dynamicInput) return { bytes: new Uint8Array(bytes), contentType: served.contentType };
  const json = JSON.parse(bytes.toString("utf8")) as ModelJson;
  makeInputDynamic(json, served.dynamicInput);
  return { bytes: new TextEncoder().encode(JSON.stringify(json)), contentType: served.contentType };
}
