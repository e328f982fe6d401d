/**
 * Throughput of the local traffic provider on its own: it drives a network's traffic for a number of
 * steps, fed each step a {@link SimFrame} of its own vehicles and the signal states (as the
 * simulation would), and only its `step` calls are timed (`performance.now()`). The figure to compare
 * with SUMO is vehicle updates per second: vehicles moved per step × steps / seconds spent stepping.
 */
import { Rng } from "../core/random/Rng.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { SignalSchedule } from "../core/road/SignalSchedule.js";
import {
  BUILT_IN_VEHICLE_TYPES,
  SCENARIO_DEFAULTS,
  type Driver,
  type Traffic,
  type VehicleType,
} from "../spec/CompiledScenario.js";
import { FrameBuilder } from "../providers/local/FrameBuilder.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import type { LocalTrafficOptions } from "../providers/local/LocalTrafficOptions.js";

/** What to run. */
export interface LocalTrafficBenchmarkOptions {
  network: RoadNetwork;
  /** Flows, trips and SUMO demand (missing lists are empty). */
  traffic: Partial<Traffic>;
  /** Timed steps. */
  steps: number;
  /**
   * Untimed steps first (to fill the network).
   * @default 0
   */
  warmupSteps?: number;
  /**
   * Step length (s).
   * @default 0.1
   */
  dtS?: number;
  /**
   * Seed of the provider's RNG.
   * @default 1
   */
  seed?: number;
  /** @default the built-in vehicle types */
  vehicleTypes?: readonly VehicleType[];
  /** Drivers after the built-in `default`. @default none */
  drivers?: readonly Driver[];
  /** Provider settings. */
  provider?: LocalTrafficOptions;
}

/** Measured throughput. */
export interface LocalTrafficBenchmarkResult {
  /** Timed steps run. */
  steps: number;
  /** Mean number of vehicles the provider drove per timed step. */
  vehicles: number;
  /** Vehicle updates per second of provider stepping. */
  vehicleUpdatesPerS: number;
  /** Mean wall time of one provider step (ms). */
  msPerStep: number;
}

/** Runs the provider alone on `options.network` and measures it. */
export function measureLocalTraffic(options: LocalTrafficBenchmarkOptions): LocalTrafficBenchmarkResult {
  const dtS = options.dtS ?? 0.1;
  const vehicleTypes = options.vehicleTypes ?? BUILT_IN_VEHICLE_TYPES;
  const provider = new LocalTrafficProvider(options.provider);
  provider.setup({
    network: options.network,
    rng: new Rng(options.seed ?? 1).fork(`traffic:${provider.name}`),
    dtS,
    traffic: { name: null, flows: [], trips: [], sumoDemand: [], history: null, ...options.traffic },
    vehicleTypes,
    drivers: [SCENARIO_DEFAULTS.driver, ...(options.drivers ?? [])],
    durationS: null,
    scenarioDir: ".",
  });
  const frames = new FrameBuilder(vehicleTypes, provider.name);
  const schedule = SignalSchedule.of(options.network);
  let signals = schedule.update(0);
  const warmup = options.warmupSteps ?? 0;
  let timedMs = 0;
  let updates = 0;
  for (let tick = 1; tick <= warmup + options.steps; tick++) {
    const frame = frames.build(tick - 1, dtS, provider.vehicles(), signals);
    signals = schedule.update(tick * dtS);
    const moved = provider.vehicles().length;
    const t0 = performance.now();
    provider.step({ tick, dtS, frame, signals });
    const t1 = performance.now();
    if (tick > warmup) {
      timedMs += t1 - t0;
      updates += moved;
    }
  }
  provider.teardown();
  const steps = options.steps;
  return {
    steps,
    vehicles: steps > 0 ? updates / steps : 0,
    vehicleUpdatesPerS: timedMs > 0 ? updates / (timedMs / 1000) : 0,
    msPerStep: steps > 0 ? timedMs / steps : 0,
  };
}
