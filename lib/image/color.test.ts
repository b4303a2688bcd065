import { describe, expect, it } from "vitest";
import { dominantColor } from "./color";

function image(pixels: [number, number, number][]) {
  return { data: new Uint8Array(pixels.flat()), width: pixels.length, height: 1 };
}

describe("dominantColor", () => {
  it("names a single colour exactly", () => {
    expect(dominantColor(image([[18, 52, 86], [18, 52, 86]]))).toBe("#123456");
  });

  it("picks the most common colour rather than the mean", () => {
    const white: [number, number, number] = [250, 250, 250];
    const red: [number, number, number] = [200, 10, 10];
    expect(dominantColor(image([white, white, white, red, red]))).toBe("#fafafa");
  });

  it("averages the colours within the winning bin", () => {
    expect(dominantColor(image([[96, 96, 96], [98, 98, 98]]))).toBe("#616161");
  });

  it("refuses an empty image", () => {
    expect(() => dominantColor({ data: new Uint8Array(0), width: 0, height: 0 })).toThrow(RangeError);
  });
});
