/**
 * The one composition root (DESIGN.md §12): a scenario — a `.scn` path, a registered name
 * (`roadgym/paper-intersection-sv`), or a compiled scenario — becomes a ready multi-agent
 * environment with its road network, the chosen traffic providers, social agents from the agent
 * zoo (in-process or in worker threads), bubbles, the learning agents' observers and reward, and
 * the sinks asked for (replay, trajectory CSV, trajectories for metrics). Every entry point — the
 * CLI's run, view, demo, benchmark, train and eval, the web server's live runs, the learning code,
 * the speed benchmarks and the tests — builds its environment here, so a scenario behaves the same
 * wherever it is opened.
 *
 * ```ts
 * const env = makeEnv("roadgym/paper-intersection-sv", { record: "out.replay" });
 * let { observations } = await env.reset({ seed: 1 });
 * while (env.agents.length > 0) ({ observations } = await env.step(actionsFor(observations)));
 * await env.close();
 * ```
 */
import type { ObserverFactory } from "../core/env/ParallelEnv.js";
import { standardObserver } from "../core/env/observationObserver.js";
import type { RewardFunction } from "../core/env/rewards.js";
import type { PhysicsWorldOptions } from "../core/physics/PhysicsWorld.js";
import type { AgentVehicle } from "../core/simulation/AgentVehicle.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import { zooPolicyCheck } from "../agent-zoo/zooPolicyCheck.js";
import { BubbleManager } from "../bubbles/BubbleManager.js";
import type { BubbleOptions } from "../bubbles/PreparedBubble.js";
import { TrajectoryRecorder } from "../metrics/TrajectoryRecorder.js";
import { TrajectoryCsvSink } from "../providers/history/TrajectoryCsvSink.js";
import { simulationRecorder } from "../replay/simulationRecorder.js";
import type { CompileOptions } from "../scenario-dsl/compileScenario.js";
import type { Observation } from "../spec/CompiledScenario.js";
import { buildProviders, type TrafficChoice } from "./buildProviders.js";
import { loadScenario, type LoadedScenario, type ScenarioSource } from "./loadScenario.js";
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
   * What each learning agent observes: one config for all, or one per agent (its vehicle; learners
   * of bubbles too). @default each agent's own `observe` block
   */
  observation?: Observation | ((agent: AgentVehicle) => Observation);
  /** Makes each agent's observer instead of `observation` (custom observation code). */
  observer?: ObserverFactory;
  /** Reward function. @default route progress this step (m) */
  reward?: RewardFunction;
  /** Clamp out-of-range action numbers instead of throwing. @default false */
  clipActions?: boolean;
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
  /** Options of the compiler (a shared map cache) when the scenario is a path or a name. */
  compile?: CompileOptions;
}

/**
 * Builds the environment of `scenario`; see the file comment.
 * @throws ScenarioError with the diagnostics of a scenario that does not compile
 * @throws Error naming the bubble, provider or agent the environment cannot be built with
 */
export function makeEnv(scenario: ScenarioSource, options: MakeEnvOptions = {}): RoadgymEnv {
  const zoo = options.zoo ?? createDefaultZoo();
  const loaded = loadEnvScenario(scenario, { ...options, zoo });
  const compiled = loaded.scenario;
  const network = loaded.network;
  let sim: Simulation | undefined;
  const simulation = () => {
    if (!sim) throw new Error("makeEnv: the environment is not built yet");
    return sim;
  };
  const outputs: EnvOutputs = {
    ...(options.record !== undefined && {
      replay: simulationRecorder(options.record, compiled, network, simulation, { reward: options.reward }),
    }),
    ...(options.trajectories && {
      trajectories: new TrajectoryCsvSink(options.trajectories.path, options.trajectories.everyTicks ?? 1),
    }),
    ...(options.metrics && { metrics: new TrajectoryRecorder() }),
  };
  const social = options.socialAgents === false ? undefined : (options.socialAgents ?? {});
  const bubbles = options.bubbles ?? true;
  const env = new RoadgymEnv(
    compiled,
    network,
    {
      providers: options.providers ?? buildProviders(compiled, options.traffic ?? "auto"),
      sinks: [...(options.sinks ?? []), ...outputSinks(outputs)],
      observer: options.observer ?? observerFor(options.observation),
      reward: options.reward,
      clipActions: options.clipActions,
      agentDoneVehicle: options.agentDoneVehicle,
      physics: options.physics,
      ...(social && {
        social: {
          resolver: zoo.resolver({ workers: social.workers }),
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

/**
 * `scenario` compiled (or checked) as makeEnv takes it: a scenario compiled here has its zoo
 * references checked against the zoo that will run them.
 */
export function loadEnvScenario(
  scenario: ScenarioSource,
  options: Pick<MakeEnvOptions, "zoo" | "compile"> = {},
): LoadedScenario {
  const zoo = options.zoo ?? createDefaultZoo();
  return loadScenario(scenario, { policyCheck: zooPolicyCheck(zoo), ...options.compile });
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

/** The observer factory for an `observation` option (one standard observer per distinct config). */
function observerFor(observation: MakeEnvOptions["observation"]): ObserverFactory {
  if (typeof observation !== "function") return standardObserver(observation);
  const byConfig = new Map<Observation, ObserverFactory>();
  return (agent, sim) => {
    const config = observation(agent);
    let f = byConfig.get(config);
    if (!f) byConfig.set(config, (f = standardObserver(config)));
    return f(agent, sim);
  };
}
