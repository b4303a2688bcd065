// Shop the Look on the demo catalog's own data, for choosing how scenes pick their objects
// without touching the benchmark: the composed scenes with the boxes they were built with, and
// plain single-object pins, where more than one dot is a wrong dot. Runs in-process on a
// DATA_DIR that holds the ingested demo catalog (`npm start` makes one), once per policy:
//   DATA_DIR=./data npm run eval-shop-demo [-- --plain 100]
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Box } from "@/lib/contracts";

const { values } = parseArgs({ options: { plain: { type: "string", default: "100" } } });
if (!process.env.DATA_DIR) {
  console.error("usage: DATA_DIR=<data dir with the demo catalog> npm run eval-shop-demo [-- --plain N]");
  process.exit(2);
}

interface CatalogLine {
  file: string;
  title: string;
  category: string;
  kind: string;
  objects?: { file: string; box: Box }[];
}

const { shopScene } = await import("@/lib/server/shop");
type ShopPolicy = import("@/lib/server/shop").ShopPolicy;
const { iou } = await import("@/lib/detect/boxes");
const demo = path.join(process.cwd(), "catalog/demo");
const lines = readFileSync(path.join(demo, "catalog.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as CatalogLine);
const titleOf = new Map(lines.map((l) => [l.file, l.title]));
const scenes = lines.filter((l) => l.objects);
// Single-object clip art: everything but the scenes and the photographs, evenly sampled.
const singles = lines.filter((l) => !l.objects && l.category !== "Photography");
const step = Math.max(1, Math.floor(singles.length / Number(values.plain)));
const plain = singles.filter((_, i) => i % step === 0).slice(0, Number(values.plain));

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "n/a");

async function evaluate(policy: ShopPolicy): Promise<string> {
  const shop = async (file: string) => (await shopScene(new Uint8Array(readFileSync(path.join(demo, file))), { k: 5 }, policy)).objects;
  let truths = 0;
  let found = 0;
  let top5 = 0;
  let dots = 0;
  let onObject = 0;
  for (const scene of scenes) {
    const objects = await shop(scene.file);
    dots += objects.length;
    onObject += objects.filter((o) => scene.objects!.some((t) => inside(centre(o.box), t.box))).length;
    for (const truth of scene.objects!) {
      truths++;
      const hits = objects.filter((o) => inside(centre(o.box), truth.box));
      if (hits.length === 0) continue;
      found++;
      const best = hits.reduce((a, b) => (iou(b.box, truth.box) > iou(a.box, truth.box) ? b : a));
      if (best.products.slice(0, 5).some((p) => p.pin.title === titleOf.get(truth.file))) top5++;
    }
  }
  let wrong = 0;
  let none = 0;
  let plainDots = 0;
  for (const pin of plain) {
    const objects = await shop(pin.file);
    plainDots += objects.length;
    if (objects.length > 1) wrong++;
    if (objects.length === 0) none++;
  }
  return (
    `| ${policy.relevantOnly ? "yes" : "no"} | ${policy.wholePictureMatch ? "yes" : "no"} | ${policy.plainBackground ? "yes" : "no"} | ${pct(found, truths)} | ${pct(onObject, dots)} | ${pct(top5, found)} | ` +
    `${(dots / scenes.length).toFixed(2)} | ${pct(wrong, plain.length)} | ${pct(none, plain.length)} | ${(plainDots / plain.length).toFixed(2)} |`
  );
}

console.log(`${scenes.length} demo scenes (${scenes.reduce((s, x) => s + x.objects!.length, 0)} objects), ${plain.length} plain pins\n`);
console.log("| relevant only | whole-picture match | plain background | scenes: found (centre) | dot precision | top-5 among found | dots/scene | plain: wrong dots | plain: no dot | dots/plain pin |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
const policies: ShopPolicy[] = [
  { relevantOnly: false, wholePictureMatch: false, plainBackground: false },
  { relevantOnly: true, wholePictureMatch: false, plainBackground: false },
  { relevantOnly: true, wholePictureMatch: true, plainBackground: false },
  { relevantOnly: true, wholePictureMatch: false, plainBackground: true },
  { relevantOnly: true, wholePictureMatch: true, plainBackground: true },
];
for (const policy of policies) console.log(await evaluate(policy));
// The store and the index keep handles open; the figures are printed, so end here.
process.exit(0);
