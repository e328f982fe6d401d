/**
 * Running mean and variance (Chan et al.'s parallel update), for value-target and observation
 * normalisation. Plain numbers, so it checkpoints as JSON.
 */

/** The state of a {@link RunningMeanStd}. */
export interface RunningMeanStdState {
  mean: number;
  var: number;
  count: number;
}

/** A scalar running mean and variance. */
export class RunningMeanStd {
  mean = 0;
  var = 1;
  /** A small prior count keeps the first batches from dividing by a near-zero spread. */
  count = 1e-4;

  /** Folds `values[0 … n)` in. */
  update(values: ArrayLike<number>, n = values.length): void {
    if (n === 0) return;
    let m = 0;
    for (let i = 0; i < n; i++) m += values[i];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (values[i] - m) ** 2;
    v /= n;
    const delta = m - this.mean;
    const total = this.count + n;
    this.mean += (delta * n) / total;
    this.var = (this.var * this.count + v * n + (delta * delta * this.count * n) / total) / total;
    this.count = total;
  }

  /** Standard deviation (at least 1e-8). */
  get std(): number {
    return Math.max(Math.sqrt(this.var), 1e-8);
  }

  getState(): RunningMeanStdState {
    return { mean: this.mean, var: this.var, count: this.count };
  }

  setState(s: RunningMeanStdState): void {
    this.mean = s.mean;
    this.var = s.var;
    this.count = s.count;
  }
}
