/**
 * Seeded sampling for policies: actions are drawn on the host from the network's outputs with the
 * project's RNG (`core/random/Rng`), never `Math.random`, so a run is reproducible for a seed.
 */
import type { Rng } from "../../core/random/Rng.js";

/** Draws an index from unnormalised `logits[offset … offset + n)`; returns it and its log-probability. */
export function sampleCategorical(
  logits: ArrayLike<number>,
  offset: number,
  n: number,
  rng: Rng,
): { index: number; logProb: number } {
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, logits[offset + k]);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(logits[offset + k] - max);
  const logZ = max + Math.log(sum);
  let u = rng.next() * sum;
  let index = n - 1;
  for (let k = 0; k < n; k++) {
    u -= Math.exp(logits[offset + k] - max);
    if (u <= 0) {
      index = k;
      break;
    }
  }
  return { index, logProb: logits[offset + index] - logZ };
}

/** The index of the largest of `values[offset … offset + n)` (first on ties). */
export function argmax(values: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** log N(x; mean, exp(logStd)) summed over `dim` independent dimensions. */
export function gaussianLogProb(
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  logStd: ArrayLike<number>,
  offset: number,
  dim: number,
): number {
  let lp = 0;
  for (let d = 0; d < dim; d++) {
    const z = (x[offset + d] - mean[offset + d]) / Math.exp(logStd[d]);
    lp += -0.5 * z * z - logStd[d] - 0.5 * Math.log(2 * Math.PI);
  }
  return lp;
}
