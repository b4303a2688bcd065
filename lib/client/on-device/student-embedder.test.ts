// The browser's student runner (TF.js) against the server's embedder (ONNX Runtime, on the same
// tiny graph put through the converter): the same query views and the same vectors, and no
// tensor left behind.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/image/types";
import { parseManifest } from "@/lib/embedding/manifest";
import { loadManifestEmbedder, type ManifestEmbedder } from "@/lib/embedding/manifest-embedder";
import { convertNetwork } from "@/lib/embedding/onnx-export/convert";
import { tfjsWasm } from "@/lib/embedding/tfjs-runtime";
import { float32ToBytes } from "@/lib/embedding/vectors";
import { StudentEmbedder } from "./student-embedder";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const dims = (...sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });

/** input (NHWC) → 1×1 conv to 4 channels → ReLU: small enough to write by hand. */
const topology = {
  node: [
    { name: "input", op: "Placeholder", attr: { dtype: { type: "DT_FLOAT" }, shape: { shape: dims(-1, -1, -1, 3) } } },
    { name: "w", op: "Const", attr: { dtype: { type: "DT_FLOAT" }, value: { tensor: { dtype: "DT_FLOAT", tensorShape: dims(1, 1, 3, 4) } } } },
    {
      name: "conv",
      op: "Conv2D",
      input: ["input", "w"],
      attr: {
        T: { type: "DT_FLOAT" },
        strides: { list: { i: ["1", "1", "1", "1"] } },
        dilations: { list: { i: ["1", "1", "1", "1"] } },
        padding: { s: b64("SAME") },
        data_format: { s: b64("NHWC") },
      },
    },
    { name: "relu", op: "Relu", input: ["conv"], attr: { T: { type: "DT_FLOAT" } } },
  ],
  library: {},
  versions: { producer: 1 },
};
const weights = Float32Array.from([1, 0, 0, -1, 0, 1, 0, 0.5, 0, 0, 1, 0.2]);
const weightSpecs = [{ name: "w", shape: [1, 1, 3, 4], dtype: "float32" as const }];

async function tinyModelDir(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "student-embedder-"));
  writeFileSync(
    path.join(dir, "model.json"),
    JSON.stringify({ format: "graph-model", modelTopology: topology, weightsManifest: [{ paths: ["weights.bin"], weights: weightSpecs }] }),
  );
  writeFileSync(path.join(dir, "weights.bin"), float32ToBytes(weights));
  const { bytes } = await convertNetwork(
    {
      name: "tiny",
      description: "a 1×1 convolution",
      licence: "test",
      source: { format: "tfjs-graph", model: path.join(dir, "model.json") },
      input: { node: "input", dims: ["batch", "height", "width", 3] },
      outputs: ["relu"],
    },
    "/",
  );
  writeFileSync(path.join(dir, "model.onnx"), bytes);
  const mean = Float32Array.from([0.1, 0.2, 0.1, 0.3]);
  const projection = Float32Array.from([1, 0.5, 0, 0, 0, 1, -0.5, 0.2, 0.3, 0, 1, -1]);
  writeFileSync(path.join(dir, "mean.f32.bin"), float32ToBytes(mean));
  writeFileSync(path.join(dir, "projection.f32.bin"), float32ToBytes(projection));
  const manifest = {
    id: "tiny-student",
    version: 1,
    dim: 3,
    minRelevantScore: 0.2,
    space: "tiny-teacher@1",
    backbones: [
      {
        name: "tiny",
        format: "tfjs-graph",
        model: path.join(dir, "model.json"),
        onnx: path.join(dir, "model.onnx"),
        licence: "test",
        inputNode: "input",
        input: { width: 16, height: 16, mean: [0, 0, 0], std: [255, 255, 255] },
        parts: [{ name: "relu", node: "relu", pool: "mean", dim: 4 }],
        saliency: [{ name: "map", node: "relu", threshold: "rel" }],
      },
    ],
    postprocess: { sqrt: true, mean: { file: "mean.f32.bin", shape: [4] }, projection: { file: "projection.f32.bin", shape: [3, 4] } },
    queryViews: { saliency: ["map"], margin: 0.15 },
  };
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

/** Dim noise with a bright red square off centre: something for the saliency crop to find. */
function picture(): RgbImage {
  const width = 40;
  const height = 30;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const inside = x >= 22 && x < 34 && y >= 6 && y < 18;
      data[o] = inside ? 240 : (x * 7 + y * 3) % 40;
      data[o + 1] = inside ? 30 : (x * 3 + y * 5) % 40;
      data[o + 2] = inside ? 20 : (x + y * 11) % 40;
    }
  }
  return { data, width, height };
}

describe("StudentEmbedder", () => {
  let dir: string;
  let server: ManifestEmbedder;
  let student: StudentEmbedder;

  beforeAll(async () => {
    dir = await tinyModelDir();
    // The student runs on TF.js's WASM backend, as it does in the browser.
    await tfjsWasm();
    server = await loadManifestEmbedder(dir, "/");
    const manifest = parseManifest(JSON.parse(JSON.stringify(server.manifest)));
    student = await StudentEmbedder.create({
      manifest,
      graphs: [{ spec: manifest.backbones[0]!, artifacts: { modelTopology: topology, weightSpecs, weightData: weights.buffer.slice(0) } }],
      post: {
        sqrt: true,
        mean: Float32Array.from([0.1, 0.2, 0.1, 0.3]),
        projection: Float32Array.from([1, 0.5, 0, 0, 0, 1, -0.5, 0.2, 0.3, 0, 1, -1]),
        dim: 3,
      },
    });
  });

  it("embeds a query exactly as the server does: the same views, the same vectors", async () => {
    const expected = await server.embedQuery(picture());
    const views = await student.embedQuery(picture());
    expect(views.length).toBe(2);
    expect(views.length).toBe(expected.length);
    views.forEach((v, i) => {
      expect(v.length).toBe(3);
      for (let j = 0; j < v.length; j++) expect(v[j]).toBeCloseTo(expected[i]![j]!, 5);
    });
  });

  it("leaves no tensor behind, warm-up included", async () => {
    const before = tf.memory().numTensors;
    expect(await student.warmUp()).toBeGreaterThanOrEqual(0);
    await student.embedQuery(picture());
    expect(tf.memory().numTensors).toBe(before);
  });
});
