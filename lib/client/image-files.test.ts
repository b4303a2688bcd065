import { describe, expect, it } from "vitest";
import { formatBytes, isImageFile } from "./image-files";

describe("isImageFile", () => {
  it("trusts a MIME type when there is one", () => {
    expect(isImageFile({ type: "image/png", name: "x.txt" })).toBe(true);
    expect(isImageFile({ type: "text/plain", name: "x.png" })).toBe(false);
  });
  it("falls back to the extension when the browser gives no type", () => {
    expect(isImageFile({ type: "", name: "IMG_0001.HEIC" })).toBe(true);
    expect(isImageFile({ type: "", name: "notes" })).toBe(false);
  });
});

describe("formatBytes", () => {
  it("picks a readable unit", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(3.5 * 1024 * 1024)).toBe("3.5 MB");
  });
});
