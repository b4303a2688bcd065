// Decoded pixels as the embedders consume them, on the server and in the browser alike.

/** Interleaved 8-bit RGB, row-major, no alpha (transparent images are flattened on white). */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}
