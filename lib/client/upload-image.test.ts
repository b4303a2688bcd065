import { describe, expect, it } from "vitest";
import { UPLOAD_MAX_SIDE, uploadSize } from "./upload-image";

describe("uploadSize", () => {
  it("brings a 48-megapixel photo within the longest side, keeping its shape", () => {
    const size = uploadSize(8000, 6000);
    expect(size).toEqual({ width: UPLOAD_MAX_SIDE, height: 3072 });
    expect(size.width * size.height).toBeLessThan(40_000_000);
  });

  it("leaves smaller pictures alone and never enlarges", () => {
    expect(uploadSize(1200, 900)).toEqual({ width: 1200, height: 900 });
    expect(uploadSize(30, 20000)).toEqual({ width: 6, height: UPLOAD_MAX_SIDE });
  });
});
