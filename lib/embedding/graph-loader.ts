import "server-only";
// Reads a TF.js graph from the files a backbone names, without the runtime of the package that
// ships it: tfjs model.json + .bin shards, or nsfwjs-style CommonJS modules that export the model
// JSON and base64 weight shards. The converter reads graphs this way (tfjs-graph-model.ts loads
// them into TF.js for the checks against the converted networks).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type * as tfc from "@tensorflow/tfjs-core";
import { concatBytes } from "@/lib/bytes";
import type { BackboneSpec } from "./manifest";

export interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: { node: Array<{ name: string; op: string; attr?: Record<string, unknown> }> };
  weightsManifest: Array<{ paths: string[]; weights: tfc.io.WeightsManifestEntry[] }>;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

/** The placeholder keeps its rank but every size becomes -1, so any batch and size can run. */
export function makeInputDynamic(json: ModelJson, inputNode: string): void {
  const node = json.modelTopology.node.find((n) => n.name === inputNode && n.op === "Placeholder");
  const shape = node?.attr?.shape as { shape?: { dim?: Array<{ size: string }> } } | undefined;
  const dims = shape?.shape?.dim;
  if (!dims) throw new Error(`input placeholder ${inputNode} not found or has no shape`);
  for (const d of dims) d.size = "-1";
  delete json.signature;
}

/** Where a TF.js graph's files are: the source part of a backbone spec. */
export type GraphSource = Pick<BackboneSpec, "format" | "model" | "weights">;

/** A TF.js graph's model JSON and its weight shards joined in manifest order. */
export async function readGraphFiles(spec: GraphSource, root: string): Promise<{ json: ModelJson; weights: Uint8Array<ArrayBuffer> }> {
  if (spec.format === "onnx") throw new Error(`${spec.model} is an ONNX file, not a TF.js graph`);
  const modelPath = path.resolve(root, spec.model);
  if (spec.format === "umd-base64") {
    // The shards are CommonJS bundles; requiring them by absolute path bypasses the package's
    // exports map and any bundler. They leave the require cache at once: the model keeps the
    // decoded weights, not megabytes of base64.
    const load = createRequire(path.join(root, "package.json"));
    const take = (file: string): unknown => {
      const value: unknown = load(file);
      delete load.cache[load.resolve(file)];
      return value;
    };
    const json = structuredClone(take(modelPath) as ModelJson);
    const shards = (spec.weights ?? []).map((w) => {
      const b64 = take(path.resolve(root, w));
      if (typeof b64 !== "string") throw new Error(`${w} does not export a base64 string`);
      return new Uint8Array(Buffer.from(b64, "base64"));
    });
    return { json, weights: concatBytes(shards) };
  }
  const json = JSON.parse(await readFile(modelPath, "utf8")) as ModelJson;
  const dir = path.dirname(modelPath);
  const files = json.weightsManifest.flatMap((g) => g.paths);
  const shards = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(path.join(dir, f)))));
  return { json, weights: concatBytes(shards) };
}
