// Merges overlapping boxes into the few objects a scene shows: greedy non-maximum suppression
// in a given order, with a rule for parts (a box mostly inside another) and a cap.
import type { Box } from "@/lib/contracts";
import { containment, iou } from "./boxes";
import type { Detection } from "./types";

export interface SuppressionOptions {
  /** Overlap above which the later of two boxes is dropped. */
  iouThreshold: number;
  /**
   * Share of a box inside another (either way) above which the later one is dropped: a blob
   * that is a part of an object (a cup's handle) is not another object. 1 keeps nested boxes.
   */
  containThreshold: number;
  maxObjects: number;
}

/** Keeps items in the order given, unless one clashes with an item kept before it. */
export function suppressInOrder<T>(ordered: readonly T[], boxOf: (item: T) => Box, options: SuppressionOptions): T[] {
  const kept: T[] = [];
  for (const candidate of ordered) {
    if (kept.length >= options.maxObjects) break;
    const box = boxOf(candidate);
    const clash = kept.some((k) => {
      const other = boxOf(k);
      return (
        iou(other, box) > options.iouThreshold ||
        (options.containThreshold < 1 &&
          (containment(box, other) > options.containThreshold || containment(other, box) > options.containThreshold))
      );
    });
    if (!clash) kept.push(candidate);
  }
  return kept;
}

/** Detector boxes outrank fallback boxes; within a source, higher score first. */
function rank(a: Detection, b: Detection): number {
  if (a.source !== b.source) return a.source === "detector" ? -1 : 1;
  return b.score - a.score;
}

/** Suppression by detection confidence, named detections first. */
export function suppress(detections: readonly Detection[], options: SuppressionOptions): Detection[] {
  return suppressInOrder([...detections].sort(rank), (d) => d.box, options);
}
