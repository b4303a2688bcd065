import { describe, expect, it } from "vitest";
import type { RgbImage } from "@/lib/image/types";
import { isProductShot, oneObjectOnPlainBackground } from "./plain-background";

/** A white picture with filled rectangles [x, y, w, h] in pixels, in one colour. */
function picture(width: number, height: number, rects: [number, number, number, number][], background: (x: number, y: number) => number = () => 255): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = rects.some(([rx, ry, rw, rh]) => x >= rx && x < rx + rw && y >= ry && y < ry + rh);
      const v = background(x, y);
      data.set(inside ? [200, 30, 40] : [v, v, v], (y * width + x) * 3);
    }
  }
  return { data, width, height };
}

describe("oneObjectOnPlainBackground", () => {
  it("sees one object on white", () => {
    expect(oneObjectOnPlainBackground(picture(320, 240, [[100, 60, 120, 110]]))).not.toBeNull();
  });

  it("sees two objects apart on white as more than one", () => {
    expect(oneObjectOnPlainBackground(picture(320, 240, [[30, 60, 80, 80], [200, 80, 80, 80]]))).toBeNull();
  });

  it("does not call a busy background plain", () => {
    const stripes = (x: number, y: number) => ((Math.floor(x / 12) + Math.floor(y / 12)) % 2 === 0 ? 230 : 40);
    expect(oneObjectOnPlainBackground(picture(320, 240, [[100, 60, 120, 110]], stripes))).toBeNull();
  });

  it("ignores specks beside the object", () => {
    expect(oneObjectOnPlainBackground(picture(320, 240, [[100, 60, 120, 110], [20, 20, 2, 2]]))).not.toBeNull();
  });
});

describe("isProductShot", () => {
  it("takes an object that fills the frame on white for a product shot", () => {
    expect(isProductShot(picture(320, 240, [[40, 30, 240, 180]]))).toBe(true);
  });

  it("takes a small object on a plain surface for a photo of it, not a product shot", () => {
    const small = picture(320, 240, [[180, 110, 90, 80]]);
    expect(oneObjectOnPlainBackground(small)).not.toBeNull();
    expect(isProductShot(small)).toBe(false);
  });
});
