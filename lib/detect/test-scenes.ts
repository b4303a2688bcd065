// Test scenes composed with sharp: demo-catalog items pasted on a crop of a demo photograph,
// with the boxes where they were put (normalized). For tests only.
import path from "node:path";
import sharp from "sharp";
import type { Box } from "@/lib/contracts";
import type { RgbImage } from "@/lib/image/types";

export const DEMO_IMAGES = path.join(process.cwd(), "catalog/demo/images");

export interface Placement {
  file: string;
  left: number;
  top: number;
  size: number;
}

export interface Scene {
  jpeg: Buffer;
  width: number;
  height: number;
  boxes: Box[];
}

export async function composeScene(background: string, placements: readonly Placement[], width = 640, height = 480): Promise<Scene> {
  const base = await sharp(path.join(DEMO_IMAGES, background)).resize(width, height, { fit: "cover" }).toBuffer();
  const layers = await Promise.all(
    placements.map(async (p) => ({
      input: await sharp(path.join(DEMO_IMAGES, p.file)).resize(p.size, p.size, { fit: "contain", background: "#ffffff" }).flatten({ background: "#ffffff" }).toBuffer(),
      left: p.left,
      top: p.top,
    })),
  );
  const jpeg = await sharp(base).composite(layers).jpeg({ quality: 88 }).toBuffer();
  const boxes = placements.map((p) => ({ x: p.left / width, y: p.top / height, w: p.size / width, h: p.size / height }));
  return { jpeg, width, height, boxes };
}

export async function decodeRgb(bytes: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

export function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner.x + inner.w / 2;
  const cy = inner.y + inner.h / 2;
  return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
}
