// Object detection for Shop the Look: the detector (server), and its pure pieces.
export { SceneDetector } from "./detector";
export { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./config";
export { catalogCategory } from "./coco";
export { selectObjects } from "./select";
export { iou, withMargin } from "./boxes";
export type { Detection, DetectionSource, Detector } from "./types";
