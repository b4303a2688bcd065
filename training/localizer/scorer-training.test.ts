import { describe, expect, it } from "vitest";
import { scoreWindows } from "@/lib/detect/localizer-windows";
import { seededRandom } from "@/lib/random";
import { standardization, trainScorer } from "./scorer-training";

describe("trainScorer", () => {
  it("learns a target that needs its hidden layer (|a − b|) and keeps the best epoch", () => {
    const rand = seededRandom(3);
    const inputs = 3;
    const rows = 4000;
    const make = () => {
      const features = new Float32Array(rows * inputs);
      const targets = new Float32Array(rows);
      for (let r = 0; r < rows; r++) {
        const a = rand();
        const b = rand();
        features.set([a, b, rand()], r * inputs);
        targets[r] = Math.abs(a - b) > 0.3 ? 1 : 0;
      }
      return { features, targets };
    };
    const data = make();
    const test = make();
    const { mean, std } = standardization(data.features, inputs);
    const accuracy = (logits: Float32Array) => logits.reduce((n, z, i) => n + ((z > 0 ? 1 : 0) === test.targets[i] ? 1 : 0), 0) / rows;
    const scores: number[] = [];
    const { scorer, score } = trainScorer({ epoch: () => data }, mean, std, {
      hidden: 16,
      epochs: 15,
      learningRate: 1e-2,
      batch: 64,
      seed: seededRandom(5),
      validate: (s) => {
        const a = accuracy(scoreWindows(test.features, s));
        scores.push(a);
        return a;
      },
    });
    expect(scores[0]).toBeLessThan(0.75);
    expect(score).toBe(Math.max(...scores));
    expect(accuracy(scoreWindows(test.features, scorer))).toBeGreaterThan(0.9);
  });
});
