/**
 * What the composition root needs from the platform it runs on: how to make traffic providers, the
 * zoo social agents come from (Node's starts policies in worker threads on request), and (where
 * there is a file system) file sinks. Node's is compose/nodeEnvPlatform.ts; the browser playground brings its
 * own, so the same wiring ({@link assembleEnv}) builds environments in both.
 */
import type { Zoo } from "../agent-zoo/Zoo.js";
import type { RewardFunction } from "../core/env/rewards.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { TrajectoryCsvSink } from "../providers/history/TrajectoryCsvSink.js";
import type { ReplayWriter } from "../replay/ReplayWriter.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import type { ProviderFactories } from "./chooseProviders.js";

/** A platform's services for {@link assembleEnv}. */
export interface EnvPlatform {
  /** The traffic providers it can make. */
  readonly providers: ProviderFactories;
  /** The zoo social agents and bubble actors come from when the options name none. */
  zoo(): Zoo;
  /** A replay writer recording `sim()`'s episode to `path` (the `record` option); absent: no files. */
  readonly replayFile?: (
    path: string,
    scenario: CompiledScenario,
    network: RoadNetwork,
    sim: () => Simulation,
    reward: RewardFunction | undefined,
  ) => ReplayWriter;
  /** A CSV sink of the traffic's trajectories (the `trajectories` option); absent: no files. */
  readonly trajectoryFile?: (path: string, everyTicks: number) => TrajectoryCsvSink;
}
