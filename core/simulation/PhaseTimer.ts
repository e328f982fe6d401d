/**
 * Wall-clock time spent in each step phase, for `--profile` and the benchmarks. Timing never
 * feeds back into the simulation, so reading the clock here does not affect determinism.
 */

/** Accumulated time of one phase. */
export interface PhaseTiming {
  phase: string;
  /** Total wall time (ms). */
  totalMs: number;
  /** Mean per step (µs). */
  meanUs: number;
  /** Share of all phases' time (0..1). */
  share: number;
}

/** Per-phase time accumulators. */
export class PhaseTimer {
  private readonly totals: Float64Array;
  private steps = 0;

  constructor(readonly phases: readonly string[]) {
    this.totals = new Float64Array(phases.length);
  }

  /** Adds `ms` to phase `i`. */
  add(i: number, ms: number): void {
    this.totals[i] += ms;
  }

  /** Counts one completed step. */
  countStep(): void {
    this.steps++;
  }

  /** Clears all accumulators. */
  clear(): void {
    this.totals.fill(0);
    this.steps = 0;
  }

  /** The breakdown so far, in phase order. */
  report(): PhaseTiming[] {
    const all = this.totals.reduce((a, b) => a + b, 0) || 1;
    return this.phases.map((phase, i) => ({
      phase,
      totalMs: this.totals[i],
      meanUs: this.steps ? (this.totals[i] * 1000) / this.steps : 0,
      share: this.totals[i] / all,
    }));
  }
}
