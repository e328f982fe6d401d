/**
 * The headless run behind `roadgym run` (and the demo and benchmarks): a compiled scenario in a
 * {@link ParallelEnv}, its traffic from the chosen provider, and every learning agent driven by the
 * keep-lane policy, until the episode ends or the step limit. Returns the JSON summary the CLI prints.
 */
import type { CompiledScenario } from "../scenario-dsl/CompiledScenario.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { ParallelEnv } from "../core/env/ParallelEnv.js";
import { standardObserver } from "../core/env/observationObserver.js";
import type { AgentObservation } from "../core/observations/AgentObservation.js";
import { SCENARIO_DEFAULTS } from "../scenario-dsl/CompiledScenario.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { PhaseTiming } from "../core/simulation/PhaseTimer.js";
import { KeepLanePolicy } from "../agent-zoo/policies/KeepLanePolicy.js";
import { buildProviders, type TrafficChoice } from "./buildProviders.js";

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  seed?: number;
  variation?: number | string;
  /** Step limit; default: the scenario's duration, or 1,000 steps when it has none. */
  steps?: number;
  traffic?: TrafficChoice;
  sinks?: FrameSink[];
  /** Called after every step (progress display). */
  onStep?: (tick: number) => void;
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
  /** Parts of the scenario this build does not simulate yet (social agents need the agent zoo, bubbles the bubble manager). */
  notSimulated: string[];
  profile: PhaseTiming[];
}

/** The observation the keep-lane driver reads (ego and route waypoints only: cheap). */
export function keepLaneObservation() {
  const o = structuredClone(SCENARIO_DEFAULTS.observation) as unknown as import("../scenario-dsl/CompiledScenario.js").Observation;
  o.ego.enabled = true;
  o.waypoints = { enabled: true, lookahead: 50, spacingM: 1 };
  o.events.enabled = false;
  return o;
}

/** Runs one episode; see the file comment. */
export async function runScenario(scenario: CompiledScenario, network: RoadNetwork, options: RunScenarioOptions = {}): Promise<RunSummary> {
  const providers = buildProviders(scenario, options.traffic ?? "auto");
  const env = new ParallelEnv(scenario, network, { providers, sinks: options.sinks, observer: standardObserver(keepLaneObservation()) });
  const policies = new Map(env.sim.agents.map((a) => [a.id, new KeepLanePolicy(a.spec.interface.action, a.type, scenario.dtS)]));
  const maxSteps = options.steps ?? (scenario.durationS !== null ? Math.round(scenario.durationS / scenario.dtS) : 1000);
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
  };
  count();
  env.sim.clearProfile();
  let steps = 0;
  try {
    while (steps < maxSteps && !env.sim.episodeOver) {
      const actions: Record<string, unknown> = {};
      for (const id of env.agents) actions[id] = policies.get(id)!.act(observations[id] as AgentObservation);
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
    notSimulated: [...scenario.socialAgents.map((a) => `social agent ${a.name}`), ...scenario.bubbles.map((b) => `bubble ${b.name}`)],
    profile: env.sim.profile(),
  };
}
