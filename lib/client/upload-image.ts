// Pictures are shrunk in the browser before they are uploaded: a phone's 48-megapixel photo is
// over the server's limits (40 megapixels, 20 MB) and far more than a search or a pin needs.
// Anything the browser cannot decode itself (HEIC in most browsers) goes up as it is; the
// server decodes it.
import "client-only";

/** The longest side an upload keeps: well above what the model and the largest rendition use. */
export const UPLOAD_MAX_SIDE = 4096;
/** Files up to this size whose pixels also fit are sent untouched, with no re-encoding. */
const UNTOUCHED_MAX_BYTES = 8 * 1024 * 1024;

/** The size a picture of `width`×`height` is scaled to: within UPLOAD_MAX_SIDE, never enlarged. */
export function uploadSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, UPLOAD_MAX_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

// One image searched with goes up more than once (the search, its shareable copy, Shop the
// Look): it is decoded and shrunk once.
const prepared = new WeakMap<Blob, Promise<Blob>>();

/** The picture as it is sent: `image` itself, or a JPEG within UPLOAD_MAX_SIDE. */
export function uploadableImage(image: Blob): Promise<Blob> {
  let upload = prepared.get(image);
  if (!upload) {
    upload = shrink(image);
    prepared.set(image, upload);
  }
  return upload;
}

async function shrink(image: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image, { imageOrientation: "from-image" });
  } catch {
    return image;
  }
  try {
    const size = uploadSize(bitmap.width, bitmap.height);
    if (size.width === bitmap.width && size.height === bitmap.height && image.size <= UNTOUCHED_MAX_BYTES) return image;
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext("2d");
    if (!context) return image;
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return await canvas.convertToBlob({ type: "image/jpeg", quality: 0.9 });
  } finally {
    bitmap.close();
  }
}
