// Runs a tiny CNN that the test writes as ONNX through OnnxBackbone and the manifest embedder,
// and checks every number against the same network computed in plain JS on the same
// normalized pixels: a wrong axis order, normalization or pooling changes the result.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/image/types";
import { BackboneSpec, EmbeddingManifest, type InputSpec } from "./manifest";
import { loadFeatureExtractor, loadManifestEmbedder } from "./manifest-embedder";
import { nhwcToNchw, OnnxBackbone, poolPart } from "./onnx-backbone";
import { chooseProviders, chooseThreads, PROVIDERS_ENV } from "./onnx-session";
import { embeddingFromParts } from "./postprocess";
import { toModelInput } from "./preprocess";
import { TINY_CHANNELS, tinyOnnxModel, tinyReference } from "./testing/tiny-onnx";
import { float32ToBytes } from "./vectors";

const W = 12;
const H = 10;
const C = TINY_CHANNELS;
const input: InputSpec = { width: W, height: H, mean: [120, 110, 100], std: [60, 50, 40] };

/** Deterministic pixels with structure in every channel. */
function image(width: number, height: number, seed: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(128 + 127 * Math.sin(i * 0.37 + seed * 1.3 + (i % 3) * 2.1));
  return { data, width, height };
}

/** At the input size resampling is the identity, so the normalization is written out here. */
function normalizedByHand(img: RgbImage): Float32Array {
  return Float32Array.from(img.data, (v, i) => (v - input.mean[i % 3]!) / input.std[i % 3]!);
}

/** Pooled vector and channel-summed map of the plain-JS network on an NHWC input. */
function reference(x: Float32Array): { pooled: Float32Array; map: Float32Array } {
  const out = tinyReference(x, W, H);
  const pooled = new Float32Array(C);
  const map = new Float32Array(W * H);
  for (let p = 0; p < W * H; p++) {
    for (let c = 0; c < C; c++) {
      pooled[c]! += out[p * C + c]! / (W * H);
      map[p]! += Math.abs(out[p * C + c]!);
    }
  }
  return { pooled, map };
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const worst = actual.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i]!)), 0);
  expect(worst).toBeLessThan(1e-4);
}

function spec(layout: "nchw" | "nhwc", overrides: Partial<Record<string, unknown>> = {}): BackboneSpec {
  return BackboneSpec.parse({
    name: "tiny",
    format: "onnx",
    model: `models/tiny/${layout}.onnx`,
    licence: "test",
    inputNode: "images",
    layout,
    input,
    parts: [
      { name: "pooled", node: "pooled", pool: "none", dim: C },
      { name: "map-mean", node: "features_map", pool: "mean", dim: C },
    ],
    saliency: [{ name: "map", node: "features_map", threshold: "rel" }],
    ...overrides,
  });
}

let root: string;
const exact = image(W, H, 1);
const larger = image(31, 23, 2);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "glimpse-onnx-"));
  await mkdir(path.join(root, "models/tiny"), { recursive: true });
  await writeFile(path.join(root, "models/tiny/nchw.onnx"), tinyOnnxModel(undefined, "nchw"));
  await writeFile(path.join(root, "models/tiny/nhwc.onnx"), tinyOnnxModel(undefined, "nhwc"));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(["nchw", "nhwc"] as const)("OnnxBackbone, %s model", (layout) => {
  let backbone: OnnxBackbone;
  beforeAll(async () => {
    backbone = await OnnxBackbone.load(spec(layout), root);
  });
  afterAll(() => backbone?.dispose());

  it("matches the plain-JS network on hand-normalized pixels, pooled both ways", async () => {
    const [out] = await backbone.run([exact], true);
    const ref = reference(normalizedByHand(exact));
    expectClose(out!.parts[0]!, ref.pooled);
    expectClose(out!.parts[1]!, ref.pooled);
    const map = out!.maps.get("map")!;
    expect([map.width, map.height]).toEqual([W, H]);
    expectClose(map.values, ref.map);
  });

  it("keeps images apart in a batch and resizes through toModelInput", async () => {
    const outs = await backbone.run([larger, exact], true);
    expect(outs).toHaveLength(2);
    expectClose(outs[0]!.parts[1]!, reference(toModelInput(larger, input)).pooled);
    expectClose(outs[1]!.parts[1]!, reference(normalizedByHand(exact)).pooled);
    expect(outs[0]!.parts[1]).not.toEqual(outs[1]!.parts[1]);
  });

  it("reads no maps unless asked", async () => {
    const [out] = await backbone.run([exact], false);
    expect(out!.maps.size).toBe(0);
    expect(out!.parts).toHaveLength(2);
  });
});

describe("OnnxBackbone checks the model against its manifest", () => {
  it("names a missing output and lists the real ones", async () => {
    const bad = spec("nchw", { parts: [{ name: "logits", node: "logits", pool: "none", dim: 1000 }] });
    await expect(OnnxBackbone.load(bad, root)).rejects.toThrow(/part logits reads output "logits".*outputs: features_map, pooled/);
  });

  it("rejects a part dim that the output does not have", async () => {
    const bad = spec("nchw", { parts: [{ name: "pooled", node: "pooled", pool: "none", dim: 8 }] });
    await expect(OnnxBackbone.load(bad, root)).rejects.toThrow(/part pooled has dim 8 in the manifest, output "pooled" is \[batch, 4\]/);
    const badMap = spec("nchw", { parts: [{ name: "m", node: "features_map", pool: "mean", dim: 5 }] });
    await expect(OnnxBackbone.load(badMap, root)).rejects.toThrow(/part m has dim 5/);
  });

  it("names a missing input", async () => {
    await expect(OnnxBackbone.load(spec("nchw", { inputNode: "pixels" }), root)).rejects.toThrow(/no input "pixels"; inputs: images/);
  });

  it("catches a layout that does not fit the input", async () => {
    const bad = { ...spec("nhwc"), model: "models/tiny/nchw.onnx" };
    await expect(OnnxBackbone.load(bad, root)).rejects.toThrow(/input "images" \[batch, 3, height, width\] has height 3/);
  });

  it("says when the dim is only wrong at run time", () => {
    const t = { data: new Float32Array(2 * 6 * 2 * 2), dims: [2, 6, 2, 2] };
    expect(() => poolPart(t, { name: "p", node: "x", pool: "mean", dim: 4 }, "nchw", "tiny/p")).toThrow(/tiny\/p: expected 4 channels, got 6/);
    expect(() => poolPart(t, { name: "p", node: "x", pool: "none", dim: 4 }, "nchw", "tiny/p")).toThrow(/expected 4 values per image, got 24/);
  });

  it("pools a map by GeM, clamping it at 0, in either layout", () => {
    // One image, 2 channels over a 2 × 2 map: channel 0 holds 1, 2, 3, −1 (clamped to 0); channel 1 holds 2 everywhere.
    const nchw = { data: Float32Array.of(1, 2, 3, -1, 2, 2, 2, 2), dims: [1, 2, 2, 2] };
    const nhwc = { data: Float32Array.of(1, 2, 2, 2, 3, 2, -1, 2), dims: [1, 2, 2, 2] };
    const gem = { name: "p", node: "x", pool: "gem" as const, power: 3, dim: 2 };
    for (const [t, layout] of [[nchw, "nchw"], [nhwc, "nhwc"]] as const) {
      const [pooled] = poolPart(t, gem, layout, "tiny/p");
      expect(pooled![0]).toBeCloseTo(Math.cbrt((1 + 8 + 27) / 4), 5);
      expect(pooled![1]).toBeCloseTo(2, 5);
      expect(poolPart(t, { ...gem, pool: "mean", power: undefined }, layout, "tiny/p")[0]![0]).toBeCloseTo(5 / 4, 5);
    }
  });

  it("allows nchw only for onnx backbones", () => {
    expect(() => spec("nchw", { format: "tfjs-graph" })).toThrow(/needs format .*onnx/);
  });
});

describe("execution providers", () => {
  it("prefers CUDA when installed, else CPU, and takes an override as given", () => {
    expect(chooseProviders(undefined, true)).toEqual({ providers: ["cuda", "cpu"], fallback: true });
    expect(chooseProviders(undefined, false)).toEqual({ providers: ["cpu"], fallback: false });
    expect(chooseProviders(" cuda , cpu ", false)).toEqual({ providers: ["cuda", "cpu"], fallback: false });
    expect(chooseProviders("", true).providers).toEqual(["cuda", "cpu"]);
  });

  it("gives each session half the cores unless told otherwise", () => {
    expect(chooseThreads(undefined, 2)).toBe(1);
    expect(chooseThreads(undefined, 1)).toBe(1);
    expect(chooseThreads("", 16)).toBe(8);
    expect(chooseThreads("2", 2)).toBe(2);
    expect(() => chooseThreads("two", 2)).toThrow(/GLIMPSE_ONNX_THREADS=two: expected a positive integer/);
    expect(() => chooseThreads("0", 2)).toThrow(/positive integer/);
  });

  it("uses the providers named in the environment and reports a bad one", async () => {
    const saved = process.env[PROVIDERS_ENV];
    try {
      process.env[PROVIDERS_ENV] = "cpu";
      const b = await OnnxBackbone.load(spec("nchw"), root);
      expect(b.providers).toEqual(["cpu"]);
      b.dispose();
      process.env[PROVIDERS_ENV] = "nosuchprovider";
      await expect(OnnxBackbone.load(spec("nchw"), root)).rejects.toThrow(/could not load models\/tiny\/nchw.onnx on \[nosuchprovider\]/);
    } finally {
      if (saved === undefined) delete process.env[PROVIDERS_ENV];
      else process.env[PROVIDERS_ENV] = saved;
    }
  });

  it("ends on CPU whatever it tried first", async () => {
    const b = await OnnxBackbone.load(spec("nchw"), root);
    expect(b.providers.at(-1)).toBe("cpu");
    b.dispose();
  });

  it("lays a batch out channel-first", () => {
    // Two 1×2 images with 3 channels: pixel values encode (image, pixel, channel).
    const src = Float32Array.from([0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112]);
    expect(Array.from(nhwcToNchw(src, 2, 1, 2, 3))).toEqual([0, 10, 1, 11, 2, 12, 100, 110, 101, 111, 102, 112]);
  });
});

describe("ManifestEmbedder on an ONNX backbone", () => {
  const dim = 3;
  const featureLen = 2 * C;
  const mean = Float32Array.from({ length: featureLen }, (_, i) => 0.05 * i);
  const projection = Float32Array.from({ length: dim * featureLen }, (_, i) => Math.cos(i * 0.9));
  let modelDir: string;
  let manifest: EmbeddingManifest;

  beforeAll(async () => {
    modelDir = path.join(root, "models/tiny");
    manifest = EmbeddingManifest.parse({
      id: "tiny-onnx",
      version: 1,
      dim,
      minRelevantScore: 0.2,
      backbones: [spec("nchw")],
      postprocess: {
        sqrt: true,
        mean: { file: "mean.f32.bin", shape: [featureLen] },
        projection: { file: "projection.f32.bin", shape: [dim, featureLen] },
      },
      queryViews: { saliency: ["map"], margin: 0.1 },
    });
    await writeFile(path.join(modelDir, "manifest.json"), JSON.stringify(manifest));
    await writeFile(path.join(modelDir, "mean.f32.bin"), float32ToBytes(mean));
    await writeFile(path.join(modelDir, "projection.f32.bin"), float32ToBytes(projection));
  });

  it("FeatureExtractor gives the reference parts and maps", async () => {
    const extractor = await loadFeatureExtractor(manifest, root);
    try {
      const [f] = await extractor.features([exact], true);
      const ref = reference(normalizedByHand(exact));
      expect(f!.parts).toHaveLength(2);
      expectClose(f!.parts[0]!, ref.pooled);
      expectClose(f!.parts[1]!, ref.pooled);
      expectClose(f!.maps.get("map")!.values, ref.map);
    } finally {
      extractor.dispose();
    }
  });

  it("applies the manifest's head to the reference parts", async () => {
    const embedder = await loadManifestEmbedder(modelDir, root);
    try {
      const ref = reference(normalizedByHand(exact)).pooled;
      const expected = embeddingFromParts([ref, ref], { sqrt: true, mean, projection, dim });
      const v = await embedder.embed(exact);
      expect(embedder.model).toBe("tiny-onnx@1");
      expectClose(v, expected);
      const views = await embedder.embedQuery(larger);
      expect(views.length).toBeGreaterThanOrEqual(1);
      expect(views.length).toBeLessThanOrEqual(2);
      expectClose(views[0]!, await embedder.embed(larger));
    } finally {
      embedder.dispose();
    }
  });
});
