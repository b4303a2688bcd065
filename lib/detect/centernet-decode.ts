// Turns CenterNet's `tower_0/detections` output ([N, 6]: x1, y1, x2, y2 in input pixels, score,
// class) into Detections. Pure, so it is tested without the model.
import { fromCorners } from "./boxes";
import { cocoLabel } from "./coco";
import type { Detection } from "./types";

export const CENTERNET_ROW = 6;

export interface DecodeOptions {
  /** Side of the square model input the coordinates are in (512 for this model). */
  inputSize: number;
  minScore: number;
}

/**
 * The input was the whole image stretched to a square, so dividing by the input side gives
 * normalized coordinates of the original image whatever its aspect ratio.
 */
export function decodeCenternet(raw: Float32Array, options: DecodeOptions): Detection[] {
  if (raw.length % CENTERNET_ROW !== 0) throw new RangeError(`detections length ${raw.length} is not a multiple of ${CENTERNET_ROW}`);
  const out: Detection[] = [];
  for (let i = 0; i < raw.length; i += CENTERNET_ROW) {
    const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, cls = -1] = raw.subarray(i, i + CENTERNET_ROW);
    if (!(score >= options.minScore) || !Number.isFinite(x1 + y1 + x2 + y2)) continue;
    const label = cocoLabel(Math.round(cls));
    if (!label) continue;
    const box = fromCorners(x1, y1, x2, y2, options.inputSize, options.inputSize);
    if (box.w <= 0 || box.h <= 0) continue;
    out.push({ box, label, score: Math.min(1, score), source: "detector" });
  }
  return out.sort((a, b) => b.score - a.score);
}
