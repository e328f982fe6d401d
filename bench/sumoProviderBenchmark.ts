/**
 * How fast vehicle states flow through the SUMO provider: a scenario's traffic stepped by
 * `SumoTrafficProvider` (SUMO stepping, TraCI round trips, subscription decoding, pose conversion,
 * the provider's bookkeeping), counting the vehicles `vehicles()` reports per step.
 *
 * The frames handed to the provider hold only its own vehicles (no agents to mirror), so this is the
 * provider's cost for pure traffic. Wall-clock time (`performance.now()`) is allowed here: this is a
 * benchmark, not simulation logic.
 */
import { z } from "zod";
import { Rng } from "../core/random/Rng.js";
import { pickVariation } from "../core/simulation/applyVariation.js";
import { SimFrame } from "../core/simulation/SimFrame.js";
import { compileScenarioFile, formatDiagnostics } from "../scenario-dsl/index.js";
import { SumoTrafficProvider } from "../providers/sumo/SumoTrafficProvider.js";

/** Schema of {@link SumoProviderBenchmarkOptions}. */
export const SumoProviderBenchmarkOptionsSchema = z.object({
  /** A scenario on a SUMO map (`map sumo "…"`), e.g. `scenarios/minicity.scn`. */
  scenarioFile: z.string().min(1),
  /** Steps before timing starts, to fill the network with traffic. @default 600 */
  warmupSteps: z.number().int().nonnegative().default(600),
  /** Steps timed. @default 1000 */
  steps: z.number().int().positive().default(1000),
  /** Episode seed (picks the variation, seeds SUMO). @default the scenario's seed */
  seed: z.number().int().nonnegative().optional(),
  /** SUMO binary. @default as `TraciClient.launch` */
  sumoBinary: z.string().min(1).optional(),
  /** More SUMO arguments. @default [] */
  extraArgs: z.array(z.string()).default([]),
});

/** Options of {@link measureSumoProvider}. */
export type SumoProviderBenchmarkOptions = z.input<typeof SumoProviderBenchmarkOptionsSchema>;

/** What {@link measureSumoProvider} measured. */
export interface SumoProviderRate {
  /** Steps timed. */
  steps: number;
  /** Wall-clock time of the timed steps, seconds. */
  wallS: number;
  /** Provider steps per wall-clock second. */
  stepsPerS: number;
  /** Vehicle states reported by `vehicles()` per wall-clock second (summed over the timed steps). */
  vehicleUpdatesPerS: number;
  /** Mean number of vehicles reported per timed step. */
  meanVehicles: number;
  /** Wall-clock time of `setup` (route file, SUMO start, network and demand loading), seconds. */
  setupS: number;
}

/**
 * Sets the provider up on the scenario's traffic, steps `warmupSteps` untimed and `steps` timed, and
 * tears it down (SUMO is closed before this returns or throws).
 */
export async function measureSumoProvider(options: SumoProviderBenchmarkOptions): Promise<SumoProviderRate> {
  const o = SumoProviderBenchmarkOptionsSchema.parse(options);
  const compiled = compileScenarioFile(o.scenarioFile);
  if (!compiled.ok) throw new Error(`${o.scenarioFile} does not compile:\n${formatDiagnostics(compiled.diagnostics)}`);
  const { scenario, network } = compiled;
  const seed = o.seed ?? scenario.seed;
  const variation = pickVariation(scenario, seed);
  const provider = SumoTrafficProvider.forScenario(scenario, { sumoBinary: o.sumoBinary, extraArgs: o.extraArgs });
  const setupStart = performance.now();
  try {
    await provider.setup({
      network,
      rng: new Rng(seed).fork(`traffic:${provider.name}`),
      dtS: scenario.dtS,
      traffic: variation.traffic,
      vehicleTypes: scenario.vehicleTypes,
      drivers: variation.drivers,
      durationS: scenario.durationS,
      scenarioDir: scenario.source.dir,
    });
    const setupS = (performance.now() - setupStart) / 1000;
    const frame = emptyFrame();
    const signals = new Map<string, string>();
    let tick = 0;
    for (let i = 0; i < o.warmupSteps; i++) await provider.step({ tick: ++tick, dtS: scenario.dtS, frame, signals });
    let updates = 0;
    const start = performance.now();
    for (let i = 0; i < o.steps; i++) {
      await provider.step({ tick: ++tick, dtS: scenario.dtS, frame, signals });
      updates += provider.vehicles().length;
    }
    const wallS = (performance.now() - start) / 1000;
    return {
      steps: o.steps,
      wallS,
      stepsPerS: wallS > 0 ? o.steps / wallS : 0,
      vehicleUpdatesPerS: wallS > 0 ? updates / wallS : 0,
      meanVehicles: updates / o.steps,
      setupS,
    };
  } finally {
    await provider.teardown();
  }
}

/** A frame without vehicles: nothing for the provider to mirror. */
function emptyFrame(): SimFrame {
  const none = new Float64Array(0);
  return new SimFrame({
    tick: 0,
    timeS: 0,
    ids: [],
    typeIds: [],
    owners: [],
    roles: new Uint8Array(0),
    x: none,
    y: none,
    headingRad: none,
    speedMps: none,
    accelerationMps2: none,
    halfLength: none,
    halfWidth: none,
    heightM: none,
    laneIds: [],
    signals: new Map(),
    collisions: [],
    events: [],
  });
}
