// Image intake for the server: validate an upload, turn it into pixels, store and serve it.
// Pure pieces (format sniffing, box maths, dominant colour) are importable on their own.
import "server-only";

export { validateImage, type ValidatedImage } from "./validate";
export { toRgb, type RgbOptions } from "./pixels";
export { ImageStore, isSha256, type StoredImageFile } from "./store";
export { IMAGE_VARIANTS, type ImageVariant, type RenditionEncoding } from "./renditions";
export { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./limits";
export { CONTENT_TYPES, sniffImageFormat, type ImageFormat } from "./format";
export { MIN_REGION_SIDE, boxToPixelRect, cropBox, cropRgb, type PixelRect } from "./box";
export type { RgbImage } from "./types";
