/**
 * A {@link ReplayWriter} for a simulation run (composition side: the CLI's `run --record`, the
 * demo, the live viewer): the header comes from the scenario, the network and the episode's seed
 * and variation (read at the reset frame), and each frame carries every live agent's reward and
 * done flag. Add it to the simulation's (or the environment's) `sinks`; `close` finishes the file.
 */
import type { RewardFunction } from "../core/env/rewards.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { agentRewards } from "./agentRewards.js";
import { headerForScenario } from "./headerForScenario.js";
import { ReplayWriter } from "./ReplayWriter.js";

/** Options of {@link simulationRecorder}. */
export interface SimulationRecorderOptions {
  /** A keyframe at least every this many ticks. @default 100 */
  keyframeInterval?: number;
  /** The reward recorded per agent and step. @default route progress (the environment's default) */
  reward?: RewardFunction;
}

/** A writer that records `sim()`'s episode to `path` (created at once). */
export function simulationRecorder(
  path: string,
  scenario: CompiledScenario,
  network: RoadNetwork,
  sim: () => Simulation,
  options: SimulationRecorderOptions = {},
): ReplayWriter {
  return new ReplayWriter(path, {
    header: () => headerForScenario(scenario, network, sim().seed, sim().variation.name),
    keyframeInterval: options.keyframeInterval,
    agents: agentRewards(sim, options.reward),
  });
}
