// Image search on phone photos of catalog pictures, through the API: each of N demo-catalog
// products printed on a card on each of the catalog's photos, small and larger (scripts/lib/
// phone-photo.ts), searched three ways: the picture alone (a box over all of it), as the app
// searches a whole picture (the objects it finds, which it names), and the card's box. Also how
// often the first object the app names, the one it shows as the box, is the card. The app must
// hold the demo catalog (npm start makes one); the background photos are pins too, as a photo's
// background often looks like some pin.
// Then the relevance cut-off: the same photos of objects the catalog does not hold (drawings of
// the concepts the embedding's training held out, from Debian's icon themes) show how many
// unrelated results pass it, and a table of cut-offs shows what each would keep and hide,
// chosen on two of the photographs and reported on the third.
//   npm run eval-phone-photos -- --base http://127.0.0.1:3000 [--products 16] [--unknown 48]
import path from "node:path";
import { parseArgs } from "node:util";
import type { Box } from "@/lib/contracts";
import { iou } from "@/lib/detect/boxes";
import { conceptIcons, conceptNames, isHeldOutConcept, renderIcon } from "@/training/concept-icons";
import { PHONE_PHOTO_CATALOG as catalog, phonePhoto, phonePhotoSet } from "./lib/phone-photo";

const { values } = parseArgs({ options: { base: { type: "string" }, products: { type: "string", default: "16" }, unknown: { type: "string", default: "48" } } });
if (!values.base) {
  console.error("usage: npm run eval-phone-photos -- --base <app URL> [--products N] [--unknown N]");
  process.exit(2);
}
const { products, backgrounds } = phonePhotoSet(Number(values.products));

interface Found {
  /** 1-based rank of the product, Infinity when not in the results. */
  rank: number;
  /** How many results pass the model's relevance cut-off (shown before "show less similar"). */
  shown: number;
  /** The objects the app searched, when it looked for them. */
  objectBoxes: Box[];
  /** Every result's score, best first, and the product's (null when not among them). */
  scores: number[];
  productScore: number | null;
  /** The cut-off the answer came with. */
  cutOff: number;
  /** The background photograph's index. */
  background?: number;
}

async function search(jpeg: Buffer, title: string, box?: Box): Promise<Found> {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "photo.jpg");
  body.set("k", "24");
  if (box) body.set("box", JSON.stringify(box));
  const response = await fetch(`${values.base}/api/search`, { method: "POST", body });
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  const answer = (await response.json()) as { results: { score: number; pin: { title: string } }[]; minRelevantScore?: number; objectBoxes?: Box[] };
  const { results, minRelevantScore = 0, objectBoxes = [] } = answer;
  const i = results.findIndex((r) => r.pin.title === title);
  return {
    rank: i < 0 ? Infinity : i + 1,
    shown: results.filter((r) => r.score >= minRelevantScore).length,
    objectBoxes,
    scores: results.map((r) => r.score),
    productScore: i < 0 ? null : results[i]!.score,
    cutOff: minRelevantScore,
  };
}

const WAYS = ["picture alone", "whole picture (shipped)", "the card's box"] as const;
const found = new Map<string, Found[]>();
const timings: number[] = [];
/** Per card size: [searched by objects, first object is the card, some object is the card, photos]. */
const boxes = new Map<number, [number, number, number, number]>();
const SHARES = [0.3, 0.45];
for (const share of SHARES) {
  for (const product of products) {
    for (const [b, background] of backgrounds.entries()) {
      const { jpeg, box } = await phonePhoto(path.join(catalog, product.file), path.join(catalog, background.file), { share });
      const started = performance.now();
      const shipped = { ...(await search(jpeg, product.title!)), background: b };
      timings.push(performance.now() - started);
      const counts = boxes.get(share) ?? [0, 0, 0, 0];
      const [first] = shipped.objectBoxes;
      boxes.set(share, [
        counts[0] + (first ? 1 : 0),
        counts[1] + (first && iou(first, box) >= 0.5 ? 1 : 0),
        counts[2] + (shipped.objectBoxes.some((b) => iou(b, box) >= 0.5) ? 1 : 0),
        counts[3] + 1,
      ]);
      const ways = [await search(jpeg, product.title!, { x: 0, y: 0, w: 1, h: 1 }), shipped, await search(jpeg, product.title!, box)];
      WAYS.forEach((way, i) => {
        const key = `${share}|${way}`;
        found.set(key, [...(found.get(key) ?? []), ways[i]!]);
      });
    }
  }
}

const share = (fs: Found[], test: (f: Found) => boolean) => (fs.filter(test).length / fs.length).toFixed(3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${products.length} products × ${backgrounds.length} photos per size (${backgrounds.map((b) => path.basename(b.file)).join(", ")})\n`);
console.log("| card size (share of the frame's height) | searched | R@1 | R@5 | R@10 | product shown (above the cut-off) | results shown, median |");
console.log("|---|---|---|---|---|---|---|");
for (const [key, fs] of found) {
  const [size, way] = key.split("|");
  const at = (k: number) => share(fs, (f) => f.rank <= k);
  const shownProduct = share(fs, (f) => f.rank <= f.shown);
  console.log(`| ${size} | ${way} | ${at(1)} | ${at(5)} | ${at(10)} | ${shownProduct} | ${median(fs.map((f) => f.shown))} |`);
}
for (const [size, [searched, first, some, photos]] of boxes) {
  console.log(`\ncard ${size}: searched by objects ${searched}/${photos}; the first object (the box shown) is the card (IoU ≥ 0.5) in ${first}, some object in ${some}`);
}
timings.sort((a, b) => a - b);
console.log(`\nwhole-picture search, client latency p50 ${timings[Math.floor(timings.length / 2)]!.toFixed(0)} ms`);

// Objects not in the catalog: one drawing of each held-out concept, evenly spread.
const icons = conceptIcons();
const heldOut = conceptNames(icons).filter((_, i) => isHeldOutConcept(i));
const step = Math.max(1, Math.floor(heldOut.length / Number(values.unknown)));
const unknown = heldOut.filter((_, i) => i % step === 0).slice(0, Number(values.unknown)).map((c) => icons.find((i) => i.concept === c)!);
if (unknown.length === 0) {
  console.log("\nno icon themes installed: the cut-off is not measured on objects outside the catalog");
  process.exit(0);
}
const strangers: Found[] = [];
// Each drawing is rendered once, for every card size.
const drawings = await Promise.all(unknown.map((icon) => renderIcon(icon.file)));
for (const share of SHARES) {
  for (const drawing of drawings) {
    for (const [b, background] of backgrounds.entries()) {
      const { jpeg } = await phonePhoto(drawing, path.join(catalog, background.file), { share });
      strangers.push({ ...(await search(jpeg, "")), background: b });
    }
  }
}
const known = SHARES.flatMap((s) => found.get(`${s}|${WAYS[1]}`)!);
const above = (f: Found, cut: number) => f.scores.filter((s) => s >= cut).length;
const productShown = (fs: Found[], cut: number) => fs.filter((f) => f.productScore !== null && f.productScore >= cut).length / fs.length;
const cutOffRow = (label: string, cut: number, only: (f: Found) => boolean) => {
  const k = known.filter(only);
  const u = strangers.filter(only);
  return `| ${label} | ${cut.toFixed(3)} | ${productShown(k, cut).toFixed(3)} | ${median(k.map((f) => above(f, cut)))} | ${median(u.map((f) => above(f, cut)))} | ${(u.filter((f) => above(f, cut) === 0).length / u.length).toFixed(3)} |`;
};
const header = "| | cut-off | product shown | results shown, median | unrelated results shown, median | photos of unknown objects with nothing shown |\n|---|---|---|---|---|---|";
const choosing = (f: Found) => f.background !== backgrounds.length - 1;
const reporting = (f: Found) => !choosing(f);
const cuts = Array.from({ length: 25 }, (_, i) => 0.2 + 0.0125 * i);
console.log(`\n${unknown.length} objects not in the catalog (${unknown.map((u) => u.concept).join(", ")}), photographed as above\n`);
console.log(`Cut-offs on the photographs ${backgrounds.slice(0, -1).map((b) => path.basename(b.file)).join(", ")} (choosing):\n\n${header}`);
for (const cut of cuts) console.log(cutOffRow("", cut, choosing));
// The highest cut-off that still shows the product in 95 % of the photos where it is found.
const base = productShown(known.filter(choosing), 0);
const chosen = cuts.filter((cut) => productShown(known.filter(choosing), cut) >= 0.95 * base).at(-1)!;
console.log(`\nOn ${path.basename(backgrounds.at(-1)!.file)} (reporting):\n\n${header}`);
console.log(cutOffRow("as served", known[0]!.cutOff, reporting));
console.log(cutOffRow("chosen: keeps the product in 95 % of the photos that find it", chosen, reporting));
