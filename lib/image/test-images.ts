// Images made on the fly for tests: real encodings from sharp, and hand-built hostile files.
import { deflateSync } from "node:zlib";
import sharp, { type Sharp } from "sharp";

export type Rgb = readonly [number, number, number];

/** A `width`×`height` image of `color` with mild noise, so lossy encoders have real data to code. */
export function noisyRaw(width: number, height: number, color: Rgb, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const jitter = (state % 9) - 4;
    data[i] = Math.min(255, Math.max(0, color[i % 3]! + jitter));
  }
  return data;
}

export function rawImage(width: number, height: number, color: Rgb): Sharp {
  return sharp(noisyRaw(width, height, color), { raw: { width, height, channels: 3 } });
}

/** An image whose left half is `left` and right half `right`: shows which way it was turned. */
export function splitImage(width: number, height: number, left: Rgb, right: Rgb): Sharp {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set(x < width / 2 ? left : right, (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } });
}

export async function encoded(
  format: "jpeg" | "png" | "webp" | "gif" | "avif",
  width = 320,
  height = 240,
  color: Rgb = [40, 100, 200],
): Promise<Uint8Array> {
  const image = rawImage(width, height, color);
  const output = format === "avif" ? image.avif({ effort: 0 }) : image.toFormat(format);
  return new Uint8Array(await output.toBuffer());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * A well-formed 1-bit greyscale PNG of `width`×`height` white pixels. Zero rows deflate ~1000:1,
 * so 30000×30000 (900 Mpx) is about 110 KB on disk: a decompression bomb.
 */
export function bilevelPng(width: number, height: number): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + packed pixels
  const pixels = Buffer.alloc(rowBytes * height, 0xff);
  for (let row = 0; row < height; row++) pixels[row * rowBytes] = 0;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(pixels, { level: 9 })),
      chunk("IEND", new Uint8Array(0)),
    ]),
  );
}

export function parseHex(color: string): Rgb {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}
