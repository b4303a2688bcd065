import { describe, expect, it } from "vitest";
import { borderBackground } from "./matte";

function image(width: number, height: number, dark: (x: number, y: number) => boolean): Uint8Array {
  const data = new Uint8Array(width * height * 3).fill(255);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (dark(x, y)) data.fill(20, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return data;
}

describe("borderBackground", () => {
  it("marks the light pixels reachable from the border, not the light ones inside the object", () => {
    // A dark ring (2..7) with a light hole (4..5) inside: the hole is part of the object.
    const ring = (x: number, y: number) => x >= 2 && x <= 7 && y >= 2 && y <= 7 && !(x >= 4 && x <= 5 && y >= 4 && y <= 5);
    const mask = borderBackground(image(10, 10, ring), 10, 10);
    expect(mask[0]).toBe(1);
    expect(mask[2 * 10 + 2]).toBe(0);
    expect(mask[4 * 10 + 4]).toBe(0);
    expect(mask.reduce((s, m) => s + m, 0)).toBe(100 - 36);
  });

  it("finds no background in a picture that fills the frame", () => {
    const mask = borderBackground(image(6, 4, () => true), 6, 4);
    expect(mask.every((m) => m === 0)).toBe(true);
  });
});
