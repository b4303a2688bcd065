// What a scene detector promises: shoppable objects as normalized boxes (0–1, top-left origin,
// the one box convention in Glimpse), each with a label, a confidence and where it came from.
import type { Box } from "@/lib/contracts";
import type { RgbImage } from "@/lib/image/types";

export type DetectionSource = "detector" | "saliency" | "localizer";

export interface Detection {
  box: Box;
  /** A COCO class name from the detector, or "object" from the class-agnostic fallback. */
  label: string;
  /** Confidence that this is an object, 0–1. */
  score: number;
  source: DetectionSource;
}

export interface Detector {
  /** Proposals: likely objects, near-duplicates merged, more than a scene will show. */
  detect(image: RgbImage): Promise<Detection[]>;
  dispose(): void;
}
