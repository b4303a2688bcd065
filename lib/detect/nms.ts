// Merges proposals from the detector and the class-agnostic fallback into the few objects a
// scene shows: greedy non-maximum suppression, preferring detector boxes, then a cap.
import { containment, iou } from "./boxes";
import type { Detection } from "./types";

export interface SuppressionOptions {
  /** Overlap above which the weaker of two boxes is dropped. */
  iouThreshold: number;
  /**
   * Share of a fallback box inside a kept box above which it is dropped too: a saliency blob
   * that is a part of a detected object (a cup's handle) is not another object.
   */
  containThreshold: number;
  maxObjects: number;
}

/** Detector boxes outrank fallback boxes; within a source, higher score first. */
function rank(a: Detection, b: Detection): number {
  if (a.source !== b.source) return a.source === "detector" ? -1 : 1;
  return b.score - a.score;
}

export function suppress(detections: readonly Detection[], options: SuppressionOptions): Detection[] {
  const kept: Detection[] = [];
  for (const candidate of [...detections].sort(rank)) {
    if (kept.length >= options.maxObjects) break;
    const clash = kept.some(
      (k) =>
        iou(k.box, candidate.box) > options.iouThreshold ||
        (candidate.source === "saliency" &&
          (containment(candidate.box, k.box) > options.containThreshold || containment(k.box, candidate.box) > options.containThreshold)),
    );
    if (!clash) kept.push(candidate);
  }
  return kept;
}
