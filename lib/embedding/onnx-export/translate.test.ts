import { describe, expect, it } from "vitest";
import type { ModelJson } from "../graph-loader";
import { OnnxGraph } from "./onnx-graph";
import { TfGraph } from "./tf-graph";
import { GraphTranslator } from "./translate";

const shape = (dims: number[]) => ({ shape: { dim: dims.map((d) => ({ size: String(d) })) } });

function graph(nodes: ModelJson["modelTopology"]["node"], weights: ModelJson["weightsManifest"][number]["weights"] = [], bytes = new Uint8Array()): TfGraph {
  return new TfGraph({ modelTopology: { node: nodes }, weightsManifest: [{ paths: [], weights }] }, bytes);
}

const input = { name: "x", op: "Placeholder", attr: { shape: shape([1, 4, 4, 3]), dtype: { type: "DT_FLOAT" } } };

function translate(tf: TfGraph, outputs: string[]): void {
  const t = new GraphTranslator(tf, new OnnxGraph("test"));
  t.input("x", [1, 4, 4, 3]);
  t.translate(outputs);
}

describe("GraphTranslator", () => {
  it("refuses an op it does not cover, by name", () => {
    const tf = graph([input, { name: "y", op: "Atan2", input: ["x", "x"] } as never]);
    expect(() => translate(tf, ["y"])).toThrow(/Atan2 y: op Atan2 is not supported/);
  });

  it("refuses attributes it does not cover", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    const filter = { name: "w", shape: [1, 1, 3, 2], dtype: "float32" as const };
    const conv = {
      name: "c",
      op: "Conv2D",
      input: ["x", "w"],
      attr: { padding: { s: b64("EXPLICIT") }, strides: { list: { i: ["1", "1", "1", "1"] } }, data_format: { s: b64("NHWC") } },
    };
    const tf = graph([input, { name: "w", op: "Const" }, conv as never], [filter], new Uint8Array(24));
    expect(() => translate(tf, ["c"])).toThrow(/Conv2D c: padding EXPLICIT is not supported/);
  });

  it("translates only what the outputs need", () => {
    const tf = graph([input, { name: "r", op: "Relu", input: ["x"] } as never, { name: "unused", op: "Atan2", input: ["x", "x"] } as never]);
    expect(() => translate(tf, ["r"])).not.toThrow();
  });

  it("checks that the weight shards hold what the manifest lists", () => {
    expect(() => graph([input], [{ name: "w", shape: [4], dtype: "float32" }], new Uint8Array(8))).toThrow(/shards end before/);
    expect(() => graph([input], [{ name: "w", shape: [1], dtype: "float32" }], new Uint8Array(8))).toThrow(/4 bytes more/);
  });
});
