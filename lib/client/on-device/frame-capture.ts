// A JPEG of a picture the page holds as an ImageBitmap, for when the server must see the image
// itself (no on-device model, or the server refused the device's vector).
import "client-only";

export async function bitmapToJpeg(bitmap: ImageBitmap, quality = 0.9): Promise<Blob> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no 2D canvas");
  context.drawImage(bitmap, 0, 0);
  return canvas.convertToBlob({ type: "image/jpeg", quality });
}
