// Base64 as the API speaks it: sign-bit codes from `GET /api/codes`, and query vectors sent to
// `POST /api/search/embedding` as little-endian float32.
import { float32ToBytes } from "@/lib/embedding/vectors";

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Little-endian float32, as the server decodes it. */
export function float32ToBase64(values: Float32Array): string {
  return bytesToBase64(float32ToBytes(values));
}
