// The converted networks against their TF.js originals, on real demo-catalog pictures: every
// output a manifest or the detector reads — pooled parts, saliency maps, detector heads and
// decoded detections — through the same backbone code on both runtimes.
//
// Tolerances: pooled parts and the keypoint heatmap within 1e-4 absolute. Saliency maps (sums of
// |activation| over hundreds of channels, values in the hundreds), box sizes and box corners (in
// 512-px input pixels) within 1e-4 of the output's own largest magnitude: there, float32 sums
// taken in another order differ by up to 2e-5 of the magnitude (docs/performance.md).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DETECTOR_CONFIG, SceneDetector } from "@/lib/detect";
import type { RgbImage } from "@/lib/image/types";
import { Backbone, type BackboneOutput, type BackboneRunner } from "../backbone";
import type { BackboneSpec } from "../manifest";
import { readManifest } from "../model-files";
import { decodeFile } from "@/training/eval/images";
import { OnnxBackbone } from "../onnx-backbone";
import { resizeToFloat } from "../resample";
import { tfjsWasm } from "../tfjs-runtime";
import { loadTfjsGraph } from "../tfjs-graph-model";
import { NETWORKS } from "./networks";

const root = process.cwd();
const PICTURES = ["animals-armadillo.webp", "photography-weathered-wooden-boards.webp", "vehicles-bus-style-2.webp", "drinks-cup-of-coffee.webp"];
let images: RgbImage[];

beforeAll(async () => {
  images = await Promise.all(PICTURES.map((f) => decodeFile(path.join(root, "catalog/demo/images", f))));
});

function worstDifference(a: Float32Array, b: Float32Array): { diff: number; scale: number } {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(a[i]!));
  }
  return { diff, scale };
}

/** Each distinct backbone the shipped manifests run, with the manifests that use it. */
async function shippedBackbones(): Promise<Array<{ label: string; spec: BackboneSpec }>> {
  const seen = new Map<string, { label: string; spec: BackboneSpec }>();
  for (const model of ["glimpse-unified", "glimpse-student", "glimpse-concat-pca256"]) {
    const manifest = await readManifest(path.join(root, "models", model));
    for (const spec of manifest.backbones) {
      const key = JSON.stringify({ ...spec, name: "" });
      seen.set(key, { label: `${spec.name} at ${spec.input.width} px`, spec });
    }
  }
  return [...seen.values()];
}

describe("converted backbones match TF.js on demo-catalog pictures", async () => {
  const backbones = await shippedBackbones();
  it.each(backbones)("$label", async ({ spec }) => {
    const tf = await tfjsWasm();
    const runners: BackboneRunner[] = [new Backbone(tf, await loadTfjsGraph(tf, spec, root), spec), await OnnxBackbone.load(spec, root)];
    try {
      const [reference, converted] = (await Promise.all(runners.map((r) => r.run(images, true)))) as [BackboneOutput[], BackboneOutput[]];
      images.forEach((_, i) => {
        spec.parts.forEach((part, p) => {
          const { diff } = worstDifference(reference[i]!.parts[p]!, converted[i]!.parts[p]!);
          expect(diff, `${part.name}, picture ${i}`).toBeLessThan(1e-4);
        });
        for (const map of spec.saliency) {
          const { diff, scale } = worstDifference(reference[i]!.maps.get(map.name)!.values, converted[i]!.maps.get(map.name)!.values);
          expect(diff, `${map.name}, picture ${i}`).toBeLessThan(1e-4 * Math.max(1, scale));
        }
      });
    } finally {
      for (const r of runners) r.dispose();
    }
  });
});

describe("converted detector matches TF.js", () => {
  const recipe = NETWORKS.find((n) => n.name === "centernet-detector")!;
  const size = DEFAULT_DETECTOR_CONFIG.inputSize;
  let detector: SceneDetector;
  let ort: typeof import("onnxruntime-node");

  beforeAll(async () => {
    detector = await SceneDetector.load(root, DEFAULT_DETECTOR_CONFIG);
    ort = await import("onnxruntime-node");
  });
  afterAll(() => detector.dispose());

  it("gives the same heads and detections", async () => {
    const tf = await tfjsWasm();
    const spec: BackboneSpec = {
      name: recipe.name,
      ...recipe.source,
      licence: recipe.licence,
      inputNode: recipe.input.node,
      dynamicInput: false,
      input: { width: size, height: size, mean: [0, 0, 0], std: [1, 1, 1] },
      parts: [{ name: "unused", node: recipe.outputs[0]!, pool: "none", dim: 1 }],
      saliency: [],
    };
    const model = await loadTfjsGraph(tf, spec, root);
    const session = await ort.InferenceSession.create(path.join(root, DEFAULT_DETECTOR_CONFIG.model));
    try {
      for (const image of images) {
        const pixels = resizeToFloat(image, size, size);
        const outputs = tf.tidy(() => model.execute(tf.tensor4d(pixels, [1, size, size, 3]), recipe.outputs) as ReturnType<typeof tf.tensor>[]);
        const [detections, keypoints, wh] = (await Promise.all(outputs.map((t) => t.data()))) as Float32Array[];
        tf.dispose(outputs);
        const result = await session.run({ [recipe.input.node]: new ort.Tensor("float32", pixels, [1, size, size, 3]) });
        const heads = worstDifference(keypoints!, result["tower_0/keypoints"]!.data as Float32Array);
        expect(heads.diff).toBeLessThan(1e-4);
        const sizes = worstDifference(wh!, result["tower_0/wh"]!.data as Float32Array);
        expect(sizes.diff).toBeLessThan(1e-4 * sizes.scale);

        // The server's path: the same rows above any score it could keep, in the same order.
        const converted = await detector.rawDetections(image);
        const rows = (d: Float32Array) => Array.from({ length: d.length / 6 }, (_, r) => d.slice(r * 6, r * 6 + 6)).filter((row) => row[4]! >= 0.05);
        const [a, b] = [rows(detections!), rows(converted)];
        expect(b.length).toBe(a.length);
        a.forEach((row, r) => {
          expect(b[r]![5]).toBe(row[5]); // class
          expect(Math.abs(b[r]![4]! - row[4]!)).toBeLessThan(1e-4); // score
          for (let k = 0; k < 4; k++) expect(Math.abs(b[r]![k]! - row[k]!)).toBeLessThan(1e-4 * size); // corners
        });
      }
    } finally {
      model.dispose();
      await session.release();
    }
  });
});
