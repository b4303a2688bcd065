import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs";
import { seededRandom } from "@/lib/random";
import { choleskySolve, ridgeProjection, trainStudentHead, trainTeacherHead, type Matrix } from "./head";

/** Views of `ids` identities: a shared signal plus a nuisance direction that dominates it. */
function views(ids: number, perId: number, cols: number, rand: () => number) {
  const signal = Array.from({ length: ids }, () => Float32Array.from({ length: cols }, () => rand() - 0.5));
  const rows: Float32Array[] = [];
  const identity: number[] = [];
  for (let i = 0; i < ids; i++) {
    for (let v = 0; v < perId; v++) {
      const nuisance = (rand() - 0.5) * 8;
      rows.push(Float32Array.from(signal[i]!, (s, j) => s + (j < 4 ? nuisance * (rand() - 0.5) : 0.05 * (rand() - 0.5))));
      identity.push(i);
    }
  }
  return { rows, identity: Int32Array.from(identity) };
}

function matrix(rows: Float32Array[]): Matrix {
  const data = new Float32Array(rows.length * rows[0]!.length);
  rows.forEach((r, i) => data.set(r, i * r.length));
  return { data, rows: rows.length, cols: rows[0]!.length };
}

/** Share of rows whose nearest other row (cosine after projection) has the same identity. */
function nearestSameIdentity(x: Matrix, identity: Int32Array, projection: Float32Array, dim: number): number {
  const e: Float32Array[] = [];
  for (let r = 0; r < x.rows; r++) {
    const out = new Float32Array(dim);
    for (let d = 0; d < dim; d++) for (let j = 0; j < x.cols; j++) out[d]! += projection[d * x.cols + j]! * x.data[r * x.cols + j]!;
    const n = Math.hypot(...out) || 1;
    e.push(out.map((v) => v / n));
  }
  let hits = 0;
  e.forEach((a, i) => {
    let best = -1;
    let bestScore = -Infinity;
    e.forEach((b, j) => {
      if (i === j) return;
      const s = a.reduce((acc, v, k) => acc + v * b[k]!, 0);
      if (s > bestScore) [bestScore, best] = [s, j];
    });
    if (identity[best] === identity[i]) hits++;
  });
  return hits / e.length;
}

describe("training heads", () => {
  it("solves a positive-definite system", () => {
    const a = Float64Array.from([4, 1, 1, 3]);
    const x = choleskySolve(a, Float64Array.from([1, 2]), 2, 1);
    expect(4 * x[0]! + x[1]!).toBeCloseTo(1, 9);
    expect(x[0]! + 3 * x[1]!).toBeCloseTo(2, 9);
  });

  it("learns a teacher head that ignores the nuisance the identity loss teaches it to", async () => {
    await tf.setBackend("cpu");
    const rand = seededRandom(7);
    const { rows, identity } = views(12, 6, 16, rand);
    const x = matrix(rows);
    const dim = 6;
    const init = Float32Array.from({ length: dim * 16 }, (_, i) => (i % 17 === 0 ? 1 : 0.01 * (rand() - 0.5)));
    const before = nearestSameIdentity(x, identity, init, dim);
    const trained = await trainTeacherHead(tf, { x, identity, category: Int32Array.from(identity, (i) => i % 3), concept: new Int32Array(identity.length).fill(-1), identities: 12, categories: 3, concepts: 0 }, init, dim, {
      epochs: 60, batch: 24, learningRate: 0.02, scale: 16, categoryWeight: 0.5, conceptWeight: 0.5, validate: () => 0,
    }, rand, () => {});
    // validate() never improves on the start, so the best (initial) projection comes back...
    expect(Array.from(trained)).toEqual(Array.from(init));
    // ...and with a real validation score the trained head wins.
    const scored = await trainTeacherHead(tf, { x, identity, category: Int32Array.from(identity, (i) => i % 3), concept: new Int32Array(identity.length).fill(-1), identities: 12, categories: 3, concepts: 0 }, init, dim, {
      epochs: 60, batch: 24, learningRate: 0.02, scale: 16, categoryWeight: 0.5, conceptWeight: 0.5, validate: (p) => nearestSameIdentity(x, identity, p, dim),
    }, rand, () => {});
    expect(nearestSameIdentity(x, identity, scored, dim)).toBeGreaterThan(before + 0.2);
  });

  it("pulls different drawings of one concept together with the concept loss alone", async () => {
    await tf.setBackend("cpu");
    const rand = seededRandom(11);
    // 12 concepts of 6 drawings; every drawing is its own identity and has no category.
    const { rows, identity: concept } = views(12, 6, 16, rand);
    const x = matrix(rows);
    const dim = 6;
    const init = Float32Array.from({ length: dim * 16 }, (_, i) => (i % 17 === 0 ? 1 : 0.01 * (rand() - 0.5)));
    const before = nearestSameIdentity(x, concept, init, dim);
    const data = { x, identity: Int32Array.from(concept, (_, i) => i), category: new Int32Array(concept.length).fill(-1), concept, identities: concept.length, categories: 3, concepts: 12 };
    const trained = await trainTeacherHead(tf, data, init, dim, {
      epochs: 60, batch: 24, learningRate: 0.02, scale: 16, categoryWeight: 0.5, conceptWeight: 1, validate: (p) => nearestSameIdentity(x, concept, p, dim),
    }, rand, () => {});
    expect(trained.every(Number.isFinite)).toBe(true);
    expect(nearestSameIdentity(x, concept, trained, dim)).toBeGreaterThan(before + 0.2);
  });

  it("fits a student by ridge regression and keeps it in the teacher's space", async () => {
    await tf.setBackend("cpu");
    const rand = seededRandom(3);
    const teacher = Array.from({ length: 40 }, () => Float32Array.from({ length: 4 }, () => rand() - 0.5));
    const mix = Float32Array.from({ length: 4 * 8 }, () => rand() - 0.5);
    const z = teacher.map((t) => Float32Array.from({ length: 8 }, (_, j) => t.reduce((s, v, d) => s + v * mix[d * 8 + j]!, 0)));
    const data = { z: matrix(z), target: matrix(teacher), identity: Int32Array.from({ length: 40 }, (_, i) => i), gallery: matrix(teacher) };
    const ridge = ridgeProjection(tf, data, 1e-6);
    for (const [i, t] of teacher.entries()) {
      for (let d = 0; d < 4; d++) expect(z[i]!.reduce((s, v, j) => s + v * ridge[d * 8 + j]!, 0)).toBeCloseTo(t[d]!, 3);
    }
    const student = await trainStudentHead(tf, data, ridge, { epochs: 2, batch: 16, learningRate: 1e-3, scale: 16, validate: () => 1 }, rand, () => {});
    expect(student).toHaveLength(ridge.length);
  });
});
