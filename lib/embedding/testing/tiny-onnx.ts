// A tiny ONNX CNN that tests build for themselves, so the ONNX Runtime backbone can be checked
// without shipping weights: input "images" → Conv 3×3 (3→4 channels, pad 1) → Relu →
// "features_map", and GlobalAveragePool → Flatten → "pooled". Written with a minimal protobuf
// encoder (only the ModelProto fields it uses: ir_version 8, opset 13).
import { concatBytes } from "@/lib/bytes";

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

// --- protobuf wire format -------------------------------------------------------------------

type Field = Uint8Array;

function varint(n: number): number[] {
  if (n < 0 || !Number.isSafeInteger(n)) throw new Error(`varint: ${n} is not a non-negative safe integer`);
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const key = (field: number, wire: 0 | 2) => varint(field * 8 + wire);
const int = (field: number, value: number): Field => Uint8Array.from([...key(field, 0), ...varint(value)]);
const bytes = (field: number, value: Uint8Array): Field =>
  concatBytes([Uint8Array.from([...key(field, 2), ...varint(value.length)]), value]);
const str = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value));
const msg = (field: number, ...fields: Field[]): Field => bytes(field, concatBytes(fields));

// --- ONNX messages (field numbers from onnx.proto) ------------------------------------------

const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_INT = 2;
const ATTR_INTS = 7;

type Dim = number | string;

/** ValueInfoProto: a float tensor with fixed (number) or symbolic (string) dims. */
function valueInfo(field: number, name: string, dims: readonly Dim[]): Field {
  const shape = dims.map((d) => msg(1, typeof d === "number" ? int(1, d) : str(2, d)));
  return msg(field, str(1, name), msg(2, msg(1, int(1, FLOAT), msg(2, ...shape))));
}

function initializer(name: string, dims: readonly number[], values: Float32Array): Field {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return msg(5, ...dims.map((d) => int(1, d)), int(2, FLOAT), str(8, name), bytes(9, raw));
}

type Attr = { name: string; int: number } | { name: string; ints: readonly number[] };

function attribute(a: Attr): Field {
  if ("int" in a) return msg(5, str(1, a.name), int(3, a.int), int(20, ATTR_INT));
  return msg(5, str(1, a.name), ...a.ints.map((v) => int(8, v)), int(20, ATTR_INTS));
}

function node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: readonly Attr[] = []): Field {
  return msg(
    1,
    ...inputs.map((i) => str(1, i)),
    ...outputs.map((o) => str(2, o)),
    str(3, `${op}_${outputs[0]}`),
    str(4, op),
    ...attrs.map(attribute),
  );
}

/**
 * The serialized ModelProto. "nchw": input [N, 3, H, W] and map [N, 4, H, W], as PyTorch
 * exports; "nhwc": input [N, H, W, 3] and map [N, H, W, 4], as TensorFlow exports, with
 * transposes around the same convolution. Batch, height and width are dynamic.
 */
export function tinyOnnxModel(conv: TinyConv = tinyConv(), layout: "nchw" | "nhwc" = "nchw"): Uint8Array {
  const c = TINY_CHANNELS;
  const nchw = layout === "nchw";
  const nodes = [
    ...(nchw ? [] : [node("Transpose", ["images"], ["images_nchw"], [{ name: "perm", ints: [0, 3, 1, 2] }])]),
    node("Conv", [nchw ? "images" : "images_nchw", "conv_w", "conv_b"], ["conv"], [
      { name: "kernel_shape", ints: [3, 3] },
      { name: "pads", ints: [1, 1, 1, 1] },
    ]),
    node("Relu", ["conv"], [nchw ? "features_map" : "relu"]),
    ...(nchw ? [] : [node("Transpose", ["relu"], ["features_map"], [{ name: "perm", ints: [0, 2, 3, 1] }])]),
    node("GlobalAveragePool", [nchw ? "features_map" : "relu"], ["gap"]),
    node("Flatten", ["gap"], ["pooled"], [{ name: "axis", int: 1 }]),
  ];
  const graph = msg(
    7,
    ...nodes,
    str(2, "tiny"),
    initializer("conv_w", [c, 3, 3, 3], conv.weight),
    initializer("conv_b", [c], conv.bias),
    valueInfo(11, "images", nchw ? ["batch", 3, "height", "width"] : ["batch", "height", "width", 3]),
    valueInfo(12, "features_map", nchw ? ["batch", c, "height", "width"] : ["batch", "height", "width", c]),
    valueInfo(12, "pooled", ["batch", c]),
  );
  return concatBytes([int(1, 8), str(2, "glimpse-tests"), graph, msg(8, str(1, ""), int(2, 13))]);
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
