import { describe, expect, it } from "vitest";
import { fitInside, rgbaToRgb } from "./frame-pixels";

describe("frame pixels", () => {
  it("flattens transparency on white", () => {
    const rgb = rgbaToRgb(Uint8ClampedArray.from([10, 20, 30, 255, 0, 0, 0, 0, 100, 100, 100, 128]), 3, 1);
    expect([...rgb.data]).toEqual([10, 20, 30, 255, 255, 255, 177, 177, 177]);
  });

  it("shrinks to fit inside the server's size and never enlarges", () => {
    expect(fitInside(1280, 720, 512)).toEqual({ width: 512, height: 288 });
    expect(fitInside(480, 640, 512)).toEqual({ width: 384, height: 512 });
    expect(fitInside(300, 200, 512)).toEqual({ width: 300, height: 200 });
  });
});
