// Translates a TF.js graph, node by node, into ONNX (opset 13). It covers exactly the ops of the
// networks we ship (see networks.ts) and refuses any other op, attribute or padding by name.
//
// TensorFlow keeps images NHWC; ONNX convolutions want NCHW. A rank-4 value therefore lives in
// one of two layouts: "tf" (as TensorFlow holds it, named as the TF tensor) or "nchw" (the same
// tensor transposed, named "<tensor>#nchw"). Convolutions and pools produce NCHW; elementwise
// ops, means and concatenations keep it (with constants reshaped to broadcast); anything else
// gets the TF layout back through a Transpose, which ONNX Runtime folds away where it can.
// Quantized weights stay quantized in the file and are dequantized in the graph exactly as
// TF.js does (q · scale + min, or float16 → float32), which the runtime folds at load.
import { DataType, type OnnxGraph } from "./onnx-graph";
import { attrInts, attrString, attrStrings, nodeName, outputIndex, type TfConst, type TfDtype, type TfGraph, type TfNode } from "./tf-graph";

type Layout = "tf" | "nchw";

interface Value {
  /** The ONNX name of the value in `layout`. */
  name: string;
  layout: Layout;
  rank: number;
  dtype: TfDtype;
  /** The TF tensor it is (for naming its other layout). */
  tensor: string;
}

/** How a constant's elements are rearranged before it becomes an initializer. */
type ConstForm = "tf" | "conv-filter" | "depthwise-filter" | "nchw-broadcast";

const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];
/** Where TF's NHWC axis k sits in NCHW. */
const NCHW_AXIS = [0, 2, 3, 1];
const BIG = Number.MAX_SAFE_INTEGER;

/** TF binary ops that are one ONNX op of the same meaning. */
const SAME_BINARY: Record<string, string | undefined> = { Add: "Add", AddV2: "Add", Sub: "Sub", Mul: "Mul", Equal: "Equal" };

const onnxType: Record<TfDtype, DataType> = { float32: DataType.FLOAT, int32: DataType.INT32, bool: DataType.BOOL };

function tfDtype(type: string | undefined, where: string): TfDtype {
  if (type === "DT_FLOAT") return "float32";
  if (type === "DT_INT32") return "int32";
  if (type === "DT_BOOL") return "bool";
  throw new Error(`${where}: dtype ${type ?? "(none)"} is not supported`);
}

/** Rearranges a row-major array of `shape` by `perm` (generic over the element type). */
function permute<T extends { length: number; [i: number]: number }>(src: T, shape: readonly number[], perm: readonly number[], make: (n: number) => T): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  const out = make(src.length);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < src.length; o++) {
    let s = 0;
    for (let d = 0; d < rank; d++) s += index[d]! * strides[perm[d]!]!;
    out[o] = src[s]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d]! < outShape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

export class GraphTranslator {
  private readonly values = new Map<string, Value>();
  private readonly constants = new Map<string, string>();

  constructor(
    private readonly tf: TfGraph,
    private readonly onnx: OnnxGraph,
  ) {}

  /** Declares the graph input (NHWC float32) under the TF placeholder's name. */
  input(node: string, dims: ReadonlyArray<number | string>): void {
    const n = this.tf.node(node);
    if (n.op !== "Placeholder") throw new Error(`input ${node} is a ${n.op}, not a Placeholder`);
    this.onnx.input(node, DataType.FLOAT, dims);
    this.values.set(node, { name: node, layout: "tf", rank: dims.length, dtype: "float32", tensor: node });
  }

  /** Translates every node the outputs need, then exposes each output (TF layout) under its TF name. */
  translate(outputs: readonly string[]): void {
    for (const node of this.tf.subgraph(outputs)) {
      if (node.op === "Const" || this.values.has(node.name)) continue;
      if (node.op === "Placeholder") throw new Error(`placeholder ${node.name} is not the declared input`);
      this.emit(node);
    }
    for (const out of outputs) {
      const v = this.value(out);
      let name = this.tfLayout(v);
      if (name !== out) name = this.onnx.node("Identity", [name], [out]);
      this.onnx.output(out, onnxType[v.dtype], Array.from({ length: v.rank }, (_, i) => `${out}:${i}`));
    }
  }

  // --- values --------------------------------------------------------------------------------

  private value(ref: string): Value {
    const v = this.values.get(ref) ?? (outputIndex(ref) === 0 ? this.values.get(nodeName(ref)) : undefined);
    if (v) return v;
    const c = this.tf.consts.get(nodeName(ref));
    if (c) return { name: this.constant(c, "tf"), layout: "tf", rank: c.shape.length, dtype: c.dtype, tensor: c.name };
    throw new Error(`no value for ${ref}`);
  }

  private set(ref: string, name: string, layout: Layout, rank: number, dtype: TfDtype): void {
    this.values.set(ref, { name, layout, rank, dtype, tensor: ref });
  }

  /** The ONNX name of the value in TF layout, transposing (once) if needed. */
  private tfLayout(v: Value): string {
    if (v.layout === "tf") return v.name;
    if (!this.onnx.has(v.tensor)) this.onnx.node("Transpose", [v.name], [v.tensor], [{ name: "perm", ints: TO_NHWC }]);
    return v.tensor;
  }

  /** The ONNX name of a rank-4 value in NCHW, transposing (once) if needed. */
  private nchw(v: Value, where: string): string {
    if (v.layout === "nchw") return v.name;
    if (v.rank !== 4) throw new Error(`${where}: needs a rank-4 input, ${v.tensor} has rank ${v.rank}`);
    const name = `${v.tensor}#nchw`;
    if (!this.onnx.has(name)) this.onnx.node("Transpose", [v.name], [name], [{ name: "perm", ints: TO_NCHW }]);
    return name;
  }

  private const(ref: string, where: string): TfConst {
    const c = this.tf.consts.get(nodeName(ref));
    if (!c) throw new Error(`${where}: input ${ref} must be a constant`);
    return c;
  }

  private constInts(ref: string, where: string): number[] {
    const c = this.const(ref, where);
    if (c.storage.kind !== "int32") throw new Error(`${where}: ${ref} must be an int32 constant`);
    return [...c.storage.values];
  }

  /** An initializer for the constant in `form`, dequantized in the graph as TF.js would. */
  private constant(c: TfConst, form: ConstForm): string {
    const key = `${c.name}|${form}`;
    const cached = this.constants.get(key);
    if (cached) return cached;
    let shape = c.shape;
    let perm: number[] | undefined;
    if (form === "conv-filter") perm = [3, 2, 0, 1]; // [kh, kw, in, out] → [out, in, kh, kw]
    if (form === "depthwise-filter") perm = [2, 3, 0, 1]; // [kh, kw, in, mult] → [in, mult, kh, kw]
    if (form === "nchw-broadcast" && shape.length === 4) perm = TO_NCHW;
    const s = c.storage;
    const source = c.shape;
    const arrange = <T extends { length: number; [i: number]: number }>(values: T, make: (n: number) => T): T =>
      perm ? permute(values, source, perm, make) : values;
    if (perm) shape = perm.map((p) => shape[p]!);
    if (form === "depthwise-filter") shape = [shape[0]! * shape[1]!, 1, shape[2]!, shape[3]!];
    if (form === "nchw-broadcast" && shape.length === 1) shape = [shape[0]!, 1, 1];
    const base = form === "tf" ? c.name : `${c.name}#${form}`;
    let name: string;
    if (s.kind === "float32") {
      name = this.onnx.initializer(this.onnx.fresh(base), DataType.FLOAT, shape, arrange(s.values, (n) => new Float32Array(n)));
    } else if (s.kind === "int32") {
      name = this.onnx.initializer(this.onnx.fresh(base), DataType.INT32, shape, arrange(s.values, (n) => new Int32Array(n)));
    } else if (s.kind === "float16") {
      const bits = this.onnx.initializer(this.onnx.fresh(`${base}#f16`), DataType.FLOAT16, shape, arrange(s.bits, (n) => new Uint16Array(n)));
      name = this.onnx.node("Cast", [bits], [this.onnx.fresh(base)], [{ name: "to", int: DataType.FLOAT }]);
    } else {
      // In double, then rounded once to float32: the same bits as TF.js's `q * scale + min`
      // stored into a Float32Array. Dequantizing in float32 drifted the outputs by 4e-4.
      const q = this.onnx.initializer(this.onnx.fresh(`${base}#u8`), DataType.UINT8, shape, arrange(s.values, (n) => new Uint8Array(n)));
      const asDouble = this.onnx.node("Cast", [q], [this.onnx.fresh(`${base}#f64`)], [{ name: "to", int: DataType.DOUBLE }]);
      const scale = this.onnx.initializer(this.onnx.fresh(`${base}#scale`), DataType.DOUBLE, [], Float64Array.of(s.scale));
      const min = this.onnx.initializer(this.onnx.fresh(`${base}#min`), DataType.DOUBLE, [], Float64Array.of(s.min));
      const scaled = this.onnx.node("Mul", [asDouble, scale], [this.onnx.fresh(`${base}#scaled`)]);
      const shifted = this.onnx.node("Add", [scaled, min], [this.onnx.fresh(`${base}#shifted`)]);
      name = this.onnx.node("Cast", [shifted], [this.onnx.fresh(base)], [{ name: "to", int: DataType.FLOAT }]);
    }
    this.constants.set(key, name);
    return name;
  }

  private floatScalar(base: string, value: number): string {
    const key = `#scalar|${value}`;
    const cached = this.constants.get(key);
    if (cached) return cached;
    const name = this.onnx.initializer(this.onnx.fresh(base), DataType.FLOAT, [], Float32Array.of(value));
    this.constants.set(key, name);
    return name;
  }

  // --- ops -----------------------------------------------------------------------------------

  private emit(node: TfNode): void {
    const where = `${node.op} ${node.name}`;
    switch (node.op) {
      case "Identity":
        this.values.set(node.name, this.value(node.inputs[0]!));
        return;
      case "Relu":
      case "Relu6":
      case "Sigmoid":
        return this.unary(node);
      case "Cast":
        return this.cast(node, where);
      case "Add":
      case "AddV2":
      case "Sub":
      case "Mul":
      case "Equal":
      case "FloorDiv":
      case "FloorMod":
        return this.binary(node, where);
      case "_FusedConv2D":
      case "Conv2D":
      case "FusedDepthwiseConv2dNative":
      case "DepthwiseConv2dNative":
        return this.conv(node, where);
      case "AvgPool":
      case "MaxPool":
        return this.pool(node, where);
      case "Mean":
        return this.mean(node, where);
      case "ResizeBilinear":
        return this.resize(node, where);
      case "ConcatV2":
        return this.concat(node, where);
      case "Reshape":
        return this.reshape(node, where);
      case "Squeeze":
        return this.squeeze(node, where);
      case "ExpandDims":
        return this.expandDims(node, where);
      case "TopKV2":
        return this.topK(node, where);
      case "GatherV2":
        return this.gather(node, where);
      case "StridedSlice":
        return this.stridedSlice(node, where);
      default:
        throw new Error(`${where}: op ${node.op} is not supported by the converter`);
    }
  }

  private activation(op: string, x: string, out: string): string {
    if (op === "Relu") return this.onnx.node("Relu", [x], [out]);
    if (op === "Relu6") return this.onnx.node("Clip", [x, this.floatScalar("zero", 0), this.floatScalar("six", 6)], [out]);
    if (op === "Sigmoid") return this.onnx.node("Sigmoid", [x], [out]);
    throw new Error(`activation ${op} is not supported by the converter`);
  }

  private outName(ref: string, layout: Layout): string {
    return layout === "nchw" ? `${ref}#nchw` : ref;
  }

  private unary(node: TfNode): void {
    const x = this.value(node.inputs[0]!);
    const out = this.activation(node.op, x.name, this.outName(node.name, x.layout));
    this.set(node.name, out, x.layout, x.rank, x.dtype);
  }

  private cast(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const to = tfDtype(node.attr.DstT?.type, where);
    const out = this.onnx.node("Cast", [x.name], [this.outName(node.name, x.layout)], [{ name: "to", int: onnxType[to] }]);
    this.set(node.name, out, x.layout, x.rank, to);
  }

  private binary(node: TfNode, where: string): void {
    const [a, b] = node.inputs as [string, string];
    const consts = [a, b].map((r) => this.tf.consts.get(nodeName(r)));
    const tensors = [a, b].map((r, i) => (consts[i] ? undefined : this.value(r)));
    // NCHW when a tensor operand already is, and every other operand can follow.
    const canFollow = (i: number) => {
      const c = consts[i];
      if (c) return c.shape.length === 0 || c.shape.length === 1 || c.shape.length === 4;
      return tensors[i]!.rank === 4;
    };
    const layout: Layout = tensors.some((t) => t?.layout === "nchw") && canFollow(0) && canFollow(1) ? "nchw" : "tf";
    const operand = (i: number): { name: string; rank: number; dtype: TfDtype } => {
      const c = consts[i];
      if (c) return { name: this.constant(c, layout === "nchw" ? "nchw-broadcast" : "tf"), rank: c.shape.length, dtype: c.dtype };
      const t = tensors[i]!;
      return { name: layout === "nchw" ? this.nchw(t, where) : this.tfLayout(t), rank: t.rank, dtype: t.dtype };
    };
    const [x, y] = [operand(0), operand(1)];
    const rank = Math.max(x.rank, y.rank);
    const out = this.outName(node.name, layout);
    const dtype = node.op === "Equal" ? "bool" : x.dtype;
    const same = SAME_BINARY[node.op];
    if (same) {
      this.onnx.node(same, [x.name, y.name], [out]);
    } else if (node.op === "FloorMod") {
      // ONNX Mod with fmod = 0 takes the divisor's sign, as floor-mod does; defined for integers only.
      if (x.dtype !== "int32") throw new Error(`${where}: FloorMod of ${x.dtype} is not supported`);
      this.onnx.node("Mod", [x.name, y.name], [out], [{ name: "fmod", int: 0 }]);
    } else if (x.dtype === "int32") {
      // FloorDiv. Integer Div truncates; (x − floormod(x, y)) / y is exact and floors for any signs.
      const mod = this.onnx.node("Mod", [x.name, y.name], [this.onnx.fresh(`${node.name}#mod`)], [{ name: "fmod", int: 0 }]);
      const floored = this.onnx.node("Sub", [x.name, mod], [this.onnx.fresh(`${node.name}#floored`)]);
      this.onnx.node("Div", [floored, y.name], [out]);
    } else {
      const q = this.onnx.node("Div", [x.name, y.name], [this.onnx.fresh(`${node.name}#div`)]);
      this.onnx.node("Floor", [q], [out]);
    }
    this.set(node.name, out, layout, rank, dtype);
  }

  private spatial(node: TfNode, where: string, attr: "strides" | "dilations" | "ksize"): [number, number] {
    const v = attrInts(node.attr[attr]);
    if (v.length === 0 && attr === "dilations") return [1, 1];
    if (v.length !== 4 || v[0] !== 1 || v[3] !== 1) throw new Error(`${where}: ${attr} [${v.join(", ")}] is not [1, h, w, 1]`);
    return [v[1]!, v[2]!];
  }

  private autoPad(node: TfNode, where: string): string {
    const format = attrString(node.attr.data_format) || "NHWC";
    if (format !== "NHWC") throw new Error(`${where}: data_format ${format} is not supported`);
    const padding = attrString(node.attr.padding);
    if (padding === "SAME") return "SAME_UPPER"; // TF puts the odd pixel after, as SAME_UPPER does
    if (padding === "VALID") return "VALID";
    throw new Error(`${where}: padding ${padding || "(none)"} is not supported`);
  }

  private conv(node: TfNode, where: string): void {
    const depthwise = node.op.includes("Depthwise");
    const fused = node.op.startsWith("Fused") || node.op.startsWith("_Fused");
    const x = this.value(node.inputs[0]!);
    const filter = this.const(node.inputs[1]!, where);
    if (filter.shape.length !== 4) throw new Error(`${where}: filter must be rank 4`);
    const [kh, kw, cin] = filter.shape as [number, number, number, number];
    const ops = fused ? attrStrings(node.attr.fused_ops) : [];
    const [bias, act] = ops;
    if (ops.length > 2 || (ops.length > 0 && bias !== "BiasAdd") || (act !== undefined && act !== "Relu" && act !== "Relu6")) {
      throw new Error(`${where}: fused ops [${ops.join(", ")}] are not supported`);
    }
    const numArgs = Number(node.attr.num_args?.i ?? 0);
    if (fused && numArgs !== (bias ? 1 : 0)) throw new Error(`${where}: ${numArgs} extra arguments are not supported`);
    const inputs = [this.nchw(x, where), this.constant(filter, depthwise ? "depthwise-filter" : "conv-filter")];
    if (bias) inputs.push(this.constant(this.const(node.inputs[2]!, where), "tf"));
    const attrs = [
      { name: "kernel_shape", ints: [kh, kw] },
      { name: "strides", ints: this.spatial(node, where, "strides") },
      { name: "dilations", ints: this.spatial(node, where, "dilations") },
      { name: "auto_pad", string: this.autoPad(node, where) },
      ...(depthwise ? [{ name: "group", int: cin }] : []),
    ];
    const out = `${node.name}#nchw`;
    if (act) {
      const conv = this.onnx.node("Conv", inputs, [this.onnx.fresh(`${node.name}#conv`)], attrs);
      this.activation(act, conv, out);
    } else {
      this.onnx.node("Conv", inputs, [out], attrs);
    }
    this.set(node.name, out, "nchw", 4, "float32");
  }

  private pool(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const out = `${node.name}#nchw`;
    // AveragePool's default count_include_pad = 0 leaves padding out of the mean, as TF does.
    this.onnx.node(node.op === "AvgPool" ? "AveragePool" : "MaxPool", [this.nchw(x, where)], [out], [
      { name: "kernel_shape", ints: this.spatial(node, where, "ksize") },
      { name: "strides", ints: this.spatial(node, where, "strides") },
      { name: "auto_pad", string: this.autoPad(node, where) },
    ]);
    this.set(node.name, out, "nchw", 4, "float32");
  }

  private mean(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const keep = node.attr.keep_dims?.b === true;
    const axes = this.constInts(node.inputs[1]!, where).map((a) => (a < 0 ? a + x.rank : a));
    const layout: Layout = keep && x.layout === "nchw" ? "nchw" : "tf";
    const input = layout === "nchw" ? x.name : this.tfLayout(x);
    const out = this.outName(node.name, layout);
    this.onnx.node("ReduceMean", [input], [out], [
      { name: "axes", ints: layout === "nchw" ? axes.map((a) => NCHW_AXIS[a]!) : axes },
      { name: "keepdims", int: keep ? 1 : 0 },
    ]);
    this.set(node.name, out, layout, keep ? x.rank : x.rank - axes.length, "float32");
  }

  private resize(node: TfNode, where: string): void {
    if (node.attr.align_corners?.b || node.attr.half_pixel_centers?.b) {
      throw new Error(`${where}: only align_corners = half_pixel_centers = false is supported`);
    }
    const x = this.nchw(this.value(node.inputs[0]!), where);
    const size = this.constInts(node.inputs[1]!, where);
    // sizes = [N, C] of the input followed by the constant [h, w].
    const shape = this.onnx.node("Shape", [x], [this.onnx.fresh(`${node.name}#shape`)]);
    const nc = this.onnx.node("Slice", [shape, this.onnx.int64s("zero1", [0]), this.onnx.int64s("two1", [2])], [this.onnx.fresh(`${node.name}#nc`)]);
    const sizes = this.onnx.node("Concat", [nc, this.onnx.int64s(`${node.name}#hw`, size)], [this.onnx.fresh(`${node.name}#sizes`)], [{ name: "axis", int: 0 }]);
    const out = `${node.name}#nchw`;
    // TF's legacy bilinear resize samples at out · in/out: ONNX's "asymmetric" transform.
    this.onnx.node("Resize", [x, "", "", sizes], [out], [
      { name: "mode", string: "linear" },
      { name: "coordinate_transformation_mode", string: "asymmetric" },
    ]);
    this.set(node.name, out, "nchw", 4, "float32");
  }

  private concat(node: TfNode, where: string): void {
    const refs = node.inputs.slice(0, -1);
    const [axisValue] = this.constInts(node.inputs[node.inputs.length - 1]!, where);
    const parts = refs.map((r) => this.value(r));
    const rank = parts[0]!.rank;
    const axis = axisValue! < 0 ? axisValue! + rank : axisValue!;
    const layout: Layout = parts.some((p) => p.layout === "nchw") && parts.every((p) => p.rank === 4) ? "nchw" : "tf";
    const inputs = parts.map((p) => (layout === "nchw" ? this.nchw(p, where) : this.tfLayout(p)));
    const out = this.outName(node.name, layout);
    this.onnx.node("Concat", inputs, [out], [{ name: "axis", int: layout === "nchw" ? NCHW_AXIS[axis]! : axis }]);
    this.set(node.name, out, layout, rank, parts[0]!.dtype);
  }

  private reshape(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const shape = this.constInts(node.inputs[1]!, where);
    const out = this.onnx.node("Reshape", [this.tfLayout(x), this.onnx.int64s(`${node.name}#shape`, shape)], [node.name]);
    this.set(node.name, out, "tf", shape.length, x.dtype);
  }

  private squeeze(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const axes = attrInts(node.attr.squeeze_dims);
    if (axes.length === 0) throw new Error(`${where}: squeezing every unit axis needs known shapes; name the axes`);
    const out = this.onnx.node("Squeeze", [this.tfLayout(x), this.onnx.int64s(`${node.name}#axes`, axes)], [node.name]);
    this.set(node.name, out, "tf", x.rank - axes.length, x.dtype);
  }

  private expandDims(node: TfNode, where: string): void {
    const x = this.value(node.inputs[0]!);
    const axes = this.constInts(node.inputs[1]!, where);
    const out = this.onnx.node("Unsqueeze", [this.tfLayout(x), this.onnx.int64s(`${node.name}#axes`, axes)], [node.name]);
    this.set(node.name, out, "tf", x.rank + 1, x.dtype);
  }

  private topK(node: TfNode, where: string): void {
    if (node.attr.sorted?.b !== true) throw new Error(`${where}: only sorted TopK is supported`);
    const x = this.value(node.inputs[0]!);
    const k = this.constInts(node.inputs[1]!, where);
    const indices64 = this.onnx.fresh(`${node.name}:1#int64`);
    this.onnx.node("TopK", [this.tfLayout(x), this.onnx.int64s(`${node.name}#k`, k)], [node.name, indices64], [
      { name: "axis", int: -1 },
      { name: "largest", int: 1 },
      { name: "sorted", int: 1 },
    ]);
    // TF's TopKV2 gives int32 indices, and the graph computes with them as int32.
    this.onnx.node("Cast", [indices64], [`${node.name}:1`], [{ name: "to", int: DataType.INT32 }]);
    this.set(node.name, node.name, "tf", x.rank, x.dtype);
    this.set(`${node.name}:1`, `${node.name}:1`, "tf", x.rank, "int32");
  }

  private gather(node: TfNode, where: string): void {
    if (Number(node.attr.batch_dims?.i ?? 0) !== 0) throw new Error(`${where}: batch_dims must be 0`);
    const params = this.value(node.inputs[0]!);
    const indices = this.value(node.inputs[1]!);
    const [axis] = this.constInts(node.inputs[2]!, where);
    const out = this.onnx.node("Gather", [this.tfLayout(params), this.tfLayout(indices)], [node.name], [{ name: "axis", int: axis! }]);
    this.set(node.name, out, "tf", params.rank + indices.rank - 1, params.dtype);
  }

  private stridedSlice(node: TfNode, where: string): void {
    const mask = (name: string) => Number(node.attr[name]?.i ?? 0);
    if (mask("ellipsis_mask") !== 0 || mask("new_axis_mask") !== 0) throw new Error(`${where}: ellipsis and new-axis masks are not supported`);
    const x = this.value(node.inputs[0]!);
    const [begin, end, strides] = [1, 2, 3].map((i) => this.constInts(node.inputs[i]!, where)) as [number[], number[], number[]];
    const starts: number[] = [];
    const ends: number[] = [];
    const shrink: number[] = [];
    begin.forEach((b, i) => {
      const bit = 1 << i;
      const step = strides[i]!;
      if (mask("shrink_axis_mask") & bit) {
        shrink.push(i);
        starts.push(b);
        ends.push(b === -1 ? BIG : b + 1);
        return;
      }
      starts.push(mask("begin_mask") & bit ? (step > 0 ? 0 : BIG) : b);
      ends.push(mask("end_mask") & bit ? (step > 0 ? BIG : -BIG) : end[i]!);
    });
    const axes = begin.map((_, i) => i);
    const sliced = this.onnx.node(
      "Slice",
      [this.tfLayout(x), this.onnx.int64s(`${node.name}#starts`, starts), this.onnx.int64s(`${node.name}#ends`, ends), this.onnx.int64s(`${node.name}#axes`, axes), this.onnx.int64s(`${node.name}#steps`, strides)],
      [shrink.length > 0 ? this.onnx.fresh(`${node.name}#sliced`) : node.name],
    );
    if (shrink.length > 0) this.onnx.node("Squeeze", [sliced, this.onnx.int64s(`${node.name}#shrink`, shrink)], [node.name]);
    this.set(node.name, node.name, "tf", x.rank - shrink.length, x.dtype);
  }
}
