// A JPEG of a picture the page holds as an ImageBitmap, for the server's refinement: downscaled
// so a camera frame uploads in a fraction of a second, yet large enough that a box drawn on it
// still holds more pixels than the server embeds (it crops the box, then resizes to 512 px).
import "client-only";

/** Longer side of the picture sent to the server. */
const UPLOAD_MAX_SIDE = 1280;

export async function bitmapToJpeg(bitmap: ImageBitmap, quality = 0.88): Promise<Blob> {
  const scale = Math.min(1, UPLOAD_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, width, height);
  return canvas.convertToBlob({ type: "image/jpeg", quality });
}
