import "server-only";
// A packaged TF.js graph loaded into TF.js in Node: the reference the converted ONNX networks
// are checked against (onnx-export/equivalence.integration.test.ts) and timed against
// (npm run bench-inference). The server itself never runs TF.js.
import type * as tfc from "@tensorflow/tfjs-core";
import { loadGraphModel, type GraphModel } from "@tensorflow/tfjs-converter";
import { makeInputDynamic, readGraphFiles } from "./graph-loader";
import type { BackboneSpec } from "./manifest";

/** `root` is the repository root, against which the spec's paths resolve. */
export async function loadTfjsGraph(tf: typeof tfc, spec: BackboneSpec, root: string): Promise<GraphModel> {
  const { json, weights } = await readGraphFiles(spec, root);
  if (spec.dynamicInput) makeInputDynamic(json, spec.inputNode);
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  const handler = tf.io.fromMemory({
    modelTopology: json.modelTopology as unknown as tfc.io.ModelArtifacts["modelTopology"],
    weightSpecs,
    weightData: weights.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
    userDefinedMetadata: json.userDefinedMetadata,
  });
  return loadGraphModel(handler);
}
