// Offline evaluation of the image embedder (and the on-device student against it) on a
// benchmark half; prints markdown tables.
//   npm run eval-embedding -- --data ../shared/bench/data/dev [--model glimpse-unified] [--student glimpse-student] [--no-speed]
// Features are cached under --cache (default .cache/eval), so reruns are fast.
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    model: { type: "string", default: "glimpse-unified" },
    student: { type: "string" },
    cache: { type: "string", default: ".cache/eval" },
    "no-speed": { type: "boolean", default: false },
  },
});
if (!values.data) {
  console.error("usage: npm run eval-embedding -- --data <bench half folder> [--model <dir>] [--student <dir>]");
  process.exit(2);
}
const { evaluateBench, measureSpeed } = await import("@/training/eval/bench-eval");
const root = process.cwd();
const modelDir = path.join(root, "models", values.model);
const studentDir = values.student ? path.join(root, "models", values.student) : undefined;
const rows = await evaluateBench(modelDir, root, values.data, path.resolve(values.cache), studentDir);
const f = (x: number) => x.toFixed(3);
console.log("\n| embedding | query views | dim | clean R@1 | clean R@10 | clean mAP@10 | camera R@1 | camera R@10 | camera mAP@10 |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.embedding} | ${r.views} | ${r.dim} | ${r.clean.map(f).join(" | ")} | ${r.camera.map(f).join(" | ")} |`);
if (!values["no-speed"]) {
  const speed = await measureSpeed(modelDir, root, values.data, 20, studentDir);
  console.log("\n| model time per image, median, Node, 1 WASM thread | ms |\n|---|---|");
  for (const [k, v] of Object.entries(speed)) console.log(`| ${k} | ${v} |`);
}
