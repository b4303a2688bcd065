import "server-only";
// Reads a model's manifest and its fitted parameters (little-endian float32 files) from
// models/<name>/.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseManifest, type EmbeddingManifest, type Float32File } from "./manifest";
import type { Postprocess } from "./postprocess";
import { float32FromBytes } from "./vectors";

export async function readManifest(modelDir: string): Promise<EmbeddingManifest> {
  const text = await readFile(path.join(modelDir, "manifest.json"), "utf8");
  return parseManifest(JSON.parse(text) as unknown);
}

export async function readFloat32(modelDir: string, spec: Float32File): Promise<Float32Array> {
  const bytes = await readFile(path.join(modelDir, spec.file));
  const expected = spec.shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== expected * 4) {
    throw new Error(`${spec.file}: ${bytes.byteLength} bytes, expected ${expected * 4} for shape [${spec.shape.join(", ")}]`);
  }
  return float32FromBytes(bytes);
}

export async function readPostprocess(modelDir: string, manifest: EmbeddingManifest): Promise<Postprocess> {
  const [mean, projection] = await Promise.all([
    readFloat32(modelDir, manifest.postprocess.mean),
    readFloat32(modelDir, manifest.postprocess.projection),
  ]);
  return { sqrt: manifest.postprocess.sqrt, mean, projection, dim: manifest.dim };
}
