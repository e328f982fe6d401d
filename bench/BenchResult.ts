/** One measured figure of a benchmark, with its target. */
export interface BenchResult {
  /** Stable key, e.g. `nearestLaneQueriesPerS`. */
  name: string;
  /** What was measured, in words. */
  label: string;
  value: number;
  unit: string;
  /** The target, if any. */
  target?: { op: "<" | "<=" | ">=" | ">"; value: number };
  /** Whether the target is met (undefined without a target). */
  pass?: boolean;
  /** Extra figures worth printing (e.g. the spread of repeated runs). */
  detail?: string;
}

/** What a benchmark run may be told (`roadgym bench --seed N`). */
export interface BenchOptions {
  /**
   * Seed of the inputs a benchmark generates (networks and demand): other seeds give other networks
   * of the same kinds, to check that figures hold beyond the default ones.
   * @default 1
   */
  seed: number;
  /** Traffic: only these cases (bench/trafficCases.ts); all when absent or empty. */
  cases?: readonly string[];
  /** Traffic: timed runs of each side per case (the median is judged); the benchmark's own default when absent. */
  rounds?: number;
  /** Traffic: regenerate inputs and rerun long SUMO runs even where the disk cache has them. */
  fresh?: boolean;
  /** Where a long benchmark prints each run as it finishes (the runner's own output). */
  progress?: (line: string) => void;
}

/** A named benchmark that yields one or more figures. */
export interface Benchmark {
  name: string;
  run(options: BenchOptions): Promise<BenchResult[]> | BenchResult[];
  /** The same figures one by one as they are measured, for a long benchmark: the runner prints each as it comes. */
  stream?(options: BenchOptions): AsyncIterable<BenchResult>;
}

/** Builds a result, judging it against its target. */
export function result(
  name: string,
  label: string,
  value: number,
  unit: string,
  target?: BenchResult["target"],
  detail?: string,
): BenchResult {
  let pass: boolean | undefined;
  if (target) {
    pass =
      target.op === "<"
        ? value < target.value
        : target.op === "<="
          ? value <= target.value
          : target.op === ">="
            ? value >= target.value
            : value > target.value;
  }
  return { name, label, value, unit, target, pass, detail };
}

/** Median of `values` (the upper one of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Median of repeated timings of `fn` in milliseconds (after `warmup` untimed runs). */
export function medianMs(fn: () => void, runs = 15, warmup = 3): { median: number; min: number; max: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], min: times[0], max: times[times.length - 1] };
}
