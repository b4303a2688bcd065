// Bounds on what an upload may be. The byte limit is also what a multipart parser should
// enforce before buffering a whole body.
import { AppError } from "@/lib/errors";

export interface ImageLimits {
  /** Largest accepted upload, in bytes. */
  readonly maxBytes: number;
  /** Largest accepted image, in pixels (width × height of the first frame), as its header declares. */
  readonly maxPixels: number;
  /** Smallest accepted short side, in pixels; smaller images carry too little to search with. */
  readonly minSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 40_000_000,
  minSide: 32,
};

/** The error for an image whose declared size is over `maxPixels`. */
export function tooManyPixels(width: number, height: number, maxPixels: number): AppError {
  return new AppError(
    "image_too_large",
    `The image is ${width}×${height} pixels; at most ${Math.round(maxPixels / 1e6)} megapixels are accepted.`,
    413,
  );
}
