// Builds an ONNX model (opset 13) node by node and serializes it with onnx-proto, the ONNX
// protobuf schema compiled for protobufjs. Used by the converter and by tests that write small
// models of their own. Serialization is deterministic: the same calls in the same order give the
// same bytes.
import onnxProto, { type onnx } from "onnx-proto";

// A CommonJS module whose exports object holds the namespace: named imports do not reach it from ESM.
const proto = onnxProto.onnx;

export const OPSET = 13;
/** IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;

export const DataType = proto.TensorProto.DataType;
export type DataType = onnx.TensorProto.DataType;

/** Typed arrays whose bytes become an initializer's raw_data (little-endian). */
export type TensorValues = Float32Array | Float64Array | Int32Array | Uint8Array | Uint16Array | BigInt64Array;

export type Attribute =
  | { name: string; int: number }
  | { name: string; ints: readonly number[] }
  | { name: string; float: number }
  | { name: string; string: string };

/** A dim is fixed (a number) or symbolic (a name shared by inputs and outputs). */
export type Dim = number | string;

function attribute(a: Attribute): onnx.IAttributeProto {
  const T = proto.AttributeProto.AttributeType;
  if ("int" in a) return { name: a.name, type: T.INT, i: a.int };
  if ("ints" in a) return { name: a.name, type: T.INTS, ints: [...a.ints] };
  if ("float" in a) return { name: a.name, type: T.FLOAT, f: a.float };
  return { name: a.name, type: T.STRING, s: new TextEncoder().encode(a.string) };
}

function valueInfo(name: string, type: DataType, dims: readonly Dim[]): onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType: type, shape: { dim } } } };
}

function littleEndianBytes(values: TensorValues): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (values.BYTES_PER_ELEMENT === 1) return bytes.slice();
  // Typed arrays use the host's byte order; ONNX raw_data is little-endian.
  const host = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? "le" : "be";
  if (host === "le") return bytes.slice();
  const out = new Uint8Array(bytes.length);
  const size = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += size) for (let j = 0; j < size; j++) out[i + j] = bytes[i + size - 1 - j]!;
  return out;
}

export class OnnxGraph {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly name: string) {}

  /** A name not used yet, made from `base`: it is taken once a node or initializer uses it. */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    return name;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  input(name: string, type: DataType, dims: readonly Dim[]): string {
    this.names.add(name);
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: DataType, dims: readonly Dim[]): void {
    if (!this.names.has(name)) throw new Error(`output ${name} is not produced by any node`);
    this.outputs.push(valueInfo(name, type, dims));
  }

  initializer(name: string, type: DataType, dims: readonly number[], values: TensorValues): string {
    if (this.names.has(name)) throw new Error(`initializer name ${name} is taken`);
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== values.length) throw new Error(`initializer ${name}: ${values.length} values for dims [${dims.join(", ")}]`);
    this.names.add(name);
    this.initializers.push({ name, dataType: type, dims: [...dims], rawData: littleEndianBytes(values) });
    return name;
  }

  /** An int64 vector initializer (shapes, axes, sizes). */
  int64s(base: string, values: readonly number[]): string {
    return this.initializer(this.fresh(base), DataType.INT64, [values.length], BigInt64Array.from(values.map(BigInt)));
  }

  /** Adds a node; `outputs` are the names it writes (each becomes taken). Returns the first. */
  node(op: string, inputs: readonly string[], outputs: readonly string[], attrs: readonly Attribute[] = []): string {
    for (const o of outputs) {
      if (this.names.has(o)) throw new Error(`${op}: output name ${o} is taken`);
      this.names.add(o);
    }
    this.nodes.push({ opType: op, input: [...inputs], output: [...outputs], name: outputs[0], attribute: attrs.map(attribute) });
    return outputs[0]!;
  }

  /** The serialized ModelProto. */
  encode(producer: string, docString = ""): Uint8Array {
    const graph: onnx.IGraphProto = {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
    };
    const model: onnx.IModelProto = {
      irVersion: IR_VERSION,
      producerName: producer,
      docString,
      opsetImport: [{ domain: "", version: OPSET }],
      graph,
    };
    return proto.ModelProto.encode(model).finish();
  }
}
