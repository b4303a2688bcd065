// `npx tsx scripts/build-demo-catalog.ts`: rebuilds the committed demo catalog (catalog/demo) from
// images that ship in Debian packages: openclipart-svg/-png (public domain clip art),
// tuxpaint-stamps-default (photo cut-outs and drawings) and mate-backgrounds (nature photographs).
// Inputs are sorted and every choice is keyed by a seeded hash, so the same packages give the
// same catalog byte for byte. docs/catalog.md says what comes out and under which licences.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { CatalogLine, formFields } from "./lib/catalog-source";

const SEED = "glimpse-demo-catalog-v1";
const OUT_DIR = path.join("catalog", "demo");
const LONG_SIDE = 512;
const WEBP_QUALITY = 78;
/** Most items any one category may take, so that no folder of the sources swamps the feed. */
const PER_CATEGORY = 80;
/** dHash distance at or under which two images count as the same picture. */
const NEAR_DUPLICATE_BITS = 4;

const OPENCLIPART_PNG = "/usr/share/openclipart/png";
const OPENCLIPART_SVG = "/usr/share/openclipart/svg";
const TUXPAINT = "/usr/share/tuxpaint/stamps";
const MATE = "/usr/share/backgrounds/mate";

// First matching folder prefix wins; null leaves the folder out (icons, flags, maps, shapes,
// symbols, smileys, playing cards, weapons: not what a visual-discovery feed is for).
const OPENCLIPART_FOLDERS: [string, string | null][] = [
  ["animals/birds", "Birds"], ["animals/bugs", "Insects"], ["animals/fish", "Sea life"],
  ["animals/mammals/dogs", "Pets"], ["animals/mammals/housecats", "Pets"], ["animals", "Animals"],
  ["buildings/furniture", "Furniture"], ["buildings", "Buildings"],
  ["computer/hardware", "Electronics"], ["containers", "Household"], ["decorations", "Holidays"],
  ["education", "Office & school"], ["electronics", "Electronics"],
  ["food/beverages", "Drinks"], ["food/desserts", "Desserts"], ["food/fruit", "Fruit"],
  ["food/vegetables", "Vegetables"], ["food", "Food"],
  ["geography/astronomy", "Space"], ["office", "Office & school"],
  ["people/clothing/pantyhose", null], ["people/clothing", "Clothing"], ["people/smilies", null],
  ["people/bodypart", null], ["people/stickmen", null], ["people", "People"],
  ["plants/flowers", "Flowers"], ["plants", "Plants"],
  ["recreation/games/cards", null], ["recreation/games", "Toys & games"],
  ["recreation/holiday", "Holidays"], ["recreation/party", "Holidays"], ["recreation/music", "Music"],
  ["recreation/sports", "Sports"], ["recreation/toys", "Toys & games"],
  ["science/astronomy", "Space"], ["science", "Science & health"],
  ["signs_and_symbols/clocks", "Household"], ["tools/toys", "Toys & games"], ["tools/weapons", null],
  ["tools", "Tools"], ["transportation/aiga-symbols", null], ["transportation/roadsigns", null],
  ["transportation", "Vehicles"],
];
const TUXPAINT_FOLDERS: [string, string | null][] = [
  ["animals/birds", "Birds"], ["animals/insects", "Insects"], ["animals/fish", "Sea life"],
  ["animals/mammals/aquatic", "Sea life"], ["animals/shellfish", "Sea life"],
  ["animals/mammals/cats", "Pets"], ["animals/mammals/dogs", "Pets"], ["animals", "Animals"],
  ["clothes/armor", null], ["clothes", "Clothing"],
  ["food/dessert", "Desserts"], ["food/fruit", "Fruit"], ["food/vegetables", "Vegetables"], ["food", "Food"],
  ["hobbies/music", "Music"], ["hobbies", "Toys & games"],
  ["household/arttools", "Office & school"], ["household/electronics", "Electronics"],
  ["household/tools", "Tools"], ["household", "Household"], ["medical", "Science & health"],
  ["people/body_parts", null], ["people/toys", "Toys & games"], ["people", "People"],
  ["plants/flowers", "Flowers"], ["plants", "Plants"], ["seasonal", "Holidays"], ["space", "Space"],
  ["sports", "Sports"], ["town/flags", null], ["town/roadsigns", null], ["town", "Buildings"],
  ["vehicles", "Vehicles"],
];

// The wallpaper photographs carry no titles of their own, so they get a short caption each.
const MATE_PHOTOS: Record<string, string> = {
  "nature/Aqua.jpg": "Water drop splash",
  "nature/Blinds.jpg": "Green leaf veins close-up",
  "nature/Dune.jpg": "Dune grass by the sea",
  "nature/FreshFlower.jpg": "Orange gerbera petals close-up",
  "nature/Garden.jpg": "Red marigold in a garden",
  "nature/GreenMeadow.jpg": "Fresh green meadow grass",
  "nature/LadyBird.jpg": "Ladybird among forget-me-nots",
  "nature/RainDrops.jpg": "Raindrops on green leaves",
  "nature/Storm.jpg": "Storm clouds over a road",
  "nature/TwoWings.jpg": "Dandelion seeds on an orange flower",
  "nature/Wood.jpg": "Weathered wooden boards",
  "nature/YellowFlower.jpg": "Yellow daisy close-up",
};

/** Illustrative prices (catalog currency) for the categories whose objects one could buy. */
const PRICE_RANGES: Record<string, [number, number]> = {
  Food: [2, 25], Fruit: [0.5, 6], Vegetables: [0.5, 5], Desserts: [2, 30], Drinks: [1, 40],
  Clothing: [9, 140], Household: [4, 120], Furniture: [45, 900], Electronics: [15, 1200],
  "Office & school": [1, 60], Tools: [5, 180], Vehicles: [900, 45000], Music: [25, 1500],
  Sports: [8, 250], "Toys & games": [5, 90],
};
// Scenes of people stay pins even in a product category ("a boy plays soccer" is not for sale).
const PEOPLE_WORDS = /\b(man|men|woman|women|boy|girl|kid|child|children|people|player|person|family|lady|guy)\b/i;
// Emoji-like, flag, logo and text pieces slip into ordinary folders too; their names give them away.
const EXCLUDED_WORDS =
  /\b(smil\w*|emoti\w*|emoji|faces?|flags?|logos?|icons?|buttons?|text|fonts?|letters?|alphabet|banner|label|signs?|symbols?|maps?|border|frame|pattern|background|wallpaper|template|clip ?art|outline|silhouette|qr|barcode)\b/i;
const EXCLUDED_SUBJECTS = /\b(smiley|emoticon|flag|typography|font|logo|text|icon)\b/i;

interface Candidate {
  pkg: string;
  /** Installed path, as the package's file list names it. */
  file: string;
  /** SVG to render instead of `file` when it exists (openclipart's PNGs are often tiny). */
  svg?: string;
  category: string;
  title: string;
  author: string;
  license: string;
  medium: "clip art" | "photo cut-out" | "photograph";
}

const hash = (text: string): Buffer => createHash("sha256").update(`${SEED}:${text}`).digest();
const sentenceCase = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s);
const slugify = (s: string): string =>
  s.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/[\s_-]+/g, "-").slice(0, 60);

function categoryOf(rel: string, rules: [string, string | null][]): string | null {
  const dir = path.dirname(rel);
  for (const [prefix, category] of rules) if (dir === prefix || dir.startsWith(`${prefix}/`)) return category;
  return null;
}

async function walk(root: string, rel = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) files.push(...(await walk(root, child)));
    // Symlinks are cross-listings of a file that also sits in its home folder.
    else if (e.isFile()) files.push(child);
  }
  return files;
}

const decodeXml = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&").trim();

interface SvgMeta { title: string; author: string; license: string; subjects: string }

function svgMeta(svg: string): SvgMeta {
  const work = /<cc:Work[\s\S]*?<\/cc:Work>/.exec(svg)?.[0] ?? "";
  const creator = /<dc:creator>\s*<cc:Agent[^>]*>\s*<dc:title>([^<]*)/.exec(work)?.[1] ?? "";
  const withoutAgents = work.replace(/<cc:Agent[\s\S]*?<\/cc:Agent>/g, "");
  return {
    title: decodeXml(/<dc:title>([^<]*)/.exec(withoutAgents)?.[1] ?? ""),
    author: decodeXml(creator),
    license: /<cc:license rdf:resource="([^"]*)"/.exec(work)?.[1] ?? "",
    subjects: [...work.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g)].map((m) => m[1]).join(" "),
  };
}

/** "apple_bitten_dan_gerhard_01" by "Dan Gerhards" → "Apple bitten": the names end in the author's, cut short. */
function titleFromOpenclipartName(name: string, author: string): string {
  const authorWords = author.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const words = name.toLowerCase().split(/[_\-.\s]+/).filter(Boolean);
  while (words.length > 0) {
    const last = words[words.length - 1]!;
    const isAuthor = authorWords.some((a) => a.startsWith(last)) || ["ganson", "r", "bw"].includes(last);
    if (!/^\d+r?$/.test(last) && !isAuthor) break;
    words.pop();
  }
  return sentenceCase(words.join(" "));
}

function usableTitle(title: string, author: string): boolean {
  return title.length >= 3 && title.length <= 60 && !/@|http|untitled|^\d/i.test(title) &&
    title.toLowerCase() !== author.toLowerCase() && /[a-z]{3}/i.test(title);
}

async function openclipartCandidates(): Promise<Candidate[]> {
  const files = await walk(OPENCLIPART_PNG);
  const present = new Set(files);
  const svgByLowerName = new Map((await walk(OPENCLIPART_SVG)).map((f) => [f.toLowerCase(), f]));
  // Symlinked SVGs are valid too; the walk above only lists regular files, so look them up on demand.
  const svgFor = (rel: string): string | undefined => {
    const svgRel = rel.replace(/\.png$/, ".svg");
    const known = svgByLowerName.get(svgRel.toLowerCase());
    const candidate = path.join(OPENCLIPART_SVG, known ?? svgRel);
    return existsSync(candidate) ? candidate : undefined;
  };
  const out: Candidate[] = [];
  for (const rel of files) {
    const category = categoryOf(rel, OPENCLIPART_FOLDERS);
    const name = path.basename(rel, ".png");
    if (!category || !rel.endsWith(".png")) continue;
    // A black-and-white twin of a colour drawing adds nothing to a feed.
    if (/_bw$/.test(name) && present.has(rel.replace(/_bw\.png$/, ".png"))) continue;
    const svg = svgFor(rel);
    const meta = svg ? svgMeta(await readFile(svg, "utf8")) : { title: "", author: "", license: "", subjects: "" };
    // The package's copyright file dedicates the collection to the public domain; a few SVGs
    // declare something else (GPL, or nothing at all) and stay out rather than be guessed at.
    if (!/PublicDomain|publicdomain/.test(meta.license)) continue;
    let title = usableTitle(meta.title, meta.author) ? sentenceCase(meta.title) : titleFromOpenclipartName(name, meta.author);
    title = title.replace(/\s+/g, " ").trim();
    if (!usableTitle(title, meta.author)) continue;
    if (EXCLUDED_WORDS.test(`${title} ${name.replace(/_/g, " ")}`) || EXCLUDED_SUBJECTS.test(meta.subjects)) continue;
    out.push({
      pkg: svg ? "openclipart-svg" : "openclipart-png", file: svg ?? path.join(OPENCLIPART_PNG, rel), svg,
      category, title, author: meta.author || "Open Clip Art Library contributor",
      license: "Public domain (Open Clip Art Library dedication)", medium: "clip art",
    });
  }
  return out;
}

async function tuxpaintCandidates(): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const rel of await walk(TUXPAINT)) {
    const category = categoryOf(rel, TUXPAINT_FOLDERS);
    if (!category || !/\.(png|svg)$/.test(rel) || /mirror/.test(rel)) continue;
    const txt = path.join(TUXPAINT, rel.replace(/\.(png|svg)$/, ".txt"));
    const firstLine = existsSync(txt) ? (await readFile(txt, "utf8")).split("\n")[0]!.trim() : "";
    const described = firstLine.replace(/^(a|an|the|some)\s+/i, "").replace(/[.!]+$/, "");
    const fromName = path.basename(rel).replace(/\.\w+$/, "").replace(/[_-]+/g, " ");
    let title = sentenceCase(described.length >= 3 && described.length <= 60 ? described : fromName);
    const cartoon = rel.includes("/cartoon/");
    if (cartoon && !/cartoon/i.test(title)) title = `Cartoon ${title.toLowerCase()}`;
    if (EXCLUDED_WORDS.test(`${title} ${fromName}`)) continue;
    out.push({
      pkg: "tuxpaint-stamps-default", file: path.join(TUXPAINT, rel), category, title,
      author: "Tux Paint contributors", license: "GPL-2+",
      medium: rel.endsWith(".png") && !cartoon ? "photo cut-out" : "clip art",
    });
  }
  return out;
}

/** Copyright holders of one file, from the package's machine-readable copyright file. */
async function dep5Author(pkg: string, rel: string): Promise<{ author: string; license: string }> {
  const text = await readFile(`/usr/share/doc/${pkg}/copyright`, "utf8");
  for (const stanza of text.split(/\n\s*\n/)) {
    const files = /^Files:([\s\S]*?)^(?=\S)/m.exec(`${stanza}\nEND`)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    const matches = files.some((glob) => new RegExp(`^${glob.replace(/[.+]/g, "\\$&").replace(/\*/g, ".*")}$`).test(rel));
    if (!matches) continue;
    const holders = [...stanza.matchAll(/(?:Copyright:|^\s+)\s*\d{4},?\s+([^<\n]+?)\s*(?:<[^>]*>)?\s*$/gm)]
      .map((m) => m[1]!.replace(/[´"]/g, "").trim());
    return { author: holders.join(", "), license: /^License:\s*(\S+)/m.exec(stanza)?.[1] ?? "" };
  }
  throw new Error(`${pkg}: no copyright stanza for ${rel}`);
}

async function mateCandidates(): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const [rel, title] of Object.entries(MATE_PHOTOS).sort()) {
    const { author, license } = await dep5Author("mate-backgrounds", rel);
    out.push({ pkg: "mate-backgrounds", file: path.join(MATE, rel), category: "Photography", title, author, license, medium: "photograph" });
  }
  return out;
}

interface Rendered { webp: Buffer; dhash: bigint }

/** The drawing as RGBA, its long side about 640 px: SVGs are rendered at that size rather than upscaled. */
async function loadRgba(c: Candidate): Promise<{ data: Buffer; width: number; height: number }> {
  let image = sharp(c.file);
  if (c.svg) {
    const meta = await sharp(c.svg).metadata();
    const long = Math.max(meta.width ?? 0, meta.height ?? 0, 1);
    image = sharp(c.svg, { density: Math.min(2400, Math.max(8, (72 * 640) / long)) });
  }
  const { data, info } = await image.ensureAlpha().resize(640, 640, { fit: "inside", withoutEnlargement: true })
    .raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Flattened on white, cropped to the drawing plus a margin; null when it is blank or tiny. */
async function renderClipArt(c: Candidate): Promise<Buffer | null> {
  const { data, width, height } = await loadRgba(c);
  const rgb = Buffer.alloc(width * height * 3);
  let minX = width, minY = height, maxX = -1, maxY = -1, ink = 0;
  for (let i = 0, p = 0; p < width * height; p++, i += 4) {
    const a = data[i + 3]! / 255;
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = Math.round(data[i + k]! * a + 255 * (1 - a));
    if (a > 0.1 && !(rgb[p * 3]! > 245 && rgb[p * 3 + 1]! > 245 && rgb[p * 3 + 2]! > 245)) {
      const x = p % width, y = (p - x) / width;
      ink++; minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  const w = maxX - minX + 1, h = maxY - minY + 1;
  if (maxX < 0 || Math.max(w, h) < 96 || ink < 0.02 * w * h || ink < 2000) return null;
  const pad = Math.round(0.07 * Math.max(w, h));
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .extract({ left: minX, top: minY, width: w, height: h })
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background: "#ffffff" })
    .png().toBuffer();
}

async function render(c: Candidate): Promise<Rendered | null> {
  const flat = c.medium === "photograph" ? await readFile(c.file) : await renderClipArt(c);
  if (!flat) return null;
  const resized = sharp(flat).resize(LONG_SIDE, LONG_SIDE, { fit: "inside", withoutEnlargement: true });
  const { data } = await resized.clone().greyscale().raw().toBuffer({ resolveWithObject: true });
  if (standardDeviation(data) < 12) return null;
  const webp = await resized.clone().webp({ quality: WEBP_QUALITY, effort: 6 }).toBuffer();
  const tiny = await resized.clone().greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let dhash = 0n;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) dhash = (dhash << 1n) | (tiny[y * 9 + x]! > tiny[y * 9 + x + 1]! ? 1n : 0n);
  return { webp, dhash };
}

function standardDeviation(values: Uint8Array): number {
  let sum = 0, sq = 0;
  for (const v of values) { sum += v; sq += v * v; }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, sq / values.length - mean * mean));
}

function hamming(a: bigint, b: bigint): number {
  let x = a ^ b, n = 0;
  while (x) { n += Number(x & 1n); x >>= 1n; }
  return n;
}

/** Log-uniform in the category's range, rounded the way shops round (4.99, 245, 12,990). */
function illustrativePrice(category: string, source: string): number | null {
  const range = PRICE_RANGES[category];
  if (!range) return null;
  const u = hash(`price:${source}`).readUInt32BE(0) / 2 ** 32;
  const raw = Math.exp(Math.log(range[0]) + u * (Math.log(range[1]) - Math.log(range[0])));
  if (raw < 100) return Math.floor(raw) + 0.99;
  return raw < 1000 ? Math.round(raw / 5) * 5 : Math.round(raw / 10) * 10;
}

async function main(): Promise<void> {
  const candidates = [...(await openclipartCandidates()), ...(await tuxpaintCandidates()), ...(await mateCandidates())];
  const byCategory = new Map<string, Candidate[]>();
  for (const c of candidates) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

  const kept: { c: Candidate; r: Rendered }[] = [];
  for (const [category, list] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const order = list.map((c) => ({ c, key: hash(`select:${c.file}`).toString("hex") })).sort((a, b) => (a.key < b.key ? -1 : 1));
    let taken = 0;
    for (const { c } of order) {
      if (taken >= PER_CATEGORY) break;
      const r = await render(c).catch((e: unknown) => { console.warn(`skip ${c.file}: ${String(e)}`); return null; });
      if (!r || kept.some((k) => hamming(k.r.dhash, r.dhash) <= NEAR_DUPLICATE_BITS)) continue;
      kept.push({ c, r });
      taken++;
    }
    console.log(`${category}: ${taken} of ${list.length} candidates`);
  }

  // Titles are what people search by, so a repeated one gets a numbered style rather than a twin.
  const seenTitles = new Map<string, number>();
  const seenSlugs = new Set<string>();
  await rm(path.join(OUT_DIR, "images"), { recursive: true, force: true });
  await mkdir(path.join(OUT_DIR, "images"), { recursive: true });
  const lines: { order: string; line: CatalogLine & Record<string, unknown> }[] = [];
  for (const { c, r } of kept) {
    const n = (seenTitles.get(c.title.toLowerCase()) ?? 0) + 1;
    seenTitles.set(c.title.toLowerCase(), n);
    const title = n === 1 ? c.title : `${c.title}, style ${n}`;
    let slug = slugify(`${c.category}-${title}`);
    for (let i = 2; seenSlugs.has(slug); i++) slug = `${slugify(`${c.category}-${title}`)}-${i}`;
    seenSlugs.add(slug);
    const file = `images/${slug}.webp`;
    await writeFile(path.join(OUT_DIR, file), r.webp);
    const source = `${c.pkg}:${c.file}`;
    const price = PEOPLE_WORDS.test(title) ? null : illustrativePrice(c.category, source);
    const line = {
      file, title, description: `${title} — ${c.medium} from the ${c.category} collection.`, category: c.category,
      kind: price === null ? ("pin" as const) : ("product" as const), price, link: null, source, license: c.license, author: c.author,
    };
    formFields(CatalogLine.parse(line));
    lines.push({ order: hash(`order:${slug}`).toString("hex"), line });
  }
  // A seeded shuffle, so the seeded feed mixes categories instead of showing them one after another.
  lines.sort((a, b) => (a.order < b.order ? -1 : 1));
  await writeFile(path.join(OUT_DIR, "catalog.jsonl"), lines.map((l) => JSON.stringify(l.line)).join("\n") + "\n");
  await printSummary(lines.map((l) => l.line));
}

async function printSummary(lines: CatalogLine[]): Promise<void> {
  const counts = new Map<string, { pin: number; product: number }>();
  for (const l of lines) {
    const entry = counts.get(l.category ?? "") ?? { pin: 0, product: 0 };
    entry[l.kind ?? "pin"]++;
    counts.set(l.category ?? "", entry);
  }
  console.log("\ncategory               pins  products");
  for (const [category, e] of [...counts].sort()) console.log(`${category.padEnd(22)} ${String(e.pin).padStart(4)}  ${String(e.product).padStart(8)}`);
  let bytes = 0;
  for (const name of await readdir(path.join(OUT_DIR, "images"))) bytes += (await stat(path.join(OUT_DIR, "images", name))).size;
  bytes += (await stat(path.join(OUT_DIR, "catalog.jsonl"))).size;
  const products = lines.filter((l) => l.kind === "product").length;
  console.log(`\n${lines.length} items (${lines.length - products} pins, ${products} products), ${(bytes / 1e6).toFixed(1)} MB in ${OUT_DIR}`);
}

await main();
