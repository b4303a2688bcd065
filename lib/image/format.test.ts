import { describe, expect, it } from "vitest";
import { sniffImageFormat } from "./format";
import { encoded } from "./test-images";

function isoBmff(major: string, compatible: string[]): Uint8Array {
  const brands = [major, "\0\0\0\0", ...compatible].join("");
  const size = 8 + brands.length;
  const box = Buffer.alloc(size + 8);
  box.writeUInt32BE(size, 0);
  box.write(`ftyp${brands}`, 4, "latin1");
  return new Uint8Array(box);
}

describe("sniffImageFormat", () => {
  it.each(["jpeg", "png", "webp", "gif", "avif"] as const)("recognises %s from sharp's output", async (format) => {
    expect(sniffImageFormat(await encoded(format, 40, 40))).toBe(format);
  });

  it("recognises HEIC brands, and AVIF inside a generic HEIF major brand", () => {
    expect(sniffImageFormat(isoBmff("heic", ["mif1", "heic"]))).toBe("heic");
    expect(sniffImageFormat(isoBmff("mif1", ["heic"]))).toBe("heic");
    expect(sniffImageFormat(isoBmff("mif1", ["miaf", "avif"]))).toBe("avif");
  });

  it("rejects text, other containers and fragments of a signature", () => {
    expect(sniffImageFormat(new TextEncoder().encode("hello, I am a PNG file honestly"))).toBeNull();
    expect(sniffImageFormat(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    expect(sniffImageFormat(isoBmff("isom", ["mp41"]))).toBeNull(); // an MP4 video
    expect(sniffImageFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffImageFormat(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffImageFormat(new Uint8Array(0))).toBeNull();
  });
});
