import "server-only";
// The class-agnostic object localizer: where the object is in a photo, whatever it is. CenterNet's
// MobileNetV3 backbone (the embedding's own network, run here at a larger input) gives a grid
// of block-11 features; a trained reduction and window scorer (models/localizer/localizer.json,
// from `npm run train-localizer`) rank every window on that grid by how well it fits one object.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createOnnxSession, type OnnxSession } from "@/lib/embedding/onnx-session";
import { resizeToFloat } from "@/lib/embedding/resample";
import type { RgbImage } from "@/lib/image/types";
import {
  anchorWindows,
  bestWindows,
  reduceGrid,
  scoreWindows,
  windowFeatures,
  type CellWindow,
  type LocatedObject,
  type WindowScorer,
} from "./localizer-windows";

/** Not named manifest.json: the folders of models/ with one are embedding models. */
export const LOCALIZER_FILE = "models/localizer/localizer.json";

const numbers = z.array(z.number());

export const LocalizerManifest = z.object({
  id: z.string(),
  version: z.number().int(),
  /** The ONNX network, relative to the repository root. */
  network: z.string(),
  inputNode: z.string(),
  /** The feature map the windows are read from. */
  node: z.string(),
  /** The picture is stretched to this square. */
  inputSize: z.number().int().positive(),
  reduction: z.object({ mean: numbers, matrix: numbers }),
  windows: z.object({ sides: z.array(z.number().int().positive()), maxAspect: z.number().positive() }),
  scorer: z.object({ featureMean: numbers, featureStd: numbers, w1: numbers, b1: numbers, w2: numbers, b2: z.number() }),
  /** How and on what it was trained, with its held-out figures. */
  fitted: z.record(z.string(), z.unknown()),
});
export type LocalizerManifest = z.infer<typeof LocalizerManifest>;

/** The network's raw feature cells for one picture: height × width cells of `depth` values, depth innermost. */
export interface RawGrid {
  cells: Float32Array;
  width: number;
  height: number;
  depth: number;
}

/**
 * Runs the backbone on `image` stretched to size × size and returns `node`'s map, cell by cell.
 * The converted networks keep TF.js's NHWC layout (onnx-backbone.ts reads them the same way).
 */
export async function backboneGrid(onnx: OnnxSession, inputNode: string, node: string, size: number, image: RgbImage): Promise<RawGrid> {
  const result = await onnx.run({ [inputNode]: { data: resizeToFloat(image, size, size), dims: [1, size, size, 3] } }, [node]);
  const map = result[node];
  if (!map || map.dims.length !== 4 || map.dims[0] !== 1) throw new Error(`localizer: ${node} is not one NHWC map`);
  const [, height, width, depth] = map.dims as [number, number, number, number];
  return { cells: map.data, height, width, depth };
}

/** How many of the localizer's likeliest objects a whole photo is searched by (lib/server/search.ts). */
export const PHOTO_OBJECTS = 2;

export class ObjectLocalizer {
  private readonly mean: Float32Array;
  private readonly matrix: Float32Array;
  private readonly scorer: WindowScorer;
  private windows: { width: number; height: number; list: CellWindow[] } | null = null;

  private constructor(
    private readonly onnx: OnnxSession,
    readonly manifest: LocalizerManifest,
  ) {
    this.mean = Float32Array.from(manifest.reduction.mean);
    this.matrix = Float32Array.from(manifest.reduction.matrix);
    const s = manifest.scorer;
    this.scorer = {
      featureMean: Float32Array.from(s.featureMean),
      featureStd: Float32Array.from(s.featureStd),
      w1: Float32Array.from(s.w1),
      b1: Float32Array.from(s.b1),
      w2: Float32Array.from(s.w2),
      b2: s.b2,
    };
  }

  /** `root` is the repository root, against which the file and its network resolve. */
  static async load(root: string, file = LOCALIZER_FILE): Promise<ObjectLocalizer> {
    const manifest = LocalizerManifest.parse(JSON.parse(await readFile(path.join(root, file), "utf8")));
    const onnx = await createOnnxSession(manifest.network, root, "object localizer");
    return new ObjectLocalizer(onnx, manifest);
  }

  /** The `count` likeliest objects, best first, none overlapping another by more than IoU 0.3. */
  async locate(image: RgbImage, count: number): Promise<LocatedObject[]> {
    const { inputNode, node, inputSize } = this.manifest;
    const raw = await backboneGrid(this.onnx, inputNode, node, inputSize, image);
    const grid = reduceGrid(raw.cells, raw.width, raw.height, this.mean, this.matrix);
    const windows = this.windowsFor(raw.width, raw.height);
    const logits = scoreWindows(windowFeatures(grid, windows), this.scorer);
    return bestWindows(windows, logits, raw.width, raw.height, count, 0.3);
  }

  private windowsFor(width: number, height: number): CellWindow[] {
    if (this.windows?.width !== width || this.windows.height !== height) {
      this.windows = { width, height, list: anchorWindows(width, height, this.manifest.windows) };
    }
    return this.windows.list;
  }

  dispose(): void {
    this.onnx.dispose();
  }
}
