import { describe, expect, it } from "vitest";
import { resizeRgb, resizeToFloat } from "./resample";
import type { RgbImage } from "@/lib/image/types";

function solid(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height };
}

function gradient(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([Math.round((x / (width - 1)) * 255), Math.round((y / (height - 1)) * 255), 77], (y * width + x) * 3);
  return { data, width, height };
}

describe("resizeToFloat", () => {
  it("keeps a flat colour flat when shrinking and enlarging", () => {
    for (const [w, h] of [[7, 5], [224, 224], [3, 300]] as const) {
      const out = resizeToFloat(solid(40, 30, [10, 200, 99]), w, h);
      expect(out.length).toBe(w * h * 3);
      let worst = 0;
      for (let i = 0; i < out.length; i += 3) {
        worst = Math.max(worst, Math.abs(out[i]! - 10), Math.abs(out[i + 1]! - 200), Math.abs(out[i + 2]! - 99));
      }
      expect(worst).toBeLessThan(1e-3);
    }
  });

  it("averages away a one-pixel checkerboard when shrinking (no aliasing)", () => {
    const img = solid(64, 64, [0, 0, 0]);
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) if ((x + y) % 2 === 0) img.data.fill(255, (y * 64 + x) * 3, (y * 64 + x) * 3 + 3);
    const out = resizeToFloat(img, 16, 16);
    expect(Math.max(...Array.from(out, (v) => Math.abs(v - 127.5)))).toBeLessThan(20);
  });

  it("keeps a gradient monotonic and is deterministic", () => {
    const a = resizeToFloat(gradient(100, 60), 37, 23);
    const b = resizeToFloat(gradient(100, 60), 37, 23);
    expect(a).toEqual(b);
    for (let x = 1; x < 37; x++) expect(a[x * 3]!).toBeGreaterThan(a[(x - 1) * 3]!);
  });

  it("is the identity at the same size", () => {
    const img = gradient(9, 6);
    expect(Array.from(resizeRgb(img, 9, 6).data)).toEqual(Array.from(img.data));
  });

  it("rejects an image whose buffer does not match its size", () => {
    expect(() => resizeToFloat({ data: new Uint8Array(10), width: 2, height: 2 }, 4, 4)).toThrow(RangeError);
  });
});
