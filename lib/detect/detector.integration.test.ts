// The scene detector with the real CenterNet model on composed scenes: finds the pasted items
// and keeps its caps.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DETECTOR_CONFIG } from "./config";
import { SceneDetector } from "./detector";
import { centreInside, composeScene, decodeRgb } from "./test-scenes";

let detector: SceneDetector;
let noFallback: SceneDetector;

beforeAll(async () => {
  detector = await SceneDetector.load(process.cwd());
  noFallback = await SceneDetector.load(process.cwd(), { ...DEFAULT_DETECTOR_CONFIG, fallback: false });
});

describe("SceneDetector", () => {
  it("finds two pasted items on a photo, each box centred inside its item", async () => {
    const scene = await composeScene("photography-weathered-wooden-boards.webp", [
      { file: "vehicles-bus-style-2.webp", left: 40, top: 60, size: 220 },
      { file: "fruit-mandarin-orange.webp", left: 380, top: 220, size: 200 },
    ]);
    const found = await detector.detect(await decodeRgb(scene.jpeg));
    expect(found.length).toBeLessThanOrEqual(DEFAULT_DETECTOR_CONFIG.proposals.maxObjects);
    for (const truth of scene.boxes) expect(found.some((d) => centreInside(d.box, truth))).toBe(true);
    for (const d of found) {
      expect(d.box.x).toBeGreaterThanOrEqual(0);
      expect(d.box.x + d.box.w).toBeLessThanOrEqual(1);
      expect(d.score).toBeGreaterThan(0);
      expect(d.score).toBeLessThanOrEqual(1);
    }
  });

  it("names a COCO object with the detector alone", async () => {
    const scene = await composeScene("photography-weathered-wooden-boards.webp", [{ file: "fruit-mandarin-orange.webp", left: 220, top: 120, size: 240 }]);
    const found = await noFallback.detect(await decodeRgb(scene.jpeg));
    expect(found.every((d) => d.source === "detector")).toBe(true);
    expect(found.some((d) => ["apple", "orange"].includes(d.label) && centreInside(d.box, scene.boxes[0]!))).toBe(true);
  });
});
