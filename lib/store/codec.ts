// How values cross the database boundary: feed cursors as opaque strings, public ids of pins
// and boards as short random base62. Vectors are little-endian float32 bytes (lib/embedding/vectors.ts).
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 12-character base62 id (~71 bits), unguessable and URL-safe: a pin's or a board's public id. */
export function newPublicId(length = 12): string {
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
