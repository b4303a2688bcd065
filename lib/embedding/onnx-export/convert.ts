// Converts one packaged TF.js network to ONNX, in memory: the bytes and the manifest that goes
// beside them, with checksums of the source files and of the result. Deterministic: the same
// source files give the same bytes.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readGraphFiles } from "../graph-loader";
import { OnnxGraph, OPSET } from "./onnx-graph";
import type { NetworkRecipe } from "./networks";
import { TfGraph } from "./tf-graph";
import { GraphTranslator } from "./translate";

export const NETWORKS_DIR = "models/networks";
/** Bumped whenever the translation changes what it writes. */
export const CONVERTER_VERSION = 1;

export interface NetworkManifest {
  name: string;
  description: string;
  licence: string;
  converter: { version: number; opset: number };
  source: NetworkRecipe["source"] & { sha256: string };
  input: NetworkRecipe["input"];
  outputs: string[];
  /** The ONNX file, relative to the repository root. */
  onnx: { file: string; bytes: number; sha256: string };
}

export interface ConvertedNetwork {
  bytes: Uint8Array;
  manifest: NetworkManifest;
}

const sha256 = (parts: readonly Uint8Array[]): string => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

export function onnxPath(name: string): string {
  return `${NETWORKS_DIR}/${name}.onnx`;
}

/** `root` is the repository root, against which the recipe's source paths resolve. */
export async function convertNetwork(recipe: NetworkRecipe, root: string): Promise<ConvertedNetwork> {
  const { json, weights } = await readGraphFiles(recipe.source, root);
  const files = [recipe.source.model, ...(recipe.source.weights ?? [])];
  const sourceBytes = await Promise.all(files.map(async (f) => new Uint8Array(await readFile(path.resolve(root, f)))));
  const graph = new OnnxGraph(recipe.name);
  const translator = new GraphTranslator(new TfGraph(json, weights), graph);
  translator.input(recipe.input.node, recipe.input.dims);
  translator.translate(recipe.outputs);
  const bytes = graph.encode("glimpse convert-models", `${recipe.description}. Converted from ${recipe.source.model}; ${recipe.licence}.`);
  return {
    bytes,
    manifest: {
      name: recipe.name,
      description: recipe.description,
      licence: recipe.licence,
      converter: { version: CONVERTER_VERSION, opset: OPSET },
      source: { ...recipe.source, sha256: sha256(sourceBytes) },
      input: recipe.input,
      outputs: recipe.outputs,
      onnx: { file: onnxPath(recipe.name), bytes: bytes.byteLength, sha256: sha256([bytes]) },
    },
  };
}
