// Image search on phone photos of catalog pictures, through the API: each of N demo-catalog
// products printed on a card on each of the catalog's photos, small and larger (scripts/lib/
// phone-photo.ts), searched three ways: the picture alone (a box over all of it), as the app
// searches a whole picture (its own views and its objects'), and the card's box. The app must
// hold the demo catalog (npm start makes one); the background photos are pins too, as a photo's
// background often looks like some pin.
//   npm run eval-phone-photos -- --base http://127.0.0.1:3000 [--products 16]
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Box } from "@/lib/contracts";
import { CatalogLine } from "./lib/catalog-source";
import { phonePhoto } from "./lib/phone-photo";

const { values } = parseArgs({ options: { base: { type: "string" }, products: { type: "string", default: "16" } } });
if (!values.base) {
  console.error("usage: npm run eval-phone-photos -- --base <app URL> [--products N]");
  process.exit(2);
}
const catalog = "catalog/demo";
const lines = readFileSync(path.join(catalog, "catalog.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => CatalogLine.parse(JSON.parse(l)));
const photos = lines.filter((l) => l.category === "Photography");
const candidates = lines.filter((l) => l.category !== "Photography" && l.category !== "Scenes");
const step = Math.floor(candidates.length / Number(values.products));
const products = candidates.filter((_, i) => i % step === 0).slice(0, Number(values.products));
const backgrounds = [0, 1, 2].map((i) => photos[Math.floor((i * photos.length) / 3)]!);

interface Found {
  /** 1-based rank of the product, Infinity when not in the results. */
  rank: number;
  /** How many results pass the model's relevance cut-off (shown before "show less similar"). */
  shown: number;
}

async function search(jpeg: Buffer, title: string, box?: Box): Promise<Found> {
  const body = new FormData();
  body.set("image", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "photo.jpg");
  body.set("k", "24");
  if (box) body.set("box", JSON.stringify(box));
  const response = await fetch(`${values.base}/api/search`, { method: "POST", body });
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  const { results, minRelevantScore = 0 } = (await response.json()) as { results: { score: number; pin: { title: string } }[]; minRelevantScore?: number };
  const i = results.findIndex((r) => r.pin.title === title);
  return { rank: i < 0 ? Infinity : i + 1, shown: results.filter((r) => r.score >= minRelevantScore).length };
}

const WAYS = ["picture alone", "whole picture (shipped)", "the card's box"] as const;
const found = new Map<string, Found[]>();
const timings: number[] = [];
for (const share of [0.3, 0.45]) {
  for (const product of products) {
    for (const background of backgrounds) {
      const { jpeg, box } = await phonePhoto(path.join(catalog, product.file), path.join(catalog, background.file), { share });
      const started = performance.now();
      const shipped = await search(jpeg, product.title!);
      timings.push(performance.now() - started);
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
timings.sort((a, b) => a - b);
console.log(`\nwhole-picture search, client latency p50 ${timings[Math.floor(timings.length / 2)]!.toFixed(0)} ms`);
