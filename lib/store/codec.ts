// How values cross the database boundary: vectors as little-endian float32 bytes, feed
// cursors as opaque strings, public pin ids as short random base62.
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeVector(vector: Float32Array): Uint8Array {
  if (littleEndianHost) {
    return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  }
  const out = Buffer.alloc(vector.byteLength);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  vector.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`vector of ${bytes.byteLength} bytes is not float32`);
  const n = bytes.byteLength / 4;
  // Copy: the driver's buffer may be shared and need not be 4-byte aligned.
  const copy = new Uint8Array(bytes);
  if (littleEndianHost) return new Float32Array(copy.buffer, 0, n);
  const view = new DataView(copy.buffer);
  return Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
}

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 12-character base62 id (~71 bits), unguessable and URL-safe. */
export function newPinId(length = 12): string {
  let id = "";
  while (id.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && id.length < length) id += base62[byte % 62];
    }
  }
  return id;
}

const cursorPrefix = "s1.";

/** The feed cursor names the last pin shown; the next page starts below its seq. */
export function encodeFeedCursor(seq: bigint): string {
  return Buffer.from(`${cursorPrefix}${seq}`).toString("base64url");
}

export function decodeFeedCursor(cursor: string): bigint {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const digits = text.startsWith(cursorPrefix) ? text.slice(cursorPrefix.length) : "";
  if (!/^[0-9]{1,19}$/.test(digits)) throw new AppError("invalid_field", "cursor is not valid", 400);
  return BigInt(digits);
}
