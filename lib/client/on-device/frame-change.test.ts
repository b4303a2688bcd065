import { describe, expect, it } from "vitest";
import { frameChanged, greyThumbnail, thumbnailDifference } from "./frame-change";

function rgba(values: number[]): Uint8Array {
  return Uint8Array.from(values.flatMap((v) => [v, v, v, 255]));
}

describe("frame change", () => {
  it("turns RGBA into luma", () => {
    expect([...greyThumbnail(Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 10, 10, 10, 0]))]).toEqual([76, 150, 10]);
  });

  it("measures the mean absolute difference", () => {
    expect(thumbnailDifference(Uint8Array.from([0, 10, 20]), Uint8Array.from([3, 4, 20]))).toBeCloseTo(3, 9);
    expect(() => thumbnailDifference(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
  });

  it("ignores noise and sees a new picture", () => {
    const still = greyThumbnail(rgba(Array.from({ length: 256 }, (_, i) => i % 200)));
    const noisy = greyThumbnail(rgba(Array.from({ length: 256 }, (_, i) => (i % 200) + (i % 3) - 1)));
    const moved = greyThumbnail(rgba(Array.from({ length: 256 }, (_, i) => ((i + 40) % 200))));
    expect(frameChanged(null, still)).toBe(true);
    expect(frameChanged(still, noisy)).toBe(false);
    expect(frameChanged(still, moved)).toBe(true);
  });
});
