/**
 * The wiring of the one composition root (DESIGN.md §12), without a file system or threads: what
 * makeEnv does once the scenario is compiled, on any platform. Node's `makeEnv` (compose/makeEnv.ts)
 * compiles or loads the scenario and calls this with Node's platform (files, SUMO, worker threads);
 * the browser playground compiles in its worker and calls this with its own. Entry points choose
 * options; none re-wires providers, zoo, bubbles or sinks.
 */
import type { ObserverFactory } from "../core/env/ParallelEnv.js";
import { standardObserver } from "../core/env/observationObserver.js";
import type { RewardFunction } from "../core/env/rewards.js";
import type { PhysicsWorldOptions } from "../core/physics/PhysicsWorld.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import { BubbleManager } from "../bubbles/BubbleManager.js";
import type { BubbleOptions } from "../bubbles/PreparedBubble.js";
import { TrajectoryRecorder } from "../metrics/TrajectoryRecorder.js";
import type { CompileOptions } from "../scenario-dsl/compileScenario.js";
import type { AgentInterface, Observation } from "../spec/CompiledScenario.js";
import { chooseProviders, type TrafficChoice } from "./chooseProviders.js";
import type { EnvPlatform } from "./EnvPlatform.js";
import type { LoadedScenario } from "./loadScenario.js";
import { RoadgymEnv, type EnvOutputs } from "./RoadgymEnv.js";

/** How social agents' policies run. */
export interface SocialAgentOptions {
  /** Run each policy in a worker thread. @default false */
  workers?: boolean;
  /** Wall-time budget of one policy call (ms); a policy over it loses its vehicle to traffic. null: none. @default 1000 with workers, else null */
  stepBudgetMs?: number | null;
}

/** Options of {@link makeEnv}. */
export interface MakeEnvOptions {
  /** Which provider drives the scenario's traffic (`auto`: local IDM/MOBIL when it has any). @default "auto" */
  traffic?: TrafficChoice;
  /** Traffic providers to use instead of those `traffic` chooses. */
  providers?: TrafficProvider[];
  /** The agent zoo social agents and bubble actors come from (and a scenario compiled here is checked against). @default the built-in zoo */
  zoo?: Zoo;
  /** Social agents (and zoo-actor bubbles): how their policies run, or `false` to leave them out. @default in-process */
  socialAgents?: SocialAgentOptions | false;
  /** The scenario's bubbles, with options, or `false` to leave them out. @default on */
  bubbles?: BubbleOptions | boolean;
  /**
   * What each learning agent observes: one config for all, or one per agent interface (learners of
   * bubbles too, their spaces before capture included). @default each agent's own `observe` block
   */
  observation?: Observation | ((iface: AgentInterface) => Observation);
  /** Makes each agent's observer instead of `observation` (custom observation code). */
  observer?: ObserverFactory;
  /** Reward function. @default route progress this step (m) */
  reward?: RewardFunction;
  /** Clamp out-of-range action numbers instead of throwing. @default false */
  clipActions?: boolean;
  /** Advance over ticks where no agent is live but one may appear (`false`: one tick a step, for viewers). @default true */
  skipToAgents?: boolean;
  /** What happens to an agent's vehicle when its episode ends. @default "remove" */
  agentDoneVehicle?: "remove" | "traffic";
  /** Physics world options (substeps, vehicle model). */
  physics?: Omit<PhysicsWorldOptions, "stepS">;
  /** More frame sinks (live viewers, custom recorders), before the ones below. */
  sinks?: FrameSink[];
  /** Write a replay of the first episode to this file (docs/replay-format.md); a replay holds one episode. */
  record?: string;
  /** Write the traffic's trajectories to this CSV (docs/trajectory-csv.md), a row per vehicle every `everyTicks` ticks (default 1). */
  trajectories?: { path: string; everyTicks?: number };
  /** Record every agent's trajectory for the episode metrics (`env.outputs.metrics`). @default false */
  metrics?: boolean;
  /** Options of the compiler (a shared map cache) when the scenario is a path or a name (makeEnv). */
  compile?: CompileOptions;
}

/**
 * Builds the environment of an already loaded scenario on `platform`; see the file comment.
 * @throws Error naming the bubble, provider or agent the environment cannot be built with, or the
 *   option the platform cannot serve (`record` and `trajectories` write files)
 */
export function assembleEnv(loaded: LoadedScenario, options: MakeEnvOptions, platform: EnvPlatform): RoadgymEnv {
  const compiled = loaded.scenario;
  const network = loaded.network;
  let sim: Simulation | undefined;
  const simulation = () => {
    if (!sim) throw new Error("makeEnv: the environment is not built yet");
    return sim;
  };
  const outputs: EnvOutputs = {
    ...(options.record !== undefined && {
      replay: needs(platform.replayFile, "record")(options.record, compiled, network, simulation, options.reward),
    }),
    ...(options.trajectories && {
      trajectories: needs(platform.trajectoryFile, "trajectories")(
        options.trajectories.path,
        options.trajectories.everyTicks ?? 1,
      ),
    }),
    ...(options.metrics && { metrics: new TrajectoryRecorder() }),
  };
  const social = options.socialAgents === false ? undefined : (options.socialAgents ?? {});
  const bubbles = options.bubbles ?? true;
  const env = new RoadgymEnv(
    compiled,
    network,
    {
      providers: options.providers ?? chooseProviders(compiled, options.traffic ?? "auto", platform.providers),
      sinks: [...(options.sinks ?? []), ...outputSinks(outputs)],
      observer: options.observer ?? standardObserver(options.observation),
      reward: options.reward,
      clipActions: options.clipActions,
      skipToAgents: options.skipToAgents,
      agentDoneVehicle: options.agentDoneVehicle,
      physics: options.physics,
      ...(social && {
        social: {
          resolver: (options.zoo ?? platform.zoo()).resolver({ workers: social.workers }),
          stepBudgetMs: social.stepBudgetMs ?? (social.workers ? 1000 : null),
        },
      }),
      ...(bubbles !== false &&
        compiled.bubbles.length > 0 && {
          bubbles: new BubbleManager(compiled, network, bubbles === true ? {} : bubbles),
        }),
    },
    loaded.warnings,
    outputs,
  );
  sim = env.sim;
  outputs.metrics?.attach(env.sim);
  return env;
}

/** A platform capability an option needs, or an error naming the option. */
function needs<T>(capability: T | undefined, option: string): T {
  if (capability === undefined)
    throw new Error(`makeEnv: option "${option}" writes a file, which this platform cannot`);
  return capability;
}

/** The sinks of `outputs`, in recording order. */
function outputSinks(outputs: EnvOutputs): FrameSink[] {
  const sinks: FrameSink[] = [];
  if (outputs.replay) sinks.push(firstEpisodeOnly(outputs.replay));
  if (outputs.metrics) sinks.push(outputs.metrics);
  if (outputs.trajectories) sinks.push(outputs.trajectories);
  return sinks;
}

/** `sink` for the first episode: frames of later episodes (a reset's tick 0) are not passed on. */
function firstEpisodeOnly(sink: FrameSink): FrameSink {
  let started = false;
  let over = false;
  return {
    onFrame(frame) {
      if (over || (started && frame.tick === 0)) {
        over = true;
        return;
      }
      started = true;
      return sink.onFrame(frame);
    },
    close: () => sink.close?.(),
  };
}
