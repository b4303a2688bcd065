// A TF.js graph model as the converter reads it: its nodes by name, with attributes decoded, and
// its constants as stored — quantized weights stay quantized (uint8 with min/scale, or float16
// bits), so the ONNX file can keep them that small and dequantize them as TF.js does.
import type { ModelJson } from "../graph-loader";

export type TfDtype = "float32" | "int32" | "bool";

export interface TfConst {
  name: string;
  shape: number[];
  dtype: TfDtype;
  /** How the bytes are stored. */
  storage:
    | { kind: "float32"; values: Float32Array }
    | { kind: "int32"; values: Int32Array }
    /** value = q · scale + min, as TF.js decodes it. */
    | { kind: "uint8"; values: Uint8Array; min: number; scale: number }
    /** IEEE half-precision bits. */
    | { kind: "float16"; bits: Uint16Array };
}

export interface TfNode {
  name: string;
  op: string;
  /** Data inputs as "node" or "node:k"; control inputs ("^node") are dropped. */
  inputs: string[];
  attr: Record<string, TfAttr>;
}

/** The attribute shapes TF.js model JSON uses. */
export interface TfAttr {
  i?: string;
  f?: number;
  b?: boolean;
  s?: string;
  type?: string;
  list?: { i?: string[]; s?: string[] };
  shape?: { dim?: Array<{ size: string }> };
}

export class TfGraph {
  readonly nodes = new Map<string, TfNode>();
  readonly consts = new Map<string, TfConst>();

  constructor(json: ModelJson, weights: Uint8Array) {
    for (const n of json.modelTopology.node) {
      const inputs = ((n as { input?: string[] }).input ?? []).filter((i) => !i.startsWith("^"));
      this.nodes.set(n.name, { name: n.name, op: n.op, inputs, attr: (n.attr ?? {}) as Record<string, TfAttr> });
    }
    let offset = 0;
    for (const w of json.weightsManifest.flatMap((g) => g.weights)) {
      const count = w.shape.reduce((a, b) => a * b, 1);
      const take = (bytesPer: number): Uint8Array => {
        const out = weights.slice(offset, offset + count * bytesPer);
        if (out.length !== count * bytesPer) throw new Error(`weight ${w.name}: the shards end before its ${count} values`);
        offset += count * bytesPer;
        return out;
      };
      const dtype = w.dtype as string;
      if (dtype !== "float32" && dtype !== "int32") throw new Error(`weight ${w.name}: dtype ${dtype} is not supported`);
      const q = w.quantization;
      let storage: TfConst["storage"];
      if (!q) {
        const raw = take(4);
        storage = dtype === "float32" ? { kind: "float32", values: new Float32Array(raw.buffer) } : { kind: "int32", values: new Int32Array(raw.buffer) };
      } else if (q.dtype === "uint8" && dtype === "float32" && q.min !== undefined && q.scale !== undefined) {
        storage = { kind: "uint8", values: take(1), min: q.min, scale: q.scale };
      } else if (q.dtype === "float16" && dtype === "float32") {
        storage = { kind: "float16", bits: new Uint16Array(take(2).buffer) };
      } else {
        throw new Error(`weight ${w.name}: ${q.dtype} quantization of ${dtype} is not supported`);
      }
      this.consts.set(w.name, { name: w.name, shape: [...w.shape], dtype, storage });
    }
    if (offset !== weights.length) throw new Error(`the weight shards hold ${weights.length - offset} bytes more than the manifest lists`);
  }

  node(name: string): TfNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`the graph has no node ${name}`);
    return n;
  }

  /** The nodes the outputs depend on, inputs before the nodes that read them. */
  subgraph(outputs: readonly string[]): TfNode[] {
    const order: TfNode[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (name: string) => {
      const s = state.get(name);
      if (s === "done") return;
      if (s === "visiting") throw new Error(`the graph has a cycle through ${name}`);
      state.set(name, "visiting");
      const node = this.node(name);
      for (const input of node.inputs) visit(nodeName(input));
      state.set(name, "done");
      order.push(node);
    };
    for (const o of outputs) visit(o);
    return order;
  }
}

/** "node:1" → "node". */
export function nodeName(input: string): string {
  const colon = input.lastIndexOf(":");
  return colon > 0 && /^\d+$/.test(input.slice(colon + 1)) ? input.slice(0, colon) : input;
}

/** "node:1" → 1, "node" → 0. */
export function outputIndex(input: string): number {
  const colon = input.lastIndexOf(":");
  return colon > 0 && /^\d+$/.test(input.slice(colon + 1)) ? Number(input.slice(colon + 1)) : 0;
}

export const attrInts = (a: TfAttr | undefined): number[] => (a?.list?.i ?? []).map(Number);
export const attrString = (a: TfAttr | undefined): string => (a?.s ? Buffer.from(a.s, "base64").toString("utf8") : "");
export const attrStrings = (a: TfAttr | undefined): string[] => (a?.list?.s ?? []).map((s) => Buffer.from(s, "base64").toString("utf8"));
