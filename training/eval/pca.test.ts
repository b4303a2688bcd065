import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { fitWhitening, meanOf, symmetricEigen } from "./pca";
import { seededRandom } from "@/lib/random";

describe("symmetricEigen", () => {
  it("diagonalizes a symmetric matrix, eigenvalues descending", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(Array.from(values).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([5, 3, 1]);
    // First eigenvector is the z axis.
    expect(Math.abs(vectors[2 * 3 + 0]!)).toBeCloseTo(1, 9);
  });
});

describe("fitWhitening", () => {
  it("finds the dominant directions and whitens them to unit variance", async () => {
    await tf.setBackend("cpu");
    const rand = seededRandom(3);
    const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const d = 12;
    const rows = Array.from({ length: 800 }, () => {
      const r = new Float32Array(d);
      for (let j = 0; j < d; j++) r[j] = gauss() * (j === 3 ? 10 : j === 7 ? 5 : 0.5) + 1;
      return r;
    });
    const mean = meanOf(rows);
    const before = tf.memory().numTensors;
    const { values, projection } = fitWhitening(tf, rows, mean, 2, 10);
    expect(tf.memory().numTensors).toBe(before);
    expect(values[0]! / 100).toBeGreaterThan(0.8);
    expect(values[1]! / 25).toBeGreaterThan(0.8);
    // Row 0 points along axis 3, row 1 along axis 7.
    expect(Math.abs(projection[3]!) * 10).toBeGreaterThan(0.95);
    expect(Math.abs(projection[d + 7]!) * 5).toBeGreaterThan(0.95);
  });
});
