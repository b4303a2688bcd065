// A fake camera for the Lens tests: a phone photo of a seeded product (scripts/lib/phone-photo.ts:
// printed on a card, lying askew among flowers, small, blurred and JPEG-compressed) written as a
// YUV4MPEG2 (C420) video, which Chromium plays as its camera with --use-file-for-fake-video-capture. Also Playwright's global setup, which writes
// the file before any browser starts (the flag reads it at launch).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { Box } from "@/lib/contracts";
import type { CatalogLine } from "@/scripts/lib/catalog-source";
import { phonePhoto } from "@/scripts/lib/phone-photo";
import { catalogImagePath, seedLines } from "./catalog";

export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;

/** The product the camera looks at: a seeded pin (see seedLines). */
export const CAMERA_PRODUCT_TITLE = "Cartoon forklift truck";
/** The photo behind it: a catalog image that is not seeded, so it cannot match by itself. */
const BACKGROUND = path.join("catalog", "demo", "images", "photography-ladybird-among-forget-me-nots.webp");

/** Where the video goes: chosen once by playwright.config.ts, which hands it to Chromium. */
export function fakeCameraFile(): string {
  const file = process.env.GLIMPSE_E2E_CAMERA;
  if (!file) throw new Error("GLIMPSE_E2E_CAMERA is not set (playwright.config.ts sets it)");
  return file;
}

export function cameraProduct(): CatalogLine {
  const line = seedLines().find((l) => l.title === CAMERA_PRODUCT_TITLE);
  if (!line) throw new Error(`${CAMERA_PRODUCT_TITLE} is not among the seeded pins`);
  return line;
}

export interface CameraPicture {
  /** The photo as a phone would send it. */
  jpeg: Buffer;
  /** The same photo decoded, as the camera plays it. */
  rgb: Buffer;
  /** Where the product is in the frame, normalized 0–1. */
  box: Box;
}

/** The camera's picture as the tests see it, with the product's box. */
export async function cameraPicture(): Promise<CameraPicture> {
  const { jpeg, box } = await phonePhoto(catalogImagePath(cameraProduct()), BACKGROUND, { width: CAMERA_WIDTH, height: CAMERA_HEIGHT });
  return { jpeg, rgb: await sharp(jpeg).raw().toBuffer(), box };
}

/** Interleaved RGB → planar I420 (BT.601, limited range, chroma averaged over 2×2). */
export function rgbToI420(rgb: Uint8Array, width: number, height: number): Uint8Array {
  if (width % 2 || height % 2) throw new RangeError("I420 needs even sides");
  const out = new Uint8Array((width * height * 3) / 2);
  const u0 = width * height;
  const v0 = u0 + (width * height) / 4;
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i < width * height; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    out[i] = clamp(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = ((y + dy) * width + x + dx) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4 * 255;
      g /= 4 * 255;
      b /= 4 * 255;
      const c = (y / 2) * (width / 2) + x / 2;
      out[u0 + c] = clamp(128 - 37.797 * r - 74.203 * g + 112 * b);
      out[v0 + c] = clamp(128 + 112 * r - 93.786 * g - 18.214 * b);
    }
  }
  return out;
}

/** A still picture as a short looping video: Chromium replays the file from the start at its end. */
export function y4mVideo(rgb: Uint8Array, width: number, height: number, frames = 3): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420\n`, "ascii");
  const frame = Buffer.concat([Buffer.from("FRAME\n", "ascii"), rgbToI420(rgb, width, height)]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

export async function writeFakeCamera(file = fakeCameraFile()): Promise<string> {
  const { rgb } = await cameraPicture();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, y4mVideo(rgb, CAMERA_WIDTH, CAMERA_HEIGHT));
  return file;
}

/** Playwright global setup. */
export default async function globalSetup(): Promise<void> {
  await writeFakeCamera();
}
