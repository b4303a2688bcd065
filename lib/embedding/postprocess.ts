// Turns the raw backbone parts into the final embedding: square root of the ReLU'd features,
// L2 per part, minus the fitted mean, times the fitted (whitening) projection, L2. Pure, shared
// by browser and server, and by the fitting script, which needs the steps one by one.
import { l2NormalizeInPlace } from "./vectors";

/** Square root of max(0, x): tames the heavy tail of pooled activations. */
export function rootRelu(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(Math.max(0, x[i]!));
  return out;
}

/**
 * Normalizes each part on its own (so a wide layer does not drown a narrow one) and
 * concatenates them: the feature vector the mean and projection were fitted on.
 */
export function joinParts(parts: readonly Float32Array[], sqrt: boolean): Float32Array {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const part of parts) {
    const v = sqrt ? rootRelu(part) : Float32Array.from(part);
    out.set(l2NormalizeInPlace(v), offset);
    offset += part.length;
  }
  return out;
}

/** y = W (x − mean), W row-major [rows, x.length]. */
export function centreAndProject(x: Float32Array, mean: Float32Array, projection: Float32Array, rows: number): Float32Array {
  const cols = x.length;
  if (mean.length !== cols || projection.length !== rows * cols) {
    throw new RangeError(`projection [${rows}, ${projection.length / rows}] and mean [${mean.length}] do not fit a ${cols}-d feature`);
  }
  const centred = new Float32Array(cols);
  for (let j = 0; j < cols; j++) centred[j] = x[j]! - mean[j]!;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const base = r * cols;
    for (let j = 0; j < cols; j++) s += projection[base + j]! * centred[j]!;
    out[r] = s;
  }
  return out;
}

export interface Postprocess {
  sqrt: boolean;
  mean: Float32Array;
  projection: Float32Array;
  dim: number;
}

/** Raw parts (in manifest order) → unit-length embedding. */
export function embeddingFromParts(parts: readonly Float32Array[], params: Postprocess): Float32Array {
  const joined = joinParts(parts, params.sqrt);
  return l2NormalizeInPlace(centreAndProject(joined, params.mean, params.projection, params.dim));
}
