// A tiny ONNX CNN that tests build for themselves, so the ONNX Runtime backbone can be checked
// without shipping weights: input "images" → Conv 3×3 (3→4 channels, pad 1) → Relu →
// "features_map", and GlobalAveragePool → Flatten → "pooled". Written with the converter's
// ONNX graph builder.
import { DataType, OnnxGraph } from "../onnx-export/onnx-graph";

/** Conv weights [out, in, kh, kw] and bias [out]. */
export interface TinyConv {
  weight: Float32Array;
  bias: Float32Array;
}

export const TINY_CHANNELS = 4;

/** Fixed, asymmetric weights: a swapped channel, a transposed kernel or a flipped sign shows. */
export function tinyConv(): TinyConv {
  const weight = new Float32Array(TINY_CHANNELS * 3 * 3 * 3);
  for (let i = 0; i < weight.length; i++) weight[i] = Math.sin(i * 1.7 + 0.3) * 0.5;
  const bias = Float32Array.from([0.1, -0.2, 0.05, 0]);
  return { weight, bias };
}

/**
 * The serialized ModelProto. "nchw": input [N, 3, H, W] and map [N, 4, H, W], as PyTorch
 * exports; "nhwc": input [N, H, W, 3] and map [N, H, W, 4], as TensorFlow exports, with
 * transposes around the same convolution. Batch, height and width are dynamic.
 */
export function tinyOnnxModel(conv: TinyConv = tinyConv(), layout: "nchw" | "nhwc" = "nchw"): Uint8Array {
  const c = TINY_CHANNELS;
  const nchw = layout === "nchw";
  const g = new OnnxGraph("tiny");
  g.input("images", DataType.FLOAT, nchw ? ["batch", 3, "height", "width"] : ["batch", "height", "width", 3]);
  const w = g.initializer("conv_w", DataType.FLOAT, [c, 3, 3, 3], conv.weight);
  const b = g.initializer("conv_b", DataType.FLOAT, [c], conv.bias);
  const x = nchw ? "images" : g.node("Transpose", ["images"], ["images_nchw"], [{ name: "perm", ints: [0, 3, 1, 2] }]);
  const convolved = g.node("Conv", [x, w, b], ["conv"], [
    { name: "kernel_shape", ints: [3, 3] },
    { name: "pads", ints: [1, 1, 1, 1] },
  ]);
  const relu = g.node("Relu", [convolved], [nchw ? "features_map" : "relu"]);
  if (!nchw) g.node("Transpose", [relu], ["features_map"], [{ name: "perm", ints: [0, 2, 3, 1] }]);
  const gap = g.node("GlobalAveragePool", [relu], ["gap"]);
  g.node("Flatten", [gap], ["pooled"], [{ name: "axis", int: 1 }]);
  g.output("features_map", DataType.FLOAT, nchw ? ["batch", c, "height", "width"] : ["batch", "height", "width", c]);
  g.output("pooled", DataType.FLOAT, ["batch", c]);
  return g.encode("glimpse-tests");
}

/**
 * The same network in plain JS on one NHWC image (as toModelInput returns it), channel-last
 * output [H, W, 4]: the reference the runtime's result is checked against.
 */
export function tinyReference(input: Float32Array, width: number, height: number, conv: TinyConv = tinyConv()): Float32Array {
  const c = TINY_CHANNELS;
  const out = new Float32Array(width * height * c);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let o = 0; o < c; o++) {
        let acc = conv.bias[o]!;
        for (let i = 0; i < 3; i++) {
          for (let ky = 0; ky < 3; ky++) {
            for (let kx = 0; kx < 3; kx++) {
              const sy = y + ky - 1;
              const sx = x + kx - 1;
              if (sy < 0 || sy >= height || sx < 0 || sx >= width) continue;
              acc += conv.weight[((o * 3 + i) * 3 + ky) * 3 + kx]! * input[(sy * width + sx) * 3 + i]!;
            }
          }
        }
        out[(y * width + x) * c + o] = Math.max(0, acc);
      }
    }
  }
  return out;
}
