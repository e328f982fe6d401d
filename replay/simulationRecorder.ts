/**
 * A {@link ReplayWriter} for a simulation run (composition side: the CLI's `run --record`, the
 * demo, the live viewer): the header comes from the scenario, the network and the episode's seed
 * and variation (read at the reset frame), and each frame carries every live agent's reward and
 * done flag. Add it to the simulation's (or the environment's) `sinks`; `close` finishes the file.
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { ReplayWriter } from "./ReplayWriter.js";
import { simulationReplayOptions, type SimulationRecorderOptions } from "./simulationReplayOptions.js";

export type { SimulationRecorderOptions } from "./simulationReplayOptions.js";

/** A writer that records `sim()`'s episode to `path` (created at once). */
export function simulationRecorder(
  path: string,
  scenario: CompiledScenario,
  network: RoadNetwork,
  sim: () => Simulation,
  options: SimulationRecorderOptions = {},
): ReplayWriter {
  return new ReplayWriter(path, simulationReplayOptions(scenario, network, sim, options));
}
