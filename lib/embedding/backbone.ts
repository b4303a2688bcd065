// One backbone network at run time: prepares input as its manifest says, runs the graph up to
// the layers it needs, and hands back pooled parts and channel-summed activation maps as plain
// arrays. Every tensor it makes is disposed before it returns. Shared by the server and the
// browser's worker: tensors are read with `await data()` (dataSync loses a WebGPU device).
import type * as tfc from "@tensorflow/tfjs-core";
import type { GraphModel } from "@tensorflow/tfjs-converter";
import type { RgbImage } from "@/lib/image/types";
import { GEM_EPSILON, type BackboneSpec } from "./manifest";
import { toModelInput } from "./preprocess";
import type { ActivationMap } from "./saliency";

export interface BackboneOutput {
  /** One pooled vector per part, in manifest order. */
  parts: Float32Array[];
  /** Σ|activation| over channels, per saliency map name (only when asked for). */
  maps: Map<string, ActivationMap>;
}

/** One backbone at run time, whatever runs it (TF.js here, ONNX Runtime in onnx-backbone.ts). */
export interface BackboneRunner {
  readonly spec: BackboneSpec;
  /** One output per image, in order; maps only when `withMaps`. */
  run(images: readonly RgbImage[], withMaps: boolean): Promise<BackboneOutput[]>;
  dispose(): void;
}

/** A TF.js graph model backbone (formats "tfjs-graph" and "umd-base64"). */
export class Backbone implements BackboneRunner {
  constructor(
    private readonly tf: typeof tfc,
    private readonly model: GraphModel,
    readonly spec: BackboneSpec,
  ) {}

  async run(images: readonly RgbImage[], withMaps: boolean): Promise<BackboneOutput[]> {
    const { tf, spec } = this;
    const { width, height } = spec.input;
    const batch = new Float32Array(images.length * width * height * 3);
    images.forEach((img, i) => batch.set(toModelInput(img, spec.input), i * width * height * 3));
    const maps = withMaps ? spec.saliency : [];
    const outputs = tf.tidy(() => {
      const input = tf.tensor4d(batch, [images.length, height, width, 3]);
      const nodes = [...spec.parts.map((p) => p.node), ...maps.map((m) => m.node)];
      const raw = this.model.execute(input, nodes);
      const list = Array.isArray(raw) ? raw : [raw];
      const pooled = spec.parts.map((p, i) => {
        const map = list[i]!;
        if (p.pool === "mean") return tf.mean(map, [1, 2]);
        if (p.pool === "gem") {
          const x = tf.maximum(map, GEM_EPSILON);
          // x³ as products, as onnx-backbone.ts does: tf.pow over whole maps cost about 12 % of a
          // 3-view frame on WASM in Chromium.
          const powered = p.power === 3 ? tf.mul(tf.mul(x, x), x) : tf.pow(x, p.power!);
          return tf.pow(tf.mean(powered, [1, 2]), 1 / p.power!);
        }
        return map;
      });
      const summed = maps.map((_, i) => tf.sum(tf.abs(list[spec.parts.length + i]!), -1));
      return [...pooled, ...summed];
    });
    try {
      const data = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
      return images.map((_, b) => {
        const parts = spec.parts.map((p, i) => {
          const all = data[i]!;
          if (all.length !== images.length * p.dim) {
            throw new Error(`${spec.name}/${p.name}: expected ${p.dim} channels, got ${all.length / images.length}`);
          }
          return all.slice(b * p.dim, (b + 1) * p.dim);
        });
        const byName = new Map<string, ActivationMap>();
        maps.forEach((m, i) => {
          const t = outputs[spec.parts.length + i]!;
          const [, h = 0, w = 0] = t.shape;
          byName.set(m.name, { values: data[spec.parts.length + i]!.slice(b * h * w, (b + 1) * h * w), width: w, height: h });
        });
        return { parts, maps: byName };
      });
    } finally {
      tf.dispose(outputs);
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
