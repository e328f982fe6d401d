/**
 * The headless run behind `roadgym run` (and the demo and benchmarks): a compiled scenario in a
 * {@link ParallelEnv}, its traffic from the chosen provider, its social agents from the agent zoo,
 * and every learning agent driven by the keep-lane policy, until the episode ends or the step limit. Returns the JSON summary the CLI prints.
 */
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { ParallelEnv } from "../core/env/ParallelEnv.js";
import { standardObserver } from "../core/env/observationObserver.js";
import type { AgentObservation } from "../core/observations/AgentObservation.js";
import { SCENARIO_DEFAULTS } from "../spec/CompiledScenario.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { PhaseTiming } from "../core/simulation/PhaseTimer.js";
import { KeepLanePolicy } from "../agent-zoo/policies/KeepLanePolicy.js";
import { buildProviders, type TrafficChoice } from "./buildProviders.js";
import { TrajectoryRecorder } from "../metrics/TrajectoryRecorder.js";
import { agentEpisodeMetrics, type AgentEpisodeMetrics } from "../metrics/agentEpisodeMetrics.js";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import { simulationRecorder } from "../replay/simulationRecorder.js";
import { BubbleManager } from "../bubbles/BubbleManager.js";
import { HandoverOnlyProvider } from "../bubbles/HandoverOnlyProvider.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import { TrajectoryCsvSink } from "../providers/history/TrajectoryCsvSink.js";

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
  steps: number;
  simSeconds: number;
  wallSeconds: number;
  stepsPerSecond: number;
  /** Most vehicles at once, and distinct vehicles over the run. */
  vehicles: { max: number; total: number };
  collisions: number;
  /** Agents whose episode ended, by reason (an agent with several reasons counts under each). */
  agentsDone: Record<string, number>;
  /** Agents still driving when the run stopped. */
  agentsRunning: number;
  /** Social agents of the run by how they ended (`live`, `done`, `failed`, …). */
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
}

/** The observation the keep-lane driver reads (ego and route waypoints only: cheap). */
export function keepLaneObservation() {
  const o = structuredClone(
    SCENARIO_DEFAULTS.observation,
  ) as unknown as import("../spec/CompiledScenario.js").Observation;
  o.ego.enabled = true;
  o.waypoints = { enabled: true, lookahead: 50, spacingM: 1 };
  o.events.enabled = false;
  return o;
}

/** Runs one episode; see the file comment. */
export async function runScenario(
  scenario: CompiledScenario,
  network: RoadNetwork,
  options: RunScenarioOptions = {},
): Promise<RunSummary> {
  const providers = buildProviders(scenario, options.traffic ?? "auto");
  // A provider bubble whose target does not run the traffic gets it without demand of its own.
  for (const b of scenario.bubbles) {
    const a = b.actor;
    if (a.kind !== "traffic" || providers.some((p) => p.name === a.provider)) continue;
    if (a.provider !== "local")
      throw new Error(
        `bubble "${b.name}" hands vehicles to "${a.provider}", which this run does not have (traffic: ${providers.map((p) => p.name).join(", ") || "none"})`,
      );
    providers.push(new HandoverOnlyProvider(new LocalTrafficProvider()));
  }
  const recorder =
    options.record === undefined ? undefined : simulationRecorder(options.record, scenario, network, () => env.sim);
  const metricSink = options.metrics ? new TrajectoryRecorder() : undefined;
  const trajectorySink = options.trajectories
    ? new TrajectoryCsvSink(options.trajectories.path, options.trajectories.everyTicks)
    : undefined;
  const env: ParallelEnv = new ParallelEnv(scenario, network, {
    providers,
    sinks: [
      ...(options.sinks ?? []),
      ...(recorder ? [recorder] : []),
      ...(metricSink ? [metricSink] : []),
      ...(trajectorySink ? [trajectorySink] : []),
    ],
    observer: standardObserver(keepLaneObservation()),
    social: {
      resolver: (options.zoo ?? createDefaultZoo()).resolver({ workers: options.socialWorkers }),
      stepBudgetMs: options.policyBudgetMs ?? (options.socialWorkers ? 1000 : null),
    },
    ...(scenario.bubbles.length > 0 && { bubbles: new BubbleManager(scenario, network) }),
  });
  metricSink?.attach(env.sim);
  const policies = new Map(
    env.sim.agents.map((a) => [a.id, new KeepLanePolicy(a.spec.interface.action, a.type, scenario.dtS)]),
  );
  // Learners of learning-agent bubbles get a keep-lane driver when they appear.
  const policyFor = (id: string): KeepLanePolicy => {
    let p = policies.get(id);
    if (!p) {
      const v = env.sim.social!.learners().find((l) => l.id === id)!.vehicle;
      policies.set(id, (p = new KeepLanePolicy(v.spec.interface.action, v.type, scenario.dtS)));
    }
    return p;
  };
  const bubbleTransitions: Record<string, number> = {};
  const maxSteps =
    options.steps ?? (scenario.durationS !== null ? Math.round(scenario.durationS / scenario.dtS) : 1000);
  const seen = new Set<string>();
  let maxVehicles = 0;
  let collisions = 0;
  const t0 = performance.now();
  let { observations } = await env.reset({ seed: options.seed, variation: options.variation });
  const count = () => {
    const f = env.sim.frame;
    for (const id of f.ids) seen.add(id);
    if (f.count > maxVehicles) maxVehicles = f.count;
    collisions += f.collisions.length;
    for (const e of f.events)
      if (e.kind === "bubble") bubbleTransitions[e.transition] = (bubbleTransitions[e.transition] ?? 0) + 1;
  };
  count();
  env.sim.clearProfile();
  let steps = 0;
  try {
    while (steps < maxSteps && !env.sim.episodeOver) {
      const actions: Record<string, unknown> = {};
      for (const id of env.agents) actions[id] = policyFor(id).act(observations[id] as AgentObservation);
      metricSink?.noteActions(actions);
      const r = await env.step(actions);
      observations = { ...observations, ...r.observations };
      steps++;
      count();
      options.onStep?.(env.sim.tick);
    }
  } finally {
    await env.close();
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
  return {
    scenario: scenario.name,
    seed: env.sim.seed,
    variation: env.sim.variation.name,
    steps,
    simSeconds: Number((steps * scenario.dtS).toFixed(6)),
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
    ...(metricSink && {
      metrics: Object.fromEntries(metricSink.trajectories().map((t) => [t.agentId, agentEpisodeMetrics(t)])),
    }),
    ...(recorder && {
      replay: {
        path: recorder.path,
        frames: recorder.frameCount,
        bytes: recorder.bytesWritten,
        bytesPerVehicleFrame: Number(recorder.bytesPerVehicleFrame.toFixed(3)),
      },
    }),
    ...(trajectorySink && { trajectories: { path: trajectorySink.path, rows: trajectorySink.rows } }),
  };
}
