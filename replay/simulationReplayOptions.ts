/**
 * The replay options of a simulation run: the header comes from the scenario, the network and the
 * episode's seed and variation (read at the first frame), and each frame carries every live
 * agent's reward and done flag. For a file ({@link simulationRecorder}) or memory (ReplayBuffer).
 */
import type { RewardFunction } from "../core/env/rewards.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { agentRewards } from "./agentRewards.js";
import { headerForScenario } from "./headerForScenario.js";
import type { ReplayWriterOptions } from "./ReplayEncoder.js";

/** Options of a simulation's replay. */
export interface SimulationRecorderOptions {
  /** A keyframe at least every this many ticks. @default 100 */
  keyframeInterval?: number;
  /** The reward recorded per agent and step. @default route progress (the environment's default) */
  reward?: RewardFunction;
}

/** The replay options of `sim()`'s episode: its header and each frame's agent rewards (file or memory alike). */
export function simulationReplayOptions(
  scenario: CompiledScenario,
  network: RoadNetwork,
  sim: () => Simulation,
  options: SimulationRecorderOptions = {},
): ReplayWriterOptions {
  return {
    header: () => headerForScenario(scenario, network, sim().seed, sim().variation.name),
    keyframeInterval: options.keyframeInterval,
    agents: agentRewards(sim, options.reward),
  };
}
