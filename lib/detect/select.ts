// Picks the objects a scene shows from its proposals once each has been matched against the
// catalog: a proposal whose crop looks like some product is likelier a shoppable object than
// one that looks like nothing sold, whatever the detector thought. Ranked by that best match
// (a named COCO detection gets a small bonus), then suppressed in that order. Pure.
import { suppressInOrder, type SuppressionOptions } from "./nms";
import type { Detection } from "./types";

export interface Verified {
  detection: Detection;
  /** Similarity of the proposal's crop to its best-matching product. */
  bestMatch: number;
}

export interface SelectionOptions {
  suppression: SuppressionOptions;
  /** Added to a named detection's best match when ranking. */
  namedBonus: number;
}

/**
 * On the dev benchmark this ranking lifted objects found from 71.5% to 74.9% (centre in box)
 * and 45.8% to 52.5% (IoU ≥ 0.5) over ranking by detector confidence, at the same cap.
 */
export const DEFAULT_SELECTION: SelectionOptions = {
  suppression: { iouThreshold: 0.45, containThreshold: 0.8, maxObjects: 6 },
  namedBonus: 0.05,
};

export function selectObjects<T extends Verified>(verified: readonly T[], options: SelectionOptions = DEFAULT_SELECTION): T[] {
  const worth = (v: Verified) => v.bestMatch + (v.detection.source === "detector" ? options.namedBonus : 0);
  const ordered = [...verified].sort((a, b) => worth(b) - worth(a));
  return suppressInOrder(ordered, (v) => v.detection.box, options.suppression);
}
