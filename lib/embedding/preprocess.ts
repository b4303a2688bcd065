// Turns an RgbImage into a backbone's input tensor data (NHWC float32), as its manifest says.
// Pure, shared by browser and server.
import type { RgbImage } from "@/lib/image/types";
import type { InputSpec } from "./manifest";
import { resizeToFloat } from "./resample";

/** Resized to the input size and normalized per channel: (pixel − mean) / std. */
export function toModelInput(image: RgbImage, input: InputSpec): Float32Array {
  const pixels = resizeToFloat(image, input.width, input.height);
  const [mr, mg, mb] = input.mean;
  const [sr, sg, sb] = input.std;
  for (let i = 0; i < pixels.length; i += 3) {
    pixels[i] = (pixels[i]! - mr) / sr;
    pixels[i + 1] = (pixels[i + 1]! - mg) / sg;
    pixels[i + 2] = (pixels[i + 2]! - mb) / sb;
  }
  return pixels;
}
