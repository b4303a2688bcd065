// Offline evaluation of Shop the Look on a benchmark half whose gallery is already ingested in
// DATA_DIR (e.g. by the benchmark runner against a server that has since stopped). Runs the
// scenes in-process under each variant and prints objects found and product matches:
//   DATA_DIR=/path npm run eval-shop -- --data /work/shared/bench/data/dev [--limit N]
// Variants: with and without the class-agnostic fallback (SHOP_FALLBACK).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { data: { type: "string" }, limit: { type: "string" } } });
if (!values.data || !process.env.DATA_DIR) {
  console.error("usage: DATA_DIR=<ingested data dir> npm run eval-shop -- --data <bench half folder> [--limit N]");
  process.exit(2);
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
interface SceneItem {
  file: string;
  objects: { group: string; box: Box }[];
}

const { shopScene } = await import("@/lib/server/shop");
const { closeServerContext } = await import("@/lib/server/context");
const { iou } = await import("@/lib/detect/boxes");

const dataDir = path.resolve(values.data);
const readJsonl = <T>(file: string): T[] =>
  readFileSync(path.join(dataDir, file), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
// The runner titles each pin after its gallery item, so a title names the group.
const groupOfTitle = new Map(readJsonl<{ title: string; group: string }>("gallery.jsonl").map((g) => [g.title, g.group]));
const scenes = readJsonl<SceneItem>("scenes.jsonl").slice(0, Number(values.limit ?? Infinity));

const centreInside = (r: Box, g: Box) => {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  return cx >= g.x && cx <= g.x + g.w && cy >= g.y && cy <= g.y + g.h;
};
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

async function run(fallback: boolean): Promise<string> {
  // The detector is part of the server context and reads SHOP_FALLBACK when the context is built.
  await closeServerContext();
  process.env.SHOP_FALLBACK = fallback ? "1" : "0";
  const crit = { iou: { found: 0, top1: 0, top5: 0 }, centre: { found: 0, top1: 0, top5: 0 } };
  let gt = 0;
  let returned = 0;
  const took: number[] = [];
  for (const scene of scenes) {
    const answer = await shopScene(new Uint8Array(readFileSync(path.join(dataDir, scene.file))), { k: 5 });
    took.push(answer.tookMs);
    returned += answer.objects.length;
    for (const truth of scene.objects) {
      gt++;
      for (const [name, test] of [["iou", (b: Box) => iou(b, truth.box) >= 0.5], ["centre", (b: Box) => centreInside(b, truth.box)]] as const) {
        const hits = answer.objects.filter((o) => test(o.box));
        if (hits.length === 0) continue;
        const best = hits.reduce((a, b) => (iou(b.box, truth.box) > iou(a.box, truth.box) ? b : a));
        const groups = best.products.slice(0, 5).map((p) => groupOfTitle.get(p.pin.title));
        crit[name].found++;
        if (groups[0] === truth.group) crit[name].top1++;
        if (groups.includes(truth.group)) crit[name].top5++;
      }
    }
  }
  const cell = (c: { found: number; top1: number; top5: number }) => `${pct(c.found, gt)} found, @1 ${pct(c.top1, c.found)}, @5 ${pct(c.top5, c.found)}`;
  return `fallback=${fallback ? "on " : "off"}  objects/scene ${(returned / scenes.length).toFixed(2)} | IoU≥.5: ${cell(crit.iou)} | centre: ${cell(crit.centre)} | took p50 ${quantile(took, 0.5).toFixed(0)} ms, p95 ${quantile(took, 0.95).toFixed(0)} ms`;
}

console.log(`${scenes.length} scenes`);
for (const fallback of [true, false]) console.log(await run(fallback));
// The store and the index keep handles open; the figures are printed, so end here.
process.exit(0);
