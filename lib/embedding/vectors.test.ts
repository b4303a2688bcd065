import { describe, expect, it } from "vitest";
import { dot, float32FromBytes, float32ToBytes, l2NormalizeInPlace, scoreOf } from "./vectors";

const norm = (x: Float32Array) => Math.sqrt(dot(x, x));

describe("vectors", () => {
  it("round-trips float32 as little-endian bytes, from unaligned buffers too", () => {
    const vector = Float32Array.from([1, -2.5, Math.E, -0]);
    const bytes = float32ToBytes(vector);
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0x80, 0x3f]);
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    expect(float32FromBytes(unaligned)).toEqual(vector);
    expect(float32FromBytes(unaligned, 4)).toEqual(vector);
  });

  it("refuses bytes that are not the float32 values expected", () => {
    expect(() => float32FromBytes(new Uint8Array(3))).toThrow(/not a whole number/);
    expect(() => float32FromBytes(new Uint8Array(8), 3)).toThrow(/where 3 float32 values were expected/);
  });

  it("l2NormalizeInPlace gives unit length and leaves zero alone", () => {
    expect(norm(l2NormalizeInPlace(Float32Array.from([3, 4])))).toBeCloseTo(1, 6);
    expect(Array.from(l2NormalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it("scores a similarity of unit vectors within 0–1", () => {
    expect(scoreOf(dot(Float32Array.from([1, 0]), Float32Array.from([-1, 0])))).toBe(0);
    expect(scoreOf(dot(Float32Array.from([0.6, 0.8]), Float32Array.from([0.6, 0.8])))).toBeCloseTo(1, 6);
    expect(scoreOf(1.0000001)).toBe(1);
  });
});
