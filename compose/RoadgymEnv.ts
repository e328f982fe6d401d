/**
 * The environment {@link makeEnv} builds: a {@link ParallelEnv} that also keeps what it was built
 * from (the compiled scenario, its road network, the compiler's warnings) and the sinks makeEnv
 * added on request (replay, trajectory CSV, per-agent trajectories for metrics), so callers can
 * read what those wrote.
 */
import { ParallelEnv, type ParallelEnvOptions } from "../core/env/ParallelEnv.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import type { TrajectoryRecorder } from "../metrics/TrajectoryRecorder.js";
import type { TrajectoryCsvSink } from "../providers/history/TrajectoryCsvSink.js";
import type { ReplayWriter } from "../replay/ReplayWriter.js";
import type { Diagnostic } from "../scenario-dsl/Diagnostic.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";

/** The sinks makeEnv added (each present when its option asked for it). */
export interface EnvOutputs {
  /** The replay being written (`record`). */
  readonly replay?: ReplayWriter;
  /** The traffic's trajectory CSV being written (`trajectories`). */
  readonly trajectories?: TrajectoryCsvSink;
  /** Every agent's trajectory, the input of the episode metrics (`metrics`). */
  readonly metrics?: TrajectoryRecorder;
}

/** A parallel environment with its scenario, network, compiler warnings and outputs. */
export class RoadgymEnv extends ParallelEnv {
  /** The traffic providers the simulation drives, in order of preference for handed-back vehicles. */
  readonly providers: readonly TrafficProvider[];

  constructor(
    /** The compiled scenario the environment runs. */
    readonly scenario: CompiledScenario,
    /** Its road network. */
    readonly network: RoadNetwork,
    options: ParallelEnvOptions,
    /** The compiler's warnings (empty when the scenario came compiled). */
    readonly warnings: readonly Diagnostic[],
    /** The sinks makeEnv added. */
    readonly outputs: EnvOutputs,
  ) {
    super(scenario, network, options);
    this.providers = options.providers ?? [];
  }
}
