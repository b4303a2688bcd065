import { describe, expect, it } from "vitest";
import { decodeError, hasDecoder } from "./decode";

describe("decodeError", () => {
  it("reports a pixel-limit refusal as image_too_large", () => {
    const error = decodeError(new Error("Input image exceeds pixel limit"), "png");
    expect([error.code, error.status]).toEqual(["image_too_large", 413]);
  });

  it("reports anything else as corrupt_image", () => {
    const error = decodeError(new Error("VipsJpeg: premature end of JPEG image"), "jpeg");
    expect([error.code, error.status]).toEqual(["corrupt_image", 422]);
  });
});

describe("hasDecoder", () => {
  it("finds the decoders Glimpse relies on in this build", () => {
    for (const format of ["jpeg", "png", "webp", "gif", "avif"] as const) expect(hasDecoder(format)).toBe(true);
  });
});
