// Composes the demo catalog's "Scenes": photographs of a table, desk or lawn with 2–4 of the
// catalog's own products on them, so Shop the Look has something to find. Each scene line records
// where each product was placed (`objects`), which the e2e tests and eval use as ground truth.
// Deterministic and idempotent: re-running replaces its own lines and images. See docs/catalog.md.
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { CatalogLine } from "./lib/catalog-source";
import { seededRandom } from "@/lib/random";

const SEED = "glimpse-demo-scenes-v1";
const CATALOG_DIR = path.join("catalog", "demo");
const CATALOG_FILE = path.join(CATALOG_DIR, "catalog.jsonl");
const CATEGORY = "Scenes";
const JPEG_QUALITY = 80;

type Backdrop = { photo: string; label: string } | { texture: Texture; label: string };
interface Texture {
  from: [number, number, number];
  to: [number, number, number];
  /** Amplitude of wood grain stripes, 0 for none. */
  grain: number;
}
interface Theme {
  key: string;
  count: number;
  categories: string[];
  place: string;
  backdrops: Backdrop[];
  /** Titles of things that plausibly sit in this place; keeps odd clip art ("Reunion") out. */
  fits: RegExp;
}

const oak: Backdrop = { texture: { from: [196, 150, 102], to: [160, 112, 72], grain: 10 }, label: "an oak tabletop" };
const linen: Backdrop = { texture: { from: [242, 236, 224], to: [222, 212, 196], grain: 0 }, label: "a linen tablecloth" };
const slate: Backdrop = { texture: { from: [120, 132, 144], to: [84, 94, 106], grain: 0 }, label: "a slate-grey desk" };
const marble: Backdrop = { texture: { from: [236, 236, 240], to: [206, 208, 214], grain: 3 }, label: "a pale stone counter" };
const boards: Backdrop = { photo: "images/photography-weathered-wooden-boards.webp", label: "weathered wooden boards" };
const meadow: Backdrop = { photo: "images/photography-fresh-green-meadow-grass.webp", label: "a meadow" };
const dunes: Backdrop = { photo: "images/photography-dune-grass-by-the-sea.webp", label: "dune grass" };

const THEMES: Theme[] = [
  { key: "kitchen", count: 10, categories: ["Food", "Fruit", "Drinks", "Desserts", "Vegetables"], place: "Kitchen table", backdrops: [oak, linen, marble],
    fits: /apple|banana|pear\b|orange|lemon|lime|cherr|grape|strawberr|melon|peach|apricot|tomato|onion|carrot|pepper|bread|cake|pizza|burger|sandwich|cheese|muffin|cookie|pie\b|ice cream|coffee|tea\b|mug|cup\b|glass|bottle|wine|juice|milk|bowl|donut|croissant|toast|pumpkin|corn\b|broccoli|kiwi|plum|avocado|pineapple|cherry/i },
  { key: "desk", count: 8, categories: ["Office & school", "Electronics"], place: "Desk", backdrops: [slate, oak, linen],
    fits: /pencil|\bpen\b|scissors|stapler|book|folder|notebook|ruler|eraser|clip|calculator|phone|monitor|laptop|computer|keyboard|mouse|camera|radio|lamp|tape|glue|crayon|globe|envelope|clock|headphone|printer|speaker|sharpener/i },
  { key: "workbench", count: 7, categories: ["Tools"], place: "Workbench", backdrops: [boards, oak],
    fits: /hammer|saw\b|wrench|pliers|screwdriver|drill|measuring|level|spanner|axe\b|shovel|trowel|bucket|chisel|toolbox|paint ?brush|ladder|vise|clamp|flashlight|torch|mallet|tape/i },
  { key: "music", count: 5, categories: ["Music"], place: "Music corner", backdrops: [oak, slate],
    fits: /guitar|violin|cello|drum|trumpet|horn|flute|piano|saxophone|harp|banjo|accordion|clarinet|tuba|trombone|dulcimer|xylophone|tambourine|maraca|microphone|ukulele|mandolin|harmonica|bass\b/i },
  { key: "sports", count: 5, categories: ["Sports", "Toys & games"], place: "Lawn", backdrops: [meadow, dunes],
    fits: /ball\b|racket|racquet|bat\b|glove|helmet|skate|kite|frisbee|shuttle|whistle|stopwatch|golf|trophy|yo-yo|dumbbell|surfboard|skateboard|soccer|football|basketball|baseball|tennis|volley/i },
  { key: "wardrobe", count: 5, categories: ["Clothing"], place: "Outfit laid out", backdrops: [linen, marble],
    fits: /shirt|dress|skirt|trousers|pants|jeans|shorts|hat\b|cap\b|scarf|glove|sock|shoe|boot|sneaker|jacket|coat|sweater|tie\b|belt|bag\b|handbag|sunglasses|sandal|hoodie|vest|mitten|beanie/i },
];

interface Cutout {
  rgba: Buffer;
  width: number;
  height: number;
  /** Tight box of the drawing inside the cutout, in pixels. */
  ink: { left: number; top: number; width: number; height: number };
}
interface Placed {
  line: CatalogLine & { license?: string; author?: string };
  left: number;
  top: number;
  cutout: Cutout;
}

const hash = (text: string): number => createHash("sha256").update(`${SEED}:${text}`).digest().readUInt32BE(0);

/** The clip art at `longSide` px with its white background (near-white connected to the border) made transparent. */
async function cutOut(file: string, longSide: number): Promise<Cutout> {
  const { data, info } = await sharp(path.join(CATALOG_DIR, file))
    .resize(longSide, longSide, { fit: "inside" })
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const background = new Uint8Array(width * height);
  const nearWhite = (i: number) => Math.min(data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!) >= 232;
  const stack: number[] = [];
  for (let x = 0; x < width; x++) stack.push(x, (height - 1) * width + x);
  for (let y = 0; y < height; y++) stack.push(y * width, y * width + width - 1);
  while (stack.length) {
    const i = stack.pop()!;
    if (background[i] || !nearWhite(i)) continue;
    background[i] = 1;
    const x = i % width;
    if (x > 0) stack.push(i - 1);
    if (x < width - 1) stack.push(i + 1);
    if (i >= width) stack.push(i - width);
    if (i < width * (height - 1)) stack.push(i + width);
  }
  let [left, top, right, bottom] = [width, height, -1, -1];
  const alpha = Buffer.alloc(width * height);
  for (let i = 0; i < width * height; i++) {
    if (background[i]) continue;
    alpha[i] = 255;
    const x = i % width;
    const y = (i - x) / width;
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  // A slight blur of the mask keeps the cut edge from looking jagged against the backdrop.
  const soft = await sharp(alpha, { raw: { width, height, channels: 1 } }).blur(0.6).extractChannel(0).raw().toBuffer();
  for (let i = 0; i < width * height; i++) data[i * 4 + 3] = Math.min(alpha[i]!, soft[i]!);
  return { rgba: data, width, height, ink: { left, top, width: right - left + 1, height: bottom - top + 1 } };
}

async function shadowOf(cutout: Cutout, blur: number): Promise<Buffer> {
  const { width, height, rgba } = cutout;
  const shadow = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) shadow[i * 4 + 3] = Math.round(rgba[i * 4 + 3]! * 0.42);
  const pad = Math.ceil(blur * 3);
  return sharp(shadow, { raw: { width, height, channels: 4 } })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .blur(blur)
    .png()
    .toBuffer();
}

async function backdropImage(backdrop: Backdrop, width: number, height: number, random: () => number): Promise<Buffer> {
  if ("photo" in backdrop) {
    const photo = sharp(path.join(CATALOG_DIR, backdrop.photo));
    const meta = await photo.metadata();
    // A seeded crop of the photograph, scaled up to the scene and softened like a shallow focus.
    const scale = Math.max(width / (meta.width ?? width), height / (meta.height ?? height)) * 1.25;
    const [w, h] = [Math.round((meta.width ?? width) * scale), Math.round((meta.height ?? height) * scale)];
    const left = Math.floor(random() * (w - width));
    const top = Math.floor(random() * (h - height));
    const cropped = await photo.resize(w, h).extract({ left, top, width, height }).blur(1.2).toBuffer();
    return sharp(cropped).modulate({ brightness: 1.05, saturation: 0.85 }).png().toBuffer();
  }
  const { from, to, grain } = backdrop.texture;
  const pixels = Buffer.alloc(width * height * 3);
  const phase = random() * 100;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const wave = grain ? grain * Math.sin((y + 9 * Math.sin(x / 85 + phase)) / 7 + phase) * (0.6 + 0.4 * Math.sin(y / 41)) : 0;
      for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t + wave);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).blur(1).png().toBuffer();
}

/** Places items at 18–35% of the short side without their drawings (plus shadow room) overlapping. */
async function place(items: CatalogLine[], width: number, height: number, random: () => number): Promise<Placed[]> {
  const short = Math.min(width, height);
  const margin = Math.round(short * 0.06);
  const placed: Placed[] = [];
  for (const line of items) {
    for (let attempt = 0; attempt < 60; attempt++) {
      const fraction = 0.35 - (0.17 * (attempt + random() * 20)) / 80;
      const cutout = await cutOut(line.file, Math.round(short * Math.max(0.18, fraction)));
      const left = margin + Math.floor(random() * (width - cutout.width - 2 * margin));
      const top = margin + Math.floor(random() * (height - cutout.height - 2 * margin));
      const box = inkBox({ left, top, cutout });
      const clear = placed.every((other) => {
        const b = inkBox(other);
        const gap = short * 0.03;
        return box.x + box.w + gap < b.x || b.x + b.w + gap < box.x || box.y + box.h + gap < b.y || b.y + b.h + gap < box.y;
      });
      if (clear) {
        placed.push({ line, left, top, cutout });
        break;
      }
    }
  }
  return placed;
}

function inkBox({ left, top, cutout }: Pick<Placed, "left" | "top" | "cutout">) {
  return { x: left + cutout.ink.left, y: top + cutout.ink.top, w: cutout.ink.width, h: cutout.ink.height };
}

function nameOf(line: CatalogLine): string {
  const title = (line.title ?? "item").replace(/, style \d+$/, "").replace(/\s*\(.*\)$/, "");
  const lower = title[0]!.toLowerCase() + title.slice(1);
  if (/[^s]s$/.test(lower)) return lower;
  return `${/^[aeiou]/i.test(lower) ? "an" : "a"} ${lower}`;
}

const listOf = (names: string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

async function main() {
  const text = await readFile(CATALOG_FILE, "utf8");
  const raw = text.split("\n").filter((line) => line.trim() !== "");
  const kept = raw.filter((line) => (JSON.parse(line) as { category?: string }).category !== CATEGORY);
  const lines = kept.map((line) => JSON.parse(line) as Placed["line"]);
  for (const file of await readdir(path.join(CATALOG_DIR, "images"))) {
    if (file.startsWith("scene-")) await rm(path.join(CATALOG_DIR, "images", file));
  }

  const used = new Set<string>();
  const sceneLines: string[] = [];
  let totalBytes = 0;
  for (const theme of THEMES) {
    const pool = lines.filter((line) => line.kind === "product" && theme.categories.includes(line.category ?? "") && theme.fits.test(line.title ?? ""));
    for (let n = 0; n < theme.count; n++) {
      const id = `${theme.key}-${String(n + 1).padStart(2, "0")}`;
      const random = seededRandom(hash(id));
      const portrait = hash(`${id}:portrait`) % 4 === 0;
      const [width, height] = portrait ? [720, 960] : [960, 720];
      const backdrop = theme.backdrops[n % theme.backdrops.length]!;
      const want = 2 + (hash(`${id}:count`) % 3);
      // Items not yet used in another scene come first, in seeded order, so scenes differ.
      const order = [...pool].sort((a, b) => Number(used.has(a.file)) - Number(used.has(b.file)) || hash(`${id}:${a.file}`) - hash(`${id}:${b.file}`));
      const chosen: typeof pool = [];
      for (const line of order) {
        if (chosen.length === want) break;
        if (chosen.some((c) => nameOf(c) === nameOf(line))) continue;
        chosen.push(line);
      }
      const placed = await place(chosen, width, height, random);
      placed.forEach((p) => used.add(p.line.file));

      const short = Math.min(width, height);
      const layers: OverlayOptions[] = [];
      for (const p of placed) {
        const blur = short * 0.012;
        const pad = Math.ceil(blur * 3);
        const shadow = await shadowOf(p.cutout, blur);
        const [dx, dy] = [Math.round(p.cutout.width * 0.03), Math.round(p.cutout.height * 0.05)];
        layers.push({ input: shadow, left: Math.max(0, p.left + dx - pad), top: Math.max(0, p.top + dy - pad) });
        layers.push({ input: p.cutout.rgba, raw: { width: p.cutout.width, height: p.cutout.height, channels: 4 }, left: p.left, top: p.top });
      }
      const jpeg = await sharp(await backdropImage(backdrop, width, height, random))
        .composite(layers)
        .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
        .toBuffer();
      const file = `images/scene-${id}.jpg`;
      await writeFile(path.join(CATALOG_DIR, file), jpeg);
      totalBytes += jpeg.length;

      const round = (v: number) => Math.round(v * 10000) / 10000;
      const objects = placed.map((p) => {
        const b = inkBox(p);
        return { file: p.line.file, box: { x: round(b.x / width), y: round(b.y / height), w: round(b.w / width), h: round(b.h / height) } };
      });
      const names = listOf(placed.map((p) => nameOf(p.line)));
      const title = theme.place === "Outfit laid out" ? `Outfit laid out: ${names}` : `${theme.place} with ${names}`;
      const inputs = [...placed.map((p) => p.line), ...("photo" in backdrop ? lines.filter((l) => l.file === backdrop.photo) : [])];
      const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))].join("; ");
      const line = {
        file,
        title: title[0]!.toUpperCase() + title.slice(1),
        description: `${listOf(placed.map((p) => `${p.line.title} (${p.line.category})`))} on ${backdrop.label}. A scene composed from the catalog's products for Shop the Look.`,
        category: CATEGORY,
        kind: "pin",
        price: null,
        link: null,
        source: `build-demo-scenes:${inputs.map((l) => l.file).join(" + ")}${"photo" in backdrop ? "" : ` on a generated ${backdrop.label.replace(/^an? /, "")}`}`,
        license: unique(inputs.map((l) => l.license)),
        author: unique(inputs.map((l) => l.author)),
        objects,
      };
      CatalogLine.parse(line);
      sceneLines.push(JSON.stringify(line));
      console.log(`${file}  ${(jpeg.length / 1024).toFixed(0)} KB  ${line.title}`);
    }
  }
  await writeFile(CATALOG_FILE, [...kept, ...sceneLines].join("\n") + "\n");
  console.log(`${sceneLines.length} scenes, ${(totalBytes / 1024 / 1024).toFixed(2)} MB; catalog now ${kept.length + sceneLines.length} lines`);
}

await main();
