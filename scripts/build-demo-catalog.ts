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
/** Correlation of 24×24 colour thumbnails above which two images count as the same picture. */
const NEAR_DUPLICATE_CORRELATION = 0.96;
const THUMB = 24;

const OPENCLIPART_PNG = "/usr/share/openclipart/png";
const OPENCLIPART_SVG = "/usr/share/openclipart/svg";
const TUXPAINT = "/usr/share/tuxpaint/stamps";
const MATE = "/usr/share/backgrounds/mate";

// Folder → category maps (first matching prefix wins; null leaves a folder out: icons, flags, maps,
// shapes, smileys, playing cards, weapons), captions for the photographs, illustrative price
// ranges and a small glossary for the Italian and French titles that many drawings carry.
interface Sources {
  openclipartFolders: [string, string | null][];
  tuxpaintFolders: [string, string | null][];
  matePhotos: Record<string, string>;
  priceRanges: Record<string, [number, number]>;
  glossary: Record<string, string>;
}
const SOURCES = JSON.parse(await readFile(path.join(OUT_DIR, "sources.json"), "utf8")) as Sources;

// Scenes of people stay pins even in a product category ("a boy plays soccer" is not for sale).
const PEOPLE_WORDS = /\b(man|men|woman|women|boy|girl|kid|child|children|people|player|person|family|lady|guy|chef|clown)\b/i;
// Emoji-like, flag, logo and text pieces slip into ordinary folders too; their names give them away.
// Composite sheets, diagrams, hate or drug symbols, weapons and fan art of others' characters too.
const EXCLUDED_WORDS = new RegExp(
  "\\b(smil\\w*|emoti\\w*|emoji|faces?|eyes|flags?|logos?|icons?|buttons?|text|fonts?|letters?|alphabet|banner|label|" +
    "signs?|symbols?|maps?|border|frame|flourish|corner|tribal|pattern|background|wallpaper|template|clip ?arts?|cliparts|" +
    "outline|silhouet\\w*|qr|barcode|various|collection|s[ui]bmission|r1\\d|general|diagram\\w*|istogramma|tabella|pinout|" +
    "simbolo|theory|presentation|chart|certificate|card figure|sunwheel|swastika|gallows|skull|sexy|nude|" +
    "cannabis|smoke|cigar\\w*|tobacco|nunchaku|gun|rifle|pistol|weapon|bomb|fanart|fan art|domo|" +
    "rules illustration|sailing illustration|knot illustration)\\b",
  "i",
);
const EXCLUDED_SUBJECTS = /\b(smiley|emoticon|flag|typography|font|logo|text|icon)\b/i;

interface Candidate {
  pkg: string;
  /** Installed path, as the package's file list names it. */
  file: string;
  /** Set when `file` is an SVG: rendered at the output size (openclipart's PNGs are often tiny). */
  svg?: string;
  /** The package's own PNG rendering, for an SVG whose page cuts the drawing off. */
  png?: string;
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

/** "apple_bitten_dan_gerhard_01" by "Dan Gerhards" → "apple bitten": names end in the author's, cut short. */
function nameWithoutAuthor(name: string, author: string): string {
  const authorWords = author.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const words = name.toLowerCase().split(/[_\-.\s]+/).filter(Boolean);
  while (words.length > 0) {
    const last = words[words.length - 1]!;
    const isAuthor = authorWords.some((a) => a.startsWith(last)) || ["ganson", "r", "bw"].includes(last);
    if (!/^\d+r?$/.test(last) && !isAuthor) break;
    words.pop();
  }
  return words.join(" ");
}

const CONNECTORS = new Set(["di", "e", "con", "in", "nella", "del", "della", "da", "la", "il", "le", "au"]);

/** A short, searchable title: first sentence only, no file-name debris, no author, Italian and French words in English. */
function cleanTitle(raw: string, author: string): string {
  const authorWords = new Set(author.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2));
  const text = raw
    .replace(/&amp;/g, "&").replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&[a-z]+;/gi, "")
    .replace(/_+/g, " ").replace(/\.svg$/i, "")
    .split(/\.\s|—|\s–\s|\?|\|/)[0]!.trim()
    .replace(/\(b\s*(and|&)?\s*w\)|\(colou?r\)|\bbw\b|-aj\b/gi, "").trim()
    .replace(/([a-z])\d+\b/gi, "$1").replace(/^\d+\s+|\s+\d+$/g, "");
  let words = text.split(/\s+/).filter(Boolean);
  const withoutAuthor = words.filter((w) => !authorWords.has(w.toLowerCase()) && w.toLowerCase() !== "architetto");
  if (withoutAuthor.length > 0) words = withoutAuthor;
  const key = (w: string) => w.toLowerCase().replace(/[^a-zà-ÿ]/g, "");
  const hits = words.filter((w) => SOURCES.glossary[key(w)] !== undefined);
  if (hits.some((w) => !CONNECTORS.has(key(w)))) {
    if (hits.length === words.length) words = words.map((w) => SOURCES.glossary[key(w)]!);
    else {
      const english = hits.filter((w) => !CONNECTORS.has(key(w))).map((w) => SOURCES.glossary[key(w)]!)
        .filter((e) => !words.some((w) => w.toLowerCase() === e));
      if (english.length > 0) words.push(`(${english.join(" ")})`);
    }
  }
  return sentenceCase(words.join(" ").replace(/^[\s,;:.\-]+|[\s,;:.\-]+$/g, ""));
}

function usableTitle(title: string, author: string): boolean {
  return title.length >= 3 && title.length <= 60 && !/@|http|untitled|^\d|^cartoon$/i.test(title) &&
    title.toLowerCase() !== author.toLowerCase() && /[a-z]{3}/i.test(title);
}

/** Some SVG pages are smaller than their drawing; the PNG (rendered from the drawing) shows where. */
async function svgMatchesPng(svg: string, png: string): Promise<boolean> {
  const [a, b] = await Promise.all([sharp(svg).metadata(), sharp(png).metadata()]);
  if (!a.width || !a.height || !b.width || !b.height) return false;
  return Math.abs(Math.log(a.width / a.height) - Math.log(b.width / b.height)) < 0.03;
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
    const category = categoryOf(rel, SOURCES.openclipartFolders);
    const name = path.basename(rel, ".png");
    if (!category || !rel.endsWith(".png")) continue;
    // A black-and-white twin of a colour drawing adds nothing to a feed.
    if (/_bw$/.test(name) && present.has(rel.replace(/_bw\.png$/, ".png"))) continue;
    const svgFile = svgFor(rel);
    const meta = svgFile ? svgMeta(await readFile(svgFile, "utf8")) : { title: "", author: "", license: "", subjects: "" };
    const png = path.join(OPENCLIPART_PNG, rel);
    const svg = svgFile && (await svgMatchesPng(svgFile, png).catch(() => false)) ? svgFile : undefined;
    // The package's copyright file dedicates the collection to the public domain; a few SVGs
    // declare something else (GPL, or nothing at all) and stay out rather than be guessed at.
    if (!/PublicDomain|publicdomain/.test(meta.license)) continue;
    const fromMeta = cleanTitle(meta.title, meta.author);
    const title = usableTitle(fromMeta, meta.author) ? fromMeta : cleanTitle(nameWithoutAuthor(name, meta.author), meta.author);
    if (!usableTitle(title, meta.author)) continue;
    if (EXCLUDED_WORDS.test(`${title} ${name.replace(/_/g, " ")}`) || EXCLUDED_SUBJECTS.test(meta.subjects)) continue;
    out.push({
      pkg: svg ? "openclipart-svg" : "openclipart-png", file: svg ?? png, svg, png,
      category, title, author: meta.author || "Open Clip Art Library contributor",
      license: "Public domain (Open Clip Art Library dedication)", medium: "clip art",
    });
  }
  return out;
}

async function tuxpaintCandidates(): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const rel of await walk(TUXPAINT)) {
    const category = categoryOf(rel, SOURCES.tuxpaintFolders);
    if (!category || !/\.(png|svg)$/.test(rel) || /mirror/.test(rel)) continue;
    const txt = path.join(TUXPAINT, rel.replace(/\.(png|svg)$/, ".txt"));
    const firstLine = existsSync(txt) ? (await readFile(txt, "utf8")).split("\n")[0]!.trim() : "";
    const described = cleanTitle(firstLine.replace(/^(a|an|the|some)\s+/i, "").replace(/[.!]+$/, ""), "");
    const fromName = path.basename(rel).replace(/\.\w+$/, "").replace(/[_-]+/g, " ");
    let title = usableTitle(described, "") ? described : cleanTitle(fromName, "");
    const cartoon = rel.includes("/cartoon/");
    if (cartoon && !/cartoon/i.test(title)) title = `Cartoon ${title.toLowerCase()}`;
    if (EXCLUDED_WORDS.test(`${title} ${fromName}`)) continue;
    out.push({
      pkg: "tuxpaint-stamps-default", file: path.join(TUXPAINT, rel), category, title,
      svg: rel.endsWith(".svg") ? path.join(TUXPAINT, rel) : undefined,
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
    const holders = [...stanza.matchAll(/(?:Copyright:|^\s+)\s*\d{4},?\s+([^<\n]+?)\s*(?:<[^>]*>.*)?$/gm)]
      .map((m) => m[1]!.replace(/[´"]/g, "").trim());
    return { author: holders.join(", "), license: /^License:\s*(\S+)/m.exec(stanza)?.[1] ?? "" };
  }
  throw new Error(`${pkg}: no copyright stanza for ${rel}`);
}

async function mateCandidates(): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const [rel, title] of Object.entries(SOURCES.matePhotos).sort()) {
    const { author, license } = await dep5Author("mate-backgrounds", rel);
    out.push({ pkg: "mate-backgrounds", file: path.join(MATE, rel), category: "Photography", title, author, license, medium: "photograph" });
  }
  return out;
}

// A zero-mean, unit-length colour thumbnail: the dot product of two is their correlation. Unlike a
// 64-bit dHash it does not call two different drawings twins because both are mostly white.
interface Rendered { webp: Buffer; thumb: Float32Array }

/** The drawing as RGBA, its long side about 640 px: SVGs are rendered at that size rather than upscaled. */
async function loadRgba(file: string, isSvg: boolean): Promise<{ data: Buffer; width: number; height: number }> {
  let image = sharp(file);
  if (isSvg) {
    const meta = await sharp(file).metadata();
    const long = Math.max(meta.width ?? 0, meta.height ?? 0, 1);
    image = sharp(file, { density: Math.min(2400, Math.max(8, (72 * 640) / long)) });
  }
  const { data, info } = await image.ensureAlpha().resize(640, 640, { fit: "inside", withoutEnlargement: true })
    .raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Flattens on white and finds the drawing: its box, how much of it is ink, and whether the page cut it off. */
function scanInk({ data, width, height }: { data: Buffer; width: number; height: number }) {
  const rgb = Buffer.alloc(width * height * 3);
  let minX = width, minY = height, maxX = -1, maxY = -1, ink = 0;
  const edge = { top: 0, bottom: 0, left: 0, right: 0 };
  for (let i = 0, p = 0; p < width * height; p++, i += 4) {
    const a = data[i + 3]! / 255;
    for (let k = 0; k < 3; k++) rgb[p * 3 + k] = Math.round(data[i + k]! * a + 255 * (1 - a));
    if (a > 0.1 && !(rgb[p * 3]! > 245 && rgb[p * 3 + 1]! > 245 && rgb[p * 3 + 2]! > 245)) {
      const x = p % width, y = (p - x) / width;
      ink++; minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      if (y === 0) edge.top++; if (y === height - 1) edge.bottom++; if (x === 0) edge.left++; if (x === width - 1) edge.right++;
    }
  }
  // A drawing that fits its page touches the edge at a few points; one the page cuts through runs along it.
  const clipped = Math.max(edge.top, edge.bottom) > 0.15 * width || Math.max(edge.left, edge.right) > 0.15 * height;
  return { rgb, minX, minY, maxX, maxY, ink, clipped };
}

/** Flattened on white, cropped to the drawing plus a margin; null when it is blank, tiny or cut off. */
async function renderClipArt(c: Candidate): Promise<Buffer | null> {
  let raw = await loadRgba(c.file, c.svg !== undefined);
  let scan = scanInk(raw);
  if (scan.clipped && c.svg && c.png) {
    // The PNG was rendered from the whole drawing: fall back to it, and say so in the provenance.
    Object.assign(c, { file: c.png, svg: undefined, pkg: "openclipart-png" });
    raw = await loadRgba(c.file, false);
    scan = scanInk(raw);
  } else if (scan.clipped && c.svg) return null;
  const { rgb, minX, minY, maxX, maxY, ink } = scan;
  const { width, height } = raw;
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
  if (c.medium !== "photograph" && standardDeviation(data) < 12) return null;
  const webp = await resized.clone().webp({ quality: WEBP_QUALITY, effort: 6 }).toBuffer();
  const tiny = await resized.clone().resize(THUMB, THUMB, { fit: "fill" }).removeAlpha().raw().toBuffer();
  const mean = tiny.reduce((a, v) => a + v, 0) / tiny.length;
  const thumb = Float32Array.from(tiny, (v) => v - mean);
  const norm = Math.hypot(...thumb) || 1;
  return { webp, thumb: thumb.map((v) => v / norm) };
}

function standardDeviation(values: Uint8Array): number {
  let sum = 0, sq = 0;
  for (const v of values) { sum += v; sq += v * v; }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, sq / values.length - mean * mean));
}

function correlation(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

/** Log-uniform in the category's range, rounded the way shops round (4.99, 245, 12,990). */
function illustrativePrice(category: string, source: string): number | null {
  const range = SOURCES.priceRanges[category];
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
      const twin = r ? kept.find((k) => correlation(k.r.thumb, r.thumb) >= NEAR_DUPLICATE_CORRELATION) : undefined;
      if (twin && process.env.DEMO_CATALOG_DEBUG) console.log(`dupe: ${c.title} ~ ${twin.c.title}`);
      if (!r && process.env.DEMO_CATALOG_DEBUG) console.log(`unusable: ${c.title} ${c.file}`);
      if (!r || twin) continue;
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
