/**
 * Throughput of the history provider on a synthetic recording: vehicle updates (one vehicle reported
 * at one tick: interval query, interpolation, acceleration, nearest lane) per wall-clock second.
 *
 * The recording: `vehicles` cars on a straight 3-lane road, 10 Hz samples, each driving for
 * `trackS` seconds at a constant speed between 10 and 16 m/s with a slow lateral sway, their starts
 * spread over the first `staggerS` seconds so that vehicles appear and leave during the run. The
 * provider starts 0.05 s into the recording, so every tick falls between two samples and is
 * interpolated. The figure is the best of `rounds` full replays (after one untimed warm-up), the
 * way the other throughput benchmarks report.
 */
import { Rng } from "../core/random/Rng.js";
import type { ProviderStep } from "../core/simulation/TrafficProvider.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { TrafficHistoryProvider } from "../providers/history/TrafficHistoryProvider.js";
import { TrajectorySet } from "../spec/trajectory/TrajectorySet.js";
import {
  SAMPLE_HEADING,
  SAMPLE_SPEED,
  SAMPLE_STRIDE,
  SAMPLE_T,
  SAMPLE_X,
  SAMPLE_Y,
  type TrajectoryTrack,
} from "../spec/trajectory/TrajectoryTrack.js";

/** Options of {@link measureHistoryProvider}. */
export interface HistoryBenchmarkOptions {
  /** Recorded vehicles. @default 1000 */
  vehicles?: number;
  /** How long each vehicle is recorded (s). @default 40 */
  trackS?: number;
  /** Starts are spread over [0, staggerS) (s). @default 20 */
  staggerS?: number;
  /** Timed replays of the whole recording; the best counts. @default 3 */
  rounds?: number;
}

/** Defaults of {@link HistoryBenchmarkOptions}. */
export const HISTORY_BENCHMARK_DEFAULTS = { vehicles: 1000, trackS: 40, staggerS: 20, rounds: 3 };

/** What {@link measureHistoryProvider} measured. */
export interface HistoryBenchmarkResult {
  /** Recorded vehicles. */
  vehicles: number;
  /** Ticks per replay (dt 0.1 s). */
  steps: number;
  /** Vehicles reported, summed over the ticks of one replay. */
  vehicleUpdates: number;
  /** Mean vehicles on the road per tick. */
  meanActiveVehicles: number;
  /** Most vehicles on the road at one tick. */
  peakActiveVehicles: number;
  /** Wall time of the best replay (s). */
  wallS: number;
  /** Vehicle updates per wall-clock second (best replay). */
  vehicleUpdatesPerS: number;
  /** Provider steps per wall-clock second (best replay). */
  stepsPerS: number;
  /** Building the synthetic `TrajectorySet` (s, once). */
  buildS: number;
}

const DT_S = 0.1;
const SAMPLE_DT_S = 0.1;

/** Replays a synthetic recording through the provider and times it (see the file comment). */
export async function measureHistoryProvider(options: HistoryBenchmarkOptions = {}): Promise<HistoryBenchmarkResult> {
  const o = { ...HISTORY_BENCHMARK_DEFAULTS, ...options };
  const compiled = compileScenario(
    `scenario "history-bench" { map straight { lanes 3 length 2000 m speed_limit 20 m/s } }`,
    "history-bench.scn",
  );
  if (!compiled.ok)
    throw new Error(`history benchmark: the map did not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const scenario = compiled.scenario!;

  const t0 = performance.now();
  const set = syntheticRecording(o.vehicles, o.trackS, o.staggerS);
  const buildS = (performance.now() - t0) / 1000;

  const provider = new TrafficHistoryProvider({ set, startS: 0.05 });
  const setup = {
    network: compiled.network!,
    rng: new Rng(1),
    dtS: DT_S,
    traffic: scenario.traffic,
    vehicleTypes: scenario.vehicleTypes,
    drivers: scenario.drivers,
    durationS: null,
    scenarioDir: ".",
  };
  const steps = Math.floor((set.timeSpanS()!.endS - 0.05) / DT_S);
  const step = { tick: 0, dtS: DT_S, frame: undefined as never, signals: new Map<string, string>() };

  let vehicleUpdates = 0;
  let peak = 0;
  const replay = async (): Promise<number> => {
    await provider.setup(setup);
    vehicleUpdates = provider.vehicles().length;
    const start = performance.now();
    for (let k = 1; k <= steps; k++) {
      step.tick = k;
      provider.step(step as ProviderStep);
      const n = provider.vehicles().length;
      vehicleUpdates += n;
      if (n > peak) peak = n;
    }
    return (performance.now() - start) / 1000;
  };
  await replay(); // warm-up
  let best = Infinity;
  for (let r = 0; r < o.rounds; r++) best = Math.min(best, await replay());
  provider.teardown();
  return {
    vehicles: o.vehicles,
    steps,
    vehicleUpdates,
    meanActiveVehicles: vehicleUpdates / (steps + 1),
    peakActiveVehicles: peak,
    wallS: best,
    vehicleUpdatesPerS: vehicleUpdates / best,
    stepsPerS: steps / best,
    buildS,
  };
}

/** `n` vehicles on lanes y = −3.2, 0, 3.2 of the straight map, deterministic (no RNG needed). */
function syntheticRecording(n: number, trackS: number, staggerS: number): TrajectorySet {
  const samples = Math.round(trackS / SAMPLE_DT_S) + 1;
  const tracks: TrajectoryTrack[] = [];
  for (let i = 0; i < n; i++) {
    const startS = ((i * 0.618034) % 1) * staggerS;
    const laneY = ((i % 3) - 1) * 3.2;
    const speed = 10 + (i % 7);
    const x0 = (i * 37) % 1000;
    const s = new Float64Array(samples * SAMPLE_STRIDE);
    for (let k = 0; k < samples; k++) {
      const t = k * SAMPLE_DT_S;
      const j = k * SAMPLE_STRIDE;
      s[j + SAMPLE_T] = startS + t;
      s[j + SAMPLE_X] = x0 + speed * t;
      s[j + SAMPLE_Y] = laneY + 0.3 * Math.sin(0.5 * t + i); // m, a slow sway inside the lane
      s[j + SAMPLE_HEADING] = Math.atan2(0.15 * Math.cos(0.5 * t + i), speed);
      s[j + SAMPLE_SPEED] = speed + 0.5 * Math.sin(0.2 * t + i);
    }
    tracks.push({
      id: `v${String(i).padStart(4, "0")}`,
      type: i % 10 === 0 ? "truck" : "passenger",
      lengthM: 4,
      widthM: 1.8,
      samples: s,
    });
  }
  return new TrajectorySet(tracks);
}
