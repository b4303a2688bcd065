import { describe, expect, it } from "vitest";
import { float32FromBytes } from "@/lib/embedding/vectors";
import { base64ToBytes, bytesToBase64, float32ToBase64 } from "./base64";

describe("base64", () => {
  it("round-trips bytes, including long arrays", () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it("encodes float32 little-endian as the server decodes it", () => {
    const encoded = float32ToBase64(Float32Array.from([1, -0.5]));
    expect([...Buffer.from(encoded, "base64")]).toEqual([0, 0, 128, 63, 0, 0, 0, 191]);
    expect([...float32FromBytes(base64ToBytes(encoded), 2)]).toEqual([1, -0.5]);
    expect(() => float32FromBytes(new Uint8Array(7), 2)).toThrow(RangeError);
  });
});
