import "server-only";
// Trains the class-agnostic object localizer (lib/detect/localizer.ts) on composites whose boxes
// are known (composites.ts) and measures it on held-out ones and on the phone photos of
// `npm run eval-phone-photos`, against what the app had before: the block-11 activation blob the
// query's saliency view is cut from, and the scene detector's first proposal.
//
// Held out from training: one catalog product in seven, one training photograph in five, the
// phone-photo products, and every photograph that is itself a catalog pin (the phone photos'
// backgrounds among them). The features of every composite are cached under `cacheDir`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import sharp from "sharp";
import type { Box } from "@/lib/contracts";
import { iou } from "@/lib/detect/boxes";
import { SceneDetector } from "@/lib/detect/detector";
import { backboneGrid, type LocalizerManifest, type RawGrid } from "@/lib/detect/localizer";
import {
  anchorWindows,
  bestWindows,
  reduceGrid,
  scoreWindows,
  windowBox,
  windowFeatureLength,
  windowFeatures,
  type CellWindow,
  type FeatureGrid,
  type WindowScorer,
} from "@/lib/detect/localizer-windows";
import { channelAbsSum } from "@/lib/embedding/onnx-backbone";
import { hottestBlob } from "@/lib/embedding/saliency";
import { createOnnxSession, type OnnxSession } from "@/lib/embedding/onnx-session";
import type { RgbImage } from "@/lib/image/types";
import { seededRandom } from "@/lib/random";
import { phonePhoto, phonePhotoSet, PHONE_PHOTO_CATALOG } from "@/scripts/lib/phone-photo";
import { readCatalog, type CatalogImage } from "../catalog-views";
import { wallpaperFiles } from "../eval/fit";
import { decodeFile, toRgb } from "../eval/images";
import { cutOut } from "../matte";
import { localizerComposite, type Composite, type CompositeObject } from "./composites";
import { standardization, trainScorer } from "./scorer-training";

const NETWORK = "models/networks/centernet-features.onnx";
const INPUT_NODE = "tower_0/images";
const NODE = "tower_0/MobilenetV3/expanded_conv_11/expand/hard_swish/mul_1";
const WINDOWS = { sides: [2, 3, 4, 6, 8, 11, 15, 20], maxAspect: 2.5 };

export interface LocalizerTrainingOptions {
  root: string;
  cacheDir: string;
  composites: number;
  heldOut: number;
  inputSize: number;
  depth: number;
  hidden: number;
  epochs: number;
  seed: number;
  log: (line: string) => void;
}

interface Example {
  grid: FeatureGrid;
  boxes: Box[];
  /** Σ|activation| per cell, for the saliency baseline. */
  activation: Float32Array;
}

interface Split {
  objects: CatalogImage[];
  backgrounds: string[];
}

/** Products and photographs for training and for held-out composites. */
function splits(root: string): { train: Split; heldOut: Split } {
  const catalogFile = path.join(root, PHONE_PHOTO_CATALOG, "catalog.jsonl");
  const lines = readFileSync(catalogFile, "utf8").split("\n").filter((l) => l.trim());
  const pinSources = new Set(lines.map((l) => String((JSON.parse(l) as { source?: string }).source ?? "").replace(/^[^:]*:/, "")));
  const phoneProducts = new Set(phonePhotoSet(48).products.map((p) => path.resolve(root, PHONE_PHOTO_CATALOG, p.file)));
  const objects = readCatalog(catalogFile).filter((c) => c.category !== "Photography" && !phoneProducts.has(c.file));
  const photos = wallpaperFiles().filter((f) => !pinSources.has(f));
  if (photos.length < 10) throw new Error(`only ${photos.length} background photographs: apt-get install mate-backgrounds gnome-backgrounds ukui-wallpapers`);
  return {
    train: { objects: objects.filter((_, i) => i % 7 !== 0), backgrounds: photos.filter((_, i) => i % 5 !== 0) },
    heldOut: { objects: objects.filter((_, i) => i % 7 === 0), backgrounds: photos.filter((_, i) => i % 5 === 0) },
  };
}

/** Σ|activation| per cell, as the query's saliency map is made. */
function absSum(raw: RawGrid): Float32Array {
  return channelAbsSum({ data: raw.cells, dims: [1, raw.height, raw.width, raw.depth] }, "nhwc", "localizer grid")[0]!.values;
}

/** Renders composite `i` of a split, deterministically. */
function compositeMaker(split: Split, seed: number) {
  const cutOuts = new Map<string, Promise<Buffer | null>>();
  const backgrounds = new Map<string, Promise<RgbImage>>();
  const objectOf = async (c: CatalogImage): Promise<CompositeObject> => {
    if (!cutOuts.has(c.file)) cutOuts.set(c.file, cutOut(c.file).catch(() => null));
    return { file: c.file, cutOut: await cutOuts.get(c.file)! };
  };
  return async (i: number): Promise<Composite> => {
    const rand = seededRandom(seed * 1_000_003 + i);
    const count = rand() < 0.55 ? 1 : rand() < 0.67 ? 2 : 3;
    const picked = Array.from({ length: count }, () => split.objects[Math.floor(rand() * split.objects.length)]!);
    const file = split.backgrounds[Math.floor(rand() * split.backgrounds.length)]!;
    if (!backgrounds.has(file)) backgrounds.set(file, decodeFile(file, 1024));
    return localizerComposite(await Promise.all(picked.map(objectOf)), await backgrounds.get(file)!, rand);
  };
}

/** Top eigenvectors of the cells' covariance, as a depth × channels matrix, and the cells' mean. */
async function fitReduction(samples: Float32Array[], channels: number, depth: number): Promise<{ mean: Float32Array; matrix: Float32Array }> {
  const { symmetricEigen } = await import("../eval/pca");
  const mean = new Float64Array(channels);
  for (const s of samples) for (let i = 0; i < channels; i++) mean[i]! += s[i]!;
  for (let i = 0; i < channels; i++) mean[i]! /= samples.length;
  const cov = new Float64Array(channels * channels);
  const centred = new Float64Array(channels);
  for (const s of samples) {
    for (let i = 0; i < channels; i++) centred[i] = s[i]! - mean[i]!;
    for (let i = 0; i < channels; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      const row = i * channels;
      for (let j = i; j < channels; j++) cov[row + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < channels; i++) {
    for (let j = i; j < channels; j++) {
      cov[i * channels + j]! /= samples.length;
      cov[j * channels + i] = cov[i * channels + j]!;
    }
  }
  const { vectors } = symmetricEigen(cov, channels);
  const matrix = new Float32Array(depth * channels);
  for (let o = 0; o < depth; o++) for (let i = 0; i < channels; i++) matrix[o * channels + i] = vectors[i * channels + o]!;
  return { mean: Float32Array.from(mean), matrix };
}

interface Extracted {
  reduction: { mean: Float32Array; matrix: Float32Array };
  train: Example[];
  heldOut: Example[];
}

async function extract(onnx: OnnxSession, options: LocalizerTrainingOptions): Promise<Extracted> {
  const { composites, heldOut, inputSize, depth, seed, log } = options;
  const file = path.join(options.cacheDir, `grids-${seed}-${composites}-${heldOut}-${inputSize}-${depth}.v8`);
  if (existsSync(file)) return deserialize(readFileSync(file)) as Extracted;
  const { train: trainSplit, heldOut: heldOutSplit } = splits(options.root);
  log(`training on ${trainSplit.objects.length} products × ${trainSplit.backgrounds.length} photographs; holding out ${heldOutSplit.objects.length} × ${heldOutSplit.backgrounds.length}`);
  const makeTrain = compositeMaker(trainSplit, seed);
  const makeHeldOut = compositeMaker(heldOutSplit, seed + 1);
  const gridOf = (image: RgbImage) => backboneGrid(onnx, INPUT_NODE, NODE, inputSize, image);
  // The reduction is fitted on the first training composites' cells.
  const first = Math.min(300, composites);
  const raws: { raw: RawGrid; boxes: Box[] }[] = [];
  const samples: Float32Array[] = [];
  const rand = seededRandom(seed);
  for (let i = 0; i < first; i++) {
    const { image, boxes } = await makeTrain(i);
    const raw = await gridOf(image);
    raws.push({ raw, boxes });
    for (let s = 0; s < 64; s++) {
      const c = Math.floor(rand() * raw.width * raw.height);
      samples.push(raw.cells.slice(c * raw.depth, (c + 1) * raw.depth));
    }
  }
  const channels = raws[0]!.raw.depth;
  const reduction = await fitReduction(samples, channels, depth);
  log(`reduction: ${channels} → ${depth} channels from ${samples.length} cells`);
  const example = (raw: RawGrid, boxes: Box[]): Example => ({
    grid: reduceGrid(raw.cells, raw.width, raw.height, reduction.mean, reduction.matrix),
    boxes,
    activation: absSum(raw),
  });
  const train = raws.map(({ raw, boxes }) => example(raw, boxes));
  const started = Date.now();
  for (let i = first; i < composites; i++) {
    const { image, boxes } = await makeTrain(i);
    train.push(example(await gridOf(image), boxes));
    if (i % 200 === 0) log(`composites: ${i}/${composites} (${((Date.now() - started) / (i - first + 1)).toFixed(0)} ms each)`);
  }
  const held: Example[] = [];
  for (let i = 0; i < heldOut; i++) {
    const { image, boxes } = await makeHeldOut(i);
    held.push(example(await gridOf(image), boxes));
  }
  const extracted = { reduction, train, heldOut: held };
  mkdirSync(options.cacheDir, { recursive: true });
  writeFileSync(file, serialize(extracted));
  return extracted;
}

/** Each window's best IoU with any true box. */
function overlaps(windows: readonly CellWindow[], grid: FeatureGrid, boxes: readonly Box[]): Float32Array {
  return Float32Array.from(windows, (w) => Math.max(0, ...boxes.map((b) => iou(windowBox(w, grid.width, grid.height), b))));
}

/** How the first box (or the first `k`) of each example's ranking overlaps its main object. */
interface BoxFigures {
  /** Top box at IoU ≥ 0.5 with the main object. */
  top1: number;
  /** Any of the top three at IoU ≥ 0.5 with the main object. */
  top3: number;
  /** Top box's centre inside the main object. */
  centred: number;
  meanIou: number;
}

function figures(rankings: Box[][], truths: Box[]): BoxFigures {
  const n = rankings.length;
  let top1 = 0;
  let top3 = 0;
  let centred = 0;
  let sum = 0;
  rankings.forEach((ranked, i) => {
    const truth = truths[i]!;
    const first = ranked[0];
    const overlap = first ? iou(first, truth) : 0;
    sum += overlap;
    if (overlap >= 0.5) top1++;
    if (ranked.slice(0, 3).some((b) => iou(b, truth) >= 0.5)) top3++;
    if (first) {
      const cx = first.x + first.w / 2;
      const cy = first.y + first.h / 2;
      if (cx >= truth.x && cx <= truth.x + truth.w && cy >= truth.y && cy <= truth.y + truth.h) centred++;
    }
  });
  const r = (v: number) => Math.round((v / n) * 1000) / 1000;
  return { top1: r(top1), top3: r(top3), centred: r(centred), meanIou: r(sum) };
}

function locate(grid: FeatureGrid, windows: CellWindow[], scorer: WindowScorer): Box[] {
  return bestWindows(windows, scoreWindows(windowFeatures(grid, windows), scorer), grid.width, grid.height, 3, 0.3).map((o) => o.box);
}

function saliencyBox(activation: Float32Array, width: number, height: number): Box[] {
  const blob = hottestBlob({ values: activation, width, height }, "rel");
  return blob ? [{ x: blob[0] / width, y: blob[1] / height, w: (blob[2] - blob[0]) / width, h: (blob[3] - blob[1]) / height }] : [];
}

export async function trainLocalizer(options: LocalizerTrainingOptions): Promise<LocalizerManifest> {
  const { root, log, seed } = options;
  const onnx = await createOnnxSession(NETWORK, root, "localizer backbone");
  const detector = await SceneDetector.load(root);
  try {
    const { reduction, train, heldOut } = await extract(onnx, options);
    const { width, height } = train[0]!.grid;
    const windows = anchorWindows(width, height, WINDOWS);
    const inputs = windowFeatureLength(options.depth);
    log(`${train.length} training and ${heldOut.length} held-out composites, ${windows.length} windows each`);

    // Each epoch: per composite, the windows that fit an object well, some that half fit, and random others.
    const targetsOf = train.map((e) => overlaps(windows, e.grid, e.boxes));
    const rand = seededRandom(seed * 31);
    const sampleEpoch = () => {
      const feats: Float32Array[] = [];
      const targets: number[] = [];
      train.forEach((e, n) => {
        const t = targetsOf[n]!;
        const good: number[] = [];
        const half: number[] = [];
        t.forEach((v, i) => (v >= 0.5 ? good : v >= 0.2 ? half : null)?.push(i));
        const pick = (from: number[], k: number) => Array.from({ length: Math.min(k, from.length) }, () => from[Math.floor(rand() * from.length)]!);
        const chosen = [...pick(good, 24), ...pick(half, 24), ...Array.from({ length: 48 }, () => Math.floor(rand() * windows.length))];
        feats.push(windowFeatures(e.grid, chosen.map((i) => windows[i]!)));
        for (const i of chosen) targets.push(t[i]!);
      });
      const rows = targets.length;
      const order = Array.from({ length: rows }, (_, i) => i);
      for (let i = rows - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const all = new Float32Array(rows * inputs);
      let at = 0;
      const flat = new Float32Array(rows * inputs);
      for (const f of feats) {
        flat.set(f, at);
        at += f.length;
      }
      const shuffledTargets = new Float32Array(rows);
      order.forEach((src, dst) => {
        all.set(flat.subarray(src * inputs, (src + 1) * inputs), dst * inputs);
        shuffledTargets[dst] = targets[src]!;
      });
      return { features: all, targets: shuffledTargets };
    };
    const firstEpoch = sampleEpoch();
    const { mean, std } = standardization(firstEpoch.features, inputs);
    const mains = heldOut.map((e) => e.boxes[0]!);
    const started = Date.now();
    const { scorer, epoch, score } = trainScorer(
      { epoch: (e) => (e === 1 ? firstEpoch : sampleEpoch()) },
      mean,
      std,
      {
        hidden: options.hidden,
        epochs: options.epochs,
        learningRate: 2e-3,
        batch: 256,
        seed: seededRandom(seed * 97),
        validate: (s, e) => {
          const f = figures(heldOut.map((x) => locate(x.grid, windows, s)), mains);
          log(`epoch ${e}: held-out top box IoU ≥ 0.5 ${f.top1}, top 3 ${f.top3}, mean IoU ${f.meanIou} (${Math.round((Date.now() - started) / 1000)} s)`);
          return f.meanIou;
        },
      },
    );
    log(`kept epoch ${epoch} (held-out mean IoU ${score})`);

    const heldOutFigures = {
      localizer: figures(heldOut.map((x) => locate(x.grid, windows, scorer)), mains),
      saliencyBlob: figures(heldOut.map((x) => saliencyBox(x.activation, width, height)), mains),
    };
    log(`held-out composites: ${JSON.stringify(heldOutFigures)}`);
    const phoneFigures = await phonePhotoFigures(onnx, detector, reduction, windows, scorer, options);
    log(`phone photos: ${JSON.stringify(phoneFigures)}`);

    const round = (a: Float32Array) => Array.from(a, (v) => Number(v.toPrecision(6)));
    return {
      id: "glimpse-localizer",
      version: 1,
      network: NETWORK,
      inputNode: INPUT_NODE,
      node: NODE,
      inputSize: options.inputSize,
      reduction: { mean: round(reduction.mean), matrix: round(reduction.matrix) },
      windows: WINDOWS,
      scorer: {
        featureMean: round(scorer.featureMean),
        featureStd: round(scorer.featureStd),
        w1: round(scorer.w1),
        b1: round(scorer.b1),
        w2: round(scorer.w2),
        b2: Number(scorer.b2.toPrecision(6)),
      },
      fitted: {
        data: `${train.length} composites of 1–3 demo-catalog objects (cut out or on a card) on Debian wallpapers that are not catalog pins; ${heldOut.length} held-out composites of other products on other wallpapers`,
        objective: "cross-entropy of each window's logit against its IoU with the nearest object",
        seed,
        epochs: options.epochs,
        keptEpoch: epoch,
        depth: options.depth,
        hidden: options.hidden,
        heldOutComposites: heldOutFigures,
        phonePhotos: phoneFigures,
      },
    };
  } finally {
    onnx.dispose();
    detector.dispose();
  }
}

/** Top-box figures on the phone photos of eval-phone-photos (cards on catalog photographs), per card size. */
async function phonePhotoFigures(
  onnx: OnnxSession,
  detector: SceneDetector,
  reduction: { mean: Float32Array; matrix: Float32Array },
  windows: CellWindow[],
  scorer: WindowScorer,
  options: LocalizerTrainingOptions,
): Promise<Record<string, Record<string, BoxFigures>>> {
  const { products, backgrounds } = phonePhotoSet(48);
  const dir = path.join(options.root, PHONE_PHOTO_CATALOG);
  const out: Record<string, Record<string, BoxFigures>> = {};
  for (const share of [0.3, 0.45]) {
    const ranked: Record<string, Box[][]> = { localizer: [], saliencyBlob: [], sceneDetector: [] };
    const truths: Box[] = [];
    for (const product of products) {
      for (const background of backgrounds) {
        const { jpeg, box } = await phonePhoto(path.join(dir, product.file), path.join(dir, background.file), { share });
        const image = await toRgb(sharp(jpeg));
        const raw = await backboneGrid(onnx, INPUT_NODE, NODE, options.inputSize, image);
        const grid = reduceGrid(raw.cells, raw.width, raw.height, reduction.mean, reduction.matrix);
        ranked.localizer!.push(locate(grid, windows, scorer));
        ranked.saliencyBlob!.push(saliencyBox(absSum(raw), raw.width, raw.height));
        ranked.sceneDetector!.push((await detector.detect(image)).map((d) => d.box));
        truths.push(box);
      }
    }
    out[String(share)] = Object.fromEntries(Object.entries(ranked).map(([name, r]) => [name, figures(r, truths)]));
  }
  return out;
}
