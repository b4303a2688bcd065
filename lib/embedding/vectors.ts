// Vectors, one copy for browser and server: the little-endian float32 byte format (stored
// vectors, model parameter files, base64 on the wire), dot product, L2 normalization and the
// API's 0–1 score. Pure.

/** Little-endian float32 bytes, whatever the machine's byte order. */
export function float32ToBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

/**
 * Reads little-endian float32 bytes (any alignment) into a new array; `expected` values, when
 * given, must be exactly what the bytes hold.
 */
export function float32FromBytes(bytes: Uint8Array, expected?: number): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`${bytes.byteLength} bytes are not a whole number of float32 values`);
  const n = bytes.byteLength / 4;
  if (expected !== undefined && n !== expected) throw new RangeError(`${bytes.byteLength} bytes where ${expected} float32 values were expected`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Scales to unit L2 norm in place; an all-zero vector stays zero. Returns its argument. */
export function l2NormalizeInPlace(x: Float32Array): Float32Array {
  const s = dot(x, x);
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < x.length; i++) x[i]! *= inv;
  }
  return x;
}

/** The API's score for a similarity of unit vectors: the cosine clamped to 0–1. */
export function scoreOf(similarity: number): number {
  return Math.min(1, Math.max(0, similarity));
}
