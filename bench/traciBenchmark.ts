/**
 * How fast SUMO steps under TraCI control with the subscriptions a provider would use: every departed
 * vehicle subscribed to its pose and speed, results read back each step.
 *
 * Wall-clock time (`performance.now()`) is allowed here: this is a benchmark, not simulation logic.
 */
import { z } from "zod";
import { TraciClient } from "../providers/sumo/traci/TraciClient.js";
import { SimulationVar, VehicleVar } from "../providers/sumo/traci/traciConstants.js";

/** Schema of {@link SumoStepRateOptions}. */
export const SumoStepRateOptionsSchema = z.object({
  /** SUMO network file. */
  netFile: z.string().min(1),
  /** Route / demand files; they should keep vehicles in the network for the whole run. */
  routeFiles: z.array(z.string().min(1)).default([]),
  /** Steps to simulate (and time). @default 1000 */
  steps: z.number().int().positive().default(1000),
  /** Step length in seconds. @default 0.1 */
  stepLengthS: z.number().positive().default(0.1),
  /** SUMO's random seed. @default 0 */
  seed: z.number().int().nonnegative().default(0),
  /** SUMO binary. @default as {@link TraciClient.launch} */
  sumoBinary: z.string().min(1).optional(),
  /** Variables subscribed per vehicle. @default position, angle, speed */
  varIds: z
    .array(z.number().int().min(0).max(255))
    .min(1)
    .default([VehicleVar.position, VehicleVar.angle, VehicleVar.speed]),
  /** More SUMO arguments. @default [] */
  extraArgs: z.array(z.string()).default([]),
});

/** Options of {@link measureSumoStepRate}. */
export type SumoStepRateOptions = z.input<typeof SumoStepRateOptionsSchema>;

/** What {@link measureSumoStepRate} measured. */
export interface SumoStepRate {
  /** Steps simulated. */
  steps: number;
  /** Wall-clock time of the stepping loop (steps, result decoding, new subscriptions), seconds; SUMO's start-up excluded. */
  wallS: number;
  /** Per-vehicle subscription results received per wall-clock second. */
  vehicleUpdatesPerS: number;
  /** Mean number of subscribed vehicles reported per step. */
  meanVehicles: number;
  /** Wall-clock time to start SUMO and connect, seconds (not part of `wallS`). */
  launchS: number;
}

/**
 * Launches SUMO on the given network and demand, steps `steps` times, subscribing each vehicle as it
 * departs (from a simulation subscription to the departed ids), and times the loop. SUMO is closed
 * (or killed) before this returns or throws.
 */
export async function measureSumoStepRate(options: SumoStepRateOptions): Promise<SumoStepRate> {
  const o = SumoStepRateOptionsSchema.parse(options);
  const launchStart = performance.now();
  const client = await TraciClient.launch({
    netFile: o.netFile,
    routeFiles: o.routeFiles,
    stepLengthS: o.stepLengthS,
    seed: o.seed,
    sumoBinary: o.sumoBinary,
    extraArgs: o.extraArgs,
  });
  const launchS = (performance.now() - launchStart) / 1000;
  try {
    await client.subscribeSimulation();
    let updates = 0;
    const start = performance.now();
    for (let i = 0; i < o.steps; i++) {
      const results = await client.simulationStep();
      updates += Object.keys(results.vehicles).length;
      const departed = (results.simulation[SimulationVar.departedIds] ?? []) as string[];
      for (const id of [...departed].sort()) await client.subscribeVehicle(id, o.varIds);
    }
    const wallS = (performance.now() - start) / 1000;
    return {
      steps: o.steps,
      wallS,
      vehicleUpdatesPerS: wallS > 0 ? updates / wallS : 0,
      meanVehicles: updates / o.steps,
      launchS,
    };
  } finally {
    await client.close();
  }
}
