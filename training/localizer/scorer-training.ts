// Trains the localizer's window scorer (lib/detect/localizer-windows.ts): a one-hidden-layer
// network from standardized window features to a logit, fitted by Adam to each window's overlap
// with the nearest true object (cross-entropy against IoU as a soft target), so the window it
// ranks first is the one it expects to overlap an object most. Pure and seeded.
import type { WindowScorer } from "@/lib/detect/localizer-windows";

export interface ScorerBatchSource {
  /** Features (rows of `inputs`) and targets (0–1) of one epoch's windows, shuffled. */
  epoch(epoch: number): { features: Float32Array; targets: Float32Array };
}

export interface ScorerTrainingOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  batch: number;
  seed: () => number;
  /** Called after each epoch with the scorer so far; its return is kept as that epoch's score (higher is better). */
  validate: (scorer: WindowScorer, epoch: number) => number;
}

/** Per-feature mean and standard deviation (at least 1e-6). */
export function standardization(features: Float32Array, inputs: number): { mean: Float32Array; std: Float32Array } {
  const rows = features.length / inputs;
  const mean = new Float32Array(inputs);
  const sq = new Float64Array(inputs);
  const sum = new Float64Array(inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) {
      const v = features[r * inputs + i]!;
      sum[i]! += v;
      sq[i]! += v * v;
    }
  }
  const std = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) {
    mean[i] = sum[i]! / rows;
    std[i] = Math.max(1e-6, Math.sqrt(Math.max(0, sq[i]! / rows - mean[i]! ** 2)));
  }
  return { mean, std };
}

class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;
  constructor(
    private readonly params: Float32Array,
    private readonly lr: number,
  ) {
    this.m = new Float32Array(params.length);
    this.v = new Float32Array(params.length);
  }
  step(grad: Float32Array): void {
    this.t++;
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    for (let i = 0; i < grad.length; i++) {
      this.m[i] = b1 * this.m[i]! + (1 - b1) * grad[i]!;
      this.v[i] = b2 * this.v[i]! + (1 - b2) * grad[i]! ** 2;
      this.params[i]! -= (this.lr * (this.m[i]! / c1)) / (Math.sqrt(this.v[i]! / c2) + 1e-8);
    }
  }
}

/** Returns the scorer of the epoch `validate` scored best. */
export function trainScorer(source: ScorerBatchSource, mean: Float32Array, std: Float32Array, options: ScorerTrainingOptions): { scorer: WindowScorer; epoch: number; score: number } {
  const inputs = mean.length;
  const { hidden, seed: rand } = options;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  // Parameters in one array, so one optimizer steps them all: w1 | b1 | w2 | b2.
  const params = new Float32Array(hidden * inputs + 2 * hidden + 1);
  for (let i = 0; i < hidden * inputs; i++) params[i] = gauss() * Math.sqrt(2 / inputs);
  for (let j = 0; j < hidden; j++) params[hidden * inputs + hidden + j] = gauss() * Math.sqrt(1 / hidden);
  const b1At = hidden * inputs;
  const w2At = b1At + hidden;
  const b2At = w2At + hidden;
  const adam = new Adam(params, options.learningRate);
  const grad = new Float32Array(params.length);
  const x = new Float32Array(inputs);
  const act = new Float32Array(hidden);
  const snapshot = (): WindowScorer => ({
    featureMean: mean,
    featureStd: std,
    w1: params.slice(0, b1At),
    b1: params.slice(b1At, w2At),
    w2: params.slice(w2At, b2At),
    b2: params[b2At]!,
  });
  let best = { scorer: snapshot(), epoch: 0, score: options.validate(snapshot(), 0) };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const { features, targets } = source.epoch(epoch);
    const rows = targets.length;
    for (let start = 0; start < rows; start += options.batch) {
      const end = Math.min(rows, start + options.batch);
      grad.fill(0);
      for (let r = start; r < end; r++) {
        for (let i = 0; i < inputs; i++) x[i] = (features[r * inputs + i]! - mean[i]!) / std[i]!;
        let logit = params[b2At]!;
        for (let j = 0; j < hidden; j++) {
          let a = params[b1At + j]!;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) a += params[row + i]! * x[i]!;
          act[j] = a > 0 ? a : 0;
          logit += params[w2At + j]! * act[j]!;
        }
        const dz = (1 / (1 + Math.exp(-logit)) - targets[r]!) / (end - start);
        grad[b2At]! += dz;
        for (let j = 0; j < hidden; j++) {
          if (act[j]! <= 0) continue;
          grad[w2At + j]! += dz * act[j]!;
          const da = dz * params[w2At + j]!;
          grad[b1At + j]! += da;
          const row = j * inputs;
          for (let i = 0; i < inputs; i++) grad[row + i]! += da * x[i]!;
        }
      }
      adam.step(grad);
    }
    const scorer = snapshot();
    const score = options.validate(scorer, epoch);
    if (score > best.score) best = { scorer, epoch, score };
  }
  return best;
}
