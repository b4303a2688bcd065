// Whether a picture is one object on a plain background (a catalog shot, clip art, a product on
// white): its border is one colour and what differs from that colour forms a single blob. Shop
// the Look then shows that one object instead of dots on its parts; image search treats it as a
// product shot when the object also fills the frame (isProductShot). Pure.
import { resizeToFloat } from "@/lib/embedding/resample";
import type { Box } from "@/lib/contracts";
import type { RgbImage } from "@/lib/image/types";
import { blobs } from "./foreground";

export interface PlainBackgroundOptions {
  /** Long side of the working map in cells. */
  mapSide: number;
  /** Width of the border ring, as a share of each side. */
  ring: number;
  /** Largest per-channel difference (0–255) from the border's colour that still counts as background. */
  tolerance: number;
  /** Share of the ring that must be background. */
  plainRing: number;
  /** Blobs below this share of the map are specks, not objects. */
  minBlob: number;
}

export const DEFAULT_PLAIN_BACKGROUND: PlainBackgroundOptions = { mapSide: 64, ring: 0.05, tolerance: 24, plainRing: 0.9, minBlob: 0.01 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The one object's box (normalized) when the picture is one object on a plain background, else null. */
export function oneObjectOnPlainBackground(image: RgbImage, options: PlainBackgroundOptions = DEFAULT_PLAIN_BACKGROUND): Box | null {
  const scale = options.mapSide / Math.max(image.width, image.height);
  const width = Math.max(4, Math.round(image.width * scale));
  const height = Math.max(4, Math.round(image.height * scale));
  const pixels = resizeToFloat(image, width, height);
  const ringX = Math.max(1, Math.round(width * options.ring));
  const ringY = Math.max(1, Math.round(height * options.ring));
  const ring: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= ringX && x < width - ringX && y >= ringY && y < height - ringY) continue;
      ring.push(y * width + x);
    }
  }
  const background = [0, 1, 2].map((c) => median(ring.map((i) => pixels[i * 3 + c]!)));
  const distance = new Float32Array(width * height);
  for (let i = 0; i < distance.length; i++) {
    distance[i] = Math.max(...[0, 1, 2].map((c) => Math.abs(pixels[i * 3 + c]! - background[c]!)));
  }
  const plain = ring.filter((i) => distance[i]! <= options.tolerance).length / ring.length;
  if (plain < options.plainRing) return null;
  const objects = blobs({ values: distance, width, height }, options.tolerance, Math.max(1, Math.round(options.minBlob * distance.length)));
  return objects.length === 1 ? objects[0]!.box : null;
}

/**
 * Below this share of the frame, one object on a plain background is a small thing photographed
 * on a plain surface, not a product shot. Of the demo catalog's 1,368 such pictures 99 % have an
 * object box of at least 0.40 of the frame; cards on smooth photos (npm run eval-phone-photos)
 * have at most 0.25.
 */
const PRODUCT_SHOT_MIN_AREA = 0.33;

/** A product shot: one object on a plain background, filling much of the frame. */
export function isProductShot(image: RgbImage): boolean {
  const object = oneObjectOnPlainBackground(image);
  return object !== null && object.w * object.h >= PRODUCT_SHOT_MIN_AREA;
}
