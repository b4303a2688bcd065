// Offline evaluation of the image embedder on a benchmark half; prints a table.
//   npm run eval-embedding -- --data /work/shared/bench/data/dev [--model glimpse-concat-pca256] [--no-speed]
// Features are cached under --cache (default /tmp/glimpse-embedding-cache), so reruns are fast.
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    model: { type: "string", default: "glimpse-concat-pca256" },
    cache: { type: "string", default: "/tmp/glimpse-embedding-cache" },
    "no-speed": { type: "boolean", default: false },
  },
});
if (!values.data) {
  console.error("usage: npm run eval-embedding -- --data <bench half folder>");
  process.exit(2);
}
const { evaluateBench, measureSpeed } = await import("@/lib/embedding/offline/bench-eval");
const root = process.cwd();
const modelDir = path.join(root, "models", values.model);
const rows = await evaluateBench(modelDir, root, values.data, values.cache);
const f = (x: number) => x.toFixed(3);
console.log("\n| embedding | query | dim | clean R@1 | clean R@10 | clean mAP@10 | camera R@1 | camera R@10 | camera mAP@10 |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.embedding} | ${r.views} | ${r.dim} | ${r.clean.map(f).join(" | ")} | ${r.camera.map(f).join(" | ")} |`);
if (!values["no-speed"]) {
  const speed = await measureSpeed(modelDir, root, values.data);
  console.log("\n| model time per image, median, 1 WASM thread | ms |\n|---|---|");
  for (const [k, v] of Object.entries(speed)) console.log(`| ${k} | ${v} |`);
}
