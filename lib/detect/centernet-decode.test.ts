import { describe, expect, it } from "vitest";
import { decodeCenternet } from "./centernet-decode";

describe("decodeCenternet", () => {
  const raw = Float32Array.from([
    // x1, y1, x2, y2, score, class
    0, 0, 256, 128, 0.9, 41, // cup
    512, 512, 256, 384, 0.6, 0, // person, corners swapped
    10, 10, 20, 20, 0.1, 2, // below the score gate
    10, 10, 20, 20, 0.8, 99, // unknown class
    30, 30, 30, 60, 0.7, 1, // zero width
  ]);

  it("normalizes boxes by the input side and names COCO classes, best first", () => {
    const found = decodeCenternet(raw, { inputSize: 512, minScore: 0.3 });
    expect(found).toEqual([
      { box: { x: 0, y: 0, w: 0.5, h: 0.25 }, label: "cup", score: expect.closeTo(0.9) as number, source: "detector" },
      { box: { x: 0.5, y: 0.75, w: 0.5, h: 0.25 }, label: "person", score: expect.closeTo(0.6) as number, source: "detector" },
    ]);
  });

  it("refuses output of the wrong shape", () => {
    expect(() => decodeCenternet(new Float32Array(7), { inputSize: 512, minScore: 0 })).toThrow(RangeError);
  });
});
