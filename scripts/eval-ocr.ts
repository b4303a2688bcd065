// `npm run eval-ocr -- [--images 60] [--seed 7]`: how many of the words drawn into pictures the
// word reader finds. Each picture is one of the demo catalog's photographs with 1–3 lines of
// everyday words drawn on it at a seeded size (14–64 px), font (DejaVu or Liberation, sans,
// serif or mono) and angle (up to ±12°), half on a label and half straight on the photo, then
// JPEG-compressed. Prints word recall by size, on labels and on photos, and the time per
// picture. A measurement: it asserts nothing.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { WordReader } from "@/lib/ocr/word-reader";
import { seededRandom } from "@/lib/random";

const { values } = parseArgs({ options: { images: { type: "string", default: "60" }, seed: { type: "string", default: "7" } } });
const random = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const WORDS = ("coffee organic market kitchen garden summer winter sale fresh bakery lemon honey cotton linen " +
  "classic vintage modern travel camera guitar bicycle coat boots candle ceramic wooden silver forest ocean " +
  "sunset mountain pasta tomato basil pepper chocolate vanilla morning evening weekend holiday studio gallery").split(" ");
const FONTS = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Liberation Sans", "Liberation Serif"];
const photos = readdirSync("catalog/demo/images").filter((f) => f.startsWith("photography-")).map((f) => path.join("catalog/demo/images", f));

interface Sample {
  size: number;
  onLabel: boolean;
  words: string[];
  image: Buffer;
}

async function makeSample(): Promise<Sample> {
  const width = 800;
  const height = 600;
  const size = Math.round(14 + random() * 50);
  const onLabel = random() < 0.5;
  const font = pick(FONTS);
  const angle = Math.round((random() * 2 - 1) * 12);
  const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS)));
  const x = 40 + random() * 120;
  const y = 80 + random() * 200;
  const text = lines
    .map((line, i) => `<text x="${x}" y="${y + i * size * 1.4}" font-family="${font}" font-size="${size}" fill="${onLabel ? "#1a1a1a" : "#fdfdfd"}" stroke="${onLabel ? "none" : "#000"}" stroke-width="${onLabel ? 0 : Math.max(1, size / 24)}">${line.join(" ")}</text>`)
    .join("");
  const label = onLabel
    ? `<rect x="${x - size * 0.5}" y="${y - size * 1.2}" width="${Math.max(...lines.map((l) => l.join(" ").length)) * size * 0.65 + size}" height="${lines.length * size * 1.4 + size * 0.6}" rx="${size / 3}" fill="#f4efe2"/>`
    : "";
  const overlay = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g transform="rotate(${angle} ${x} ${y})">${label}${text}</g></svg>`;
  const background = await sharp(readFileSync(pick(photos))).resize(width, height, { fit: "cover" }).toBuffer();
  const image = await sharp(background).composite([{ input: Buffer.from(overlay) }]).jpeg({ quality: 70 }).toBuffer();
  return { size, onLabel, words: lines.flat(), image };
}

const reader = await WordReader.start();
const buckets = new Map<string, { drawn: number; found: number }>();
const count = (key: string, drawn: number, found: number) => {
  const bucket = buckets.get(key) ?? { drawn: 0, found: 0 };
  bucket.drawn += drawn;
  bucket.found += found;
  buckets.set(key, bucket);
};
const times: number[] = [];
for (let i = 0; i < Number(values.images); i++) {
  const sample = await makeSample();
  const start = performance.now();
  const lines = await reader.read(sample.image);
  times.push(performance.now() - start);
  const read = new Set(lines.flatMap((l) => l.text.toLowerCase().match(/[a-z]+/g) ?? []));
  const found = sample.words.filter((w) => read.has(w)).length;
  const sizeBucket = sample.size < 24 ? "14–23 px" : sample.size < 40 ? "24–39 px" : "40–64 px";
  for (const key of ["all", sizeBucket, sample.onLabel ? "on a label" : "on the photo"]) count(key, sample.words.length, found);
}
await reader.close();
times.sort((a, b) => a - b);
console.log(`${values.images} pictures, 800×600 JPEG q70\n\n| words | drawn | found | recall |\n|---|---:|---:|---:|`);
for (const key of ["all", "14–23 px", "24–39 px", "40–64 px", "on a label", "on the photo"]) {
  const b = buckets.get(key);
  if (b) console.log(`| ${key} | ${b.drawn} | ${b.found} | ${(b.found / b.drawn).toFixed(2)} |`);
}
console.log(`\nread time per picture: p50 ${Math.round(times[Math.floor(times.length / 2)]!)} ms, p95 ${Math.round(times[Math.floor(times.length * 0.95)]!)} ms`);
