/**
 * The headless run behind `roadgym run` and the demo: the scenario's environment from makeEnv
 * (traffic, social agents, bubbles, the sinks asked for), every learning agent driven by the
 * default driver (idm-mobil@v2) or the zoo policy asked for, until the episode ends or the step limit. Returns the JSON summary the CLI prints.
 *
 * An output file that cannot be written (the replay, the trajectories: disk full, quota, size
 * limit) stops the run where it is: the files are closed, readable up to their last whole frame,
 * and the summary says why (`outputError`) — the caller reports it after the summary.
 */
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { PhaseTiming } from "../core/simulation/PhaseTimer.js";
import { agentEpisodeMetrics, type AgentEpisodeMetrics } from "../metrics/agentEpisodeMetrics.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import type { TrafficChoice } from "./buildProviders.js";
import type { ScenarioSource } from "./loadScenario.js";
import { makeDrivenEnv } from "./policyEnv.js";
import type { ZooPolicyChoice } from "./zooPolicies.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import { OutputWriteError } from "../spec/OutputWriteError.js";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  seed?: number;
  variation?: number | string;
  /** Step limit; default: the scenario's duration, or 1,000 steps when it has none. */
  steps?: number;
  traffic?: TrafficChoice;
  sinks?: FrameSink[];
  /** Write a replay of the run to this file (docs/replay-format.md). */
  record?: string;
  /** Write the traffic's trajectories to this CSV (docs/trajectory-csv.md), one row per vehicle every `everyTicks` ticks. */
  trajectories?: { path: string; everyTicks: number };
  /** Record trajectories and add every agent's episode metrics (docs/metrics.md) to the summary. @default false */
  metrics?: boolean;
  /** Drive the learning agents with this zoo policy (agents take its interface). @default the default driver (idm-mobil@v2) in each agent's own action space */
  policy?: ZooPolicyChoice;
  /** Called after every step (progress display). */
  onStep?: (tick: number) => void;
  /** The agent zoo the scenario's social agents come from. @default the built-in zoo */
  zoo?: Zoo;
  /** Run social agents' policies in worker threads. @default false */
  socialWorkers?: boolean;
  /** Wall-time budget of one social policy call (ms); null: none (in-process) — workers default to 1000. */
  policyBudgetMs?: number | null;
}

/** What `roadgym run` prints. */
export interface RunSummary {
  scenario: string;
  seed: number;
  variation: string;
  /** Environment steps taken (one a tick, except where the environment waited for an agent to appear). */
  steps: number;
  /** Simulated time of the episode (s). */
  simSeconds: number;
  wallSeconds: number;
  stepsPerSecond: number;
  /** Most vehicles at once, and distinct vehicles over the run. */
  vehicles: { max: number; total: number };
  collisions: number;
  /** Agents whose episode ended (learners of bubbles too: `released` when their bubble let them go), by reason (an agent with several reasons counts under each). */
  agentsDone: Record<string, number>;
  /** Agents still driving when the run stopped. */
  agentsRunning: number;
  /** Social agents (and learners of bubbles) of the run by how they ended (`live`, `done`, `failed`, `detached`, …). */
  socialAgents: Record<string, number>;
  /** Parts of the scenario this build does not simulate (none: bubbles run through the bubble manager). */
  notSimulated: string[];
  /** Bubble transitions of the run, by kind (`airlockEntered`, `entered`, `exited`, `airlockExited`). */
  bubbleTransitions: Record<string, number>;
  profile: PhaseTiming[];
  /** Per agent, its episode metrics (with the `metrics` option). */
  metrics?: Record<string, AgentEpisodeMetrics>;
  /** The replay written (with `record`): its path, frames, bytes, and bytes per vehicle per frame. */
  replay?: { path: string; frames: number; bytes: number; bytesPerVehicleFrame: number };
  /** The trajectory CSV written (with `trajectories`): its path and rows. */
  trajectories?: { path: string; rows: number };
  /**
   * Vehicles the local traffic dropped without entering, because their flow's insertion backlog was
   * full (`maxBacklog`, providers/local/DemandSource.ts).
   */
  trafficDropped: number;
  /** Why the run stopped early: an output file could not be written (the files keep what was written). */
  outputError?: string;
}

/** Runs one episode; see the file comment. */
export async function runScenario(scenario: ScenarioSource, options: RunScenarioOptions = {}): Promise<RunSummary> {
  // Counted from every frame (a step that waits for the next agent spans several ticks).
  const seen = new Set<string>();
  const bubbleTransitions: Record<string, number> = {};
  let maxVehicles = 0;
  let collisions = 0;
  const counter: FrameSink = {
    onFrame(f) {
      for (const id of f.ids) seen.add(id);
      if (f.count > maxVehicles) maxVehicles = f.count;
      collisions += f.collisions.length;
      for (const e of f.events)
        if (e.kind === "bubble") bubbleTransitions[e.transition] = (bubbleTransitions[e.transition] ?? 0) + 1;
    },
  };
  const built = await makeDrivenEnv(scenario, options.policy, {
    traffic: options.traffic,
    zoo: options.zoo,
    socialAgents: { workers: options.socialWorkers, stepBudgetMs: options.policyBudgetMs },
    sinks: [...(options.sinks ?? []), counter],
    record: options.record,
    trajectories: options.trajectories,
    metrics: options.metrics,
  });
  const { env, driver } = built;
  const { replay, metrics, trajectories } = env.outputs;
  const maxSteps =
    options.steps ?? (env.scenario.durationS !== null ? Math.round(env.scenario.durationS / env.scenario.dtS) : 1000);
  const t0 = performance.now();
  let steps = 0;
  let outputError: OutputWriteError | undefined;
  let trafficDropped = 0;
  const noteOutputError = (e: unknown) => {
    if (!(e instanceof OutputWriteError)) throw e;
    outputError ??= e;
  };
  try {
    await driver.reset({ seed: options.seed, variation: options.variation });
    env.sim.clearProfile();
    while (steps < maxSteps && !env.sim.episodeOver) {
      await driver.step();
      steps++;
      options.onStep?.(env.sim.tick);
    }
  } catch (e) {
    noteOutputError(e);
  } finally {
    for (const p of env.providers) if (p instanceof LocalTrafficProvider) trafficDropped += p.dropped;
    await built.close().catch(noteOutputError);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const agentsDone: Record<string, number> = {};
  let running = 0;
  for (const a of env.sim.agents) {
    const r = env.sim.agentResult(a.id);
    const phase = env.sim.agentPhaseOf(a.id);
    if (r && r.reasons.length > 0) for (const why of r.reasons) agentsDone[why] = (agentsDone[why] ?? 0) + 1;
    else if (phase === "live") running++;
  }
  // Learners of learning-agent bubbles: ended by their done criteria, released by their bubble, or driving.
  for (const l of env.sim.social?.learners() ?? []) {
    const reasons = l.reasons.length > 0 ? l.reasons : l.phase === "detached" ? ["released"] : [];
    for (const why of reasons) agentsDone[why] = (agentsDone[why] ?? 0) + 1;
    if (reasons.length === 0) running++;
  }
  return {
    scenario: env.scenario.name,
    seed: env.sim.seed,
    variation: env.sim.variation.name,
    steps,
    simSeconds: Number((env.sim.tick * env.scenario.dtS).toFixed(6)),
    wallSeconds: Number(wallSeconds.toFixed(4)),
    stepsPerSecond: Math.round(steps / Math.max(wallSeconds, 1e-9)),
    vehicles: { max: maxVehicles, total: seen.size },
    collisions,
    agentsDone,
    agentsRunning: running,
    socialAgents: (env.sim.social?.list() ?? []).reduce<Record<string, number>>(
      (n, a) => ((n[a.phase] = (n[a.phase] ?? 0) + 1), n),
      {},
    ),
    notSimulated: [],
    bubbleTransitions,
    profile: env.sim.profile(),
    ...(metrics && {
      metrics: Object.fromEntries(metrics.trajectories().map((t) => [t.agentId, agentEpisodeMetrics(t)])),
    }),
    ...(replay && {
      replay: {
        path: replay.path,
        frames: replay.frameCount,
        bytes: replay.bytesWritten,
        bytesPerVehicleFrame: Number(replay.bytesPerVehicleFrame.toFixed(3)),
      },
    }),
    ...(trajectories && { trajectories: { path: trajectories.path, rows: trajectories.rows } }),
    trafficDropped,
    ...(outputError && { outputError: outputError.message }),
  };
}
