import "server-only";
// "The same thing drawn by different artists": Debian's icon themes each draw the same
// freedesktop icon names (camera-photo, printer, weather-storm, …) in their own style. An icon
// name drawn by several themes is a concept; its drawings are positives for one another.
// Never emoji or emoji-like icons (faces, smileys, flags), never the benchmark's images.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { RgbImage } from "@/lib/image/types";
import { seededRandom } from "@/lib/random";
import type { TrainView } from "./catalog-views";
import { cameraShot, productShot, toRgb } from "./eval/images";

const ICON_ROOT = "/usr/share/icons";

/**
 * One folder per artist. Variants of a theme (dark, light) redraw few icons and are left out;
 * hicolor and locolor hold what applications install, not a theme's own drawings.
 */
export const ICON_THEMES = [
  "Adwaita", "breeze", "elementary", "elementary-xfce", "Faba", "Faenza", "gnome", "mate",
  "Moka", "Numix", "oxygen", "Paper", "Papirus", "suru", "Tango", "Yaru", "bloom",
];

/**
 * Icon contexts that draw things (devices, places, applications, weather): actions, emblems and
 * file types are mostly abstract glyphs; emotes, emoji, flags and animations never count.
 * Adwaita keeps its full-colour drawings of every context in "legacy".
 */
const CONTEXTS = new Set(["apps", "applications", "devices", "places", "status", "categories", "legacy"]);

/**
 * Names that are faces, smileys, people, flags or emoji in any theme, and monochrome glyphs. Chat
 * and webcam applications are drawn as smileys or emoticons by some themes (empathy, kopete,
 * pidgin, cheese), address books and user settings as people: looked at, and left out by name.
 */
const EXCLUDED_NAME = /face|emote|emoji|smil|flag|country|symbolic|avatar|user|people|person|empathy|kopete|pidgin|cheese|chat|messag|addressbook|contact|accessibility|^-|^\./i;

/** The concepts the drawings show, sorted: a concept's index is its label in training. */
export const conceptNames = (icons: readonly ConceptIcon[]) => [...new Set(icons.map((i) => i.concept))].sort();

/** One concept in seven (by its index in `conceptNames`) is held out of training. */
export const isHeldOutConcept = (concept: number) => concept % 7 === 3;

export interface ConceptIcon {
  /** `icon:<theme>:<name>`: unique, stable across runs. */
  key: string;
  theme: string;
  concept: string;
  file: string;
}

function walk(dir: string, out: string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(svg|png)$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** Pixel size a theme folder promises: "48x48", "48", "256x256@2x"; scalable counts as large. */
function sizeOf(segments: string[]): number {
  for (const s of segments) {
    if (s === "scalable") return 512;
    const m = s.match(/^(\d+)(x\d+)?(@(\d)x)?$/);
    if (m) return Number(m[1]) * Number(m[4] ?? 1);
  }
  return 0;
}

/** The theme's best drawing of each name: an SVG, else its largest PNG of at least 48 px. */
function themeIcons(themeDir: string): Map<string, string> {
  const best = new Map<string, { file: string; rank: number }>();
  for (const file of walk(themeDir, [])) {
    const segments = path.relative(themeDir, file).split(path.sep);
    if (!segments.some((s) => CONTEXTS.has(s))) continue;
    if (segments.some((s) => /symbolic/i.test(s))) continue;
    const name = path.basename(file).replace(/\.(svg|png)$/i, "");
    if (EXCLUDED_NAME.test(name)) continue;
    const size = sizeOf(segments);
    const svg = file.toLowerCase().endsWith(".svg");
    if (!svg && size < 48) continue;
    const rank = (svg ? 10_000 : 0) + size;
    if ((best.get(name)?.rank ?? -1) < rank) best.set(name, { file, rank });
  }
  return new Map([...best].map(([name, { file }]) => [name, file]));
}

export interface ConceptIconOptions {
  root?: string;
  themes?: readonly string[];
  minThemes?: number;
  maxThemes?: number;
}

/**
 * Concepts drawn by at least `minThemes` installed themes, as distinct drawings (a theme that
 * ships another's file byte for byte counts once), at most `maxThemes` each, in a stable order.
 */
export function conceptIcons({ root = ICON_ROOT, themes = ICON_THEMES, minThemes = 4, maxThemes = 6 }: ConceptIconOptions = {}): ConceptIcon[] {
  const byName = new Map<string, ConceptIcon[]>();
  const seen = new Set<string>();
  for (const theme of themes) {
    for (const [name, file] of [...themeIcons(path.join(root, theme))].sort(([a], [b]) => a.localeCompare(b))) {
      let digest: string;
      try {
        if (statSync(file).size > 2_000_000) continue;
        digest = createHash("sha1").update(readFileSync(file)).digest("hex");
      } catch {
        continue;
      }
      if (seen.has(digest)) continue;
      seen.add(digest);
      const list = byName.get(name) ?? [];
      if (list.length < maxThemes) list.push({ key: `icon:${theme}:${name}`, theme, concept: name, file });
      byName.set(name, list);
    }
  }
  return [...byName.values()].filter((list) => list.length >= minThemes).flat().sort((a, b) => a.key.localeCompare(b.key));
}

/** The drawing as a 256-px PNG on transparency (SVGs rendered at that size, not scaled up). */
export async function renderIcon(file: string): Promise<Buffer> {
  let input = sharp(file);
  if (file.toLowerCase().endsWith(".svg")) {
    const { width = 64, height = 64 } = await sharp(file).metadata();
    input = sharp(file, { density: Math.min(2400, (72 * 256) / Math.max(width, height, 1)) });
  }
  return input.resize(256, 256, { fit: "inside" }).ensureAlpha().png().toBuffer();
}

/**
 * Two views of each drawing: as a catalog shot (centred on white) and as a phone photo of it on
 * a wallpaper. Each drawing is its own identity (numbered from `firstIdentity`) and belongs to
 * its concept (numbered in `concepts` order).
 */
export function conceptViews(icons: readonly ConceptIcon[], concepts: readonly string[], backgrounds: readonly RgbImage[], seed: number, firstIdentity: number): TrainView[] {
  return icons.flatMap((icon, i) => {
    // One generator per view: the two may be rendered by different worker processes.
    const cleanRand = seededRandom(seed * 15_485_863 + 2 * i);
    const cameraRand = seededRandom(seed * 15_485_863 + 2 * i + 1);
    const bg = backgrounds[Math.floor(cameraRand() * backgrounds.length)]!;
    const common = { image: firstIdentity + i, concept: concepts.indexOf(icon.concept) };
    return [
      { ...common, key: `${icon.key}:clean:${seed}`, kind: "clean" as const, make: async () => toRgb(sharp(await productShot(await renderIcon(icon.file), cleanRand))) },
      { ...common, key: `${icon.key}:camera:${seed}`, kind: "camera" as const, make: async () => (await cameraShot(await renderIcon(icon.file), bg, cameraRand)).image },
    ];
  });
}
