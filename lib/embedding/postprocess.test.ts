import { describe, expect, it } from "vitest";
import { centreAndProject, embeddingFromParts, joinParts, rootRelu } from "./postprocess";

const norm = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));

describe("post-processing", () => {
  it("rootRelu zeroes negatives and takes square roots", () => {
    expect(Array.from(rootRelu(Float32Array.from([-1, 0, 4, 9])))).toEqual([0, 0, 2, 3]);
  });

  it("joinParts normalizes each part on its own, so a large part does not dominate", () => {
    const joined = joinParts([Float32Array.from([100, 0]), Float32Array.from([0, 0.01, 0])], false);
    expect(Array.from(joined)).toEqual([1, 0, 0, 1, 0]);
    const rooted = joinParts([Float32Array.from([4, -4])], true);
    expect(Array.from(rooted)).toEqual([1, 0]);
  });

  it("centreAndProject subtracts the mean, then multiplies by the row-major matrix", () => {
    const y = centreAndProject(Float32Array.from([2, 3]), Float32Array.from([1, 1]), Float32Array.from([1, 0, 1, 1, 0, 2]), 3);
    expect(Array.from(y)).toEqual([1, 3, 4]);
    expect(() => centreAndProject(Float32Array.from([1, 2]), Float32Array.from([0]), Float32Array.from([1, 1]), 1)).toThrow(RangeError);
  });

  it("embeddingFromParts yields a unit vector of the projection's height", () => {
    const v = embeddingFromParts([Float32Array.from([1, 4]), Float32Array.from([9])], {
      sqrt: true,
      mean: new Float32Array(3),
      projection: Float32Array.from([1, 0, 0, 0, 1, 1]),
      dim: 2,
    });
    expect(v.length).toBe(2);
    expect(norm(v)).toBeCloseTo(1, 6);
  });
});
