import "server-only";
// Reads a model's manifest and its fitted parameters (little-endian float32 files) from
// models/<name>/.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseManifest, type EmbeddingManifest, type Float32File } from "./manifest";
import type { Postprocess } from "./postprocess";

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
  const out = new Float32Array(expected);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < expected; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function float32Bytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

export async function readPostprocess(modelDir: string, manifest: EmbeddingManifest): Promise<Postprocess> {
  const [mean, projection] = await Promise.all([
    readFloat32(modelDir, manifest.postprocess.mean),
    readFloat32(modelDir, manifest.postprocess.projection),
  ]);
  return { sqrt: manifest.postprocess.sqrt, mean, projection, dim: manifest.dim };
}
