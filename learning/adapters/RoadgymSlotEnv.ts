/**
 * The observation and action adapter between a roadgym {@link ParallelEnv} and the learners: each
 * agent observes its configured parts plus the normalised vector (`core/observations/vectorLayout.ts`),
 * and the learner sees only the vector; actions are the agent's action-space values (for the Lane
 * action space, the index 0…3 of keep_lane, slow_down, change_lane_left, change_lane_right).
 */
import { ParallelEnv, type ObserverFactory } from "../../core/env/ParallelEnv.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import type { RewardFunction } from "../../core/env/rewards.js";
import { Box } from "../../core/env/spaces/Box.js";
import { Discrete } from "../../core/env/spaces/Discrete.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import type { Agent, CompiledScenario, Observation } from "../../scenario-dsl/CompiledScenario.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { TrafficProvider } from "../../core/simulation/TrafficProvider.js";
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** Options of {@link RoadgymSlotEnv}. */
export interface RoadgymSlotEnvOptions {
  /** Traffic providers (the composition root builds them). */
  providers: TrafficProvider[];
  /** Reward function. @default route progress (m) */
  reward?: RewardFunction;
  /** Variation of every episode. @default seed mod the number of variations */
  variation?: number | string;
  /** Replaces every agent's observation config (the vector is switched on). @default each agent's own */
  observation?: Observation;
}

/** The observation config an agent is trained with: `override` or its own, with the vector switched on. */
export function trainingObservation(agent: Agent, override?: Observation): Observation {
  return { ...(override ?? agent.interface.observation), vector: { enabled: true } };
}

/** A roadgym scenario as a {@link SlotEnv}. */
export class RoadgymSlotEnv implements SlotEnv {
  readonly env: ParallelEnv;
  readonly possibleAgents: readonly string[];
  readonly obsDim: number;
  readonly action: ActionSpec;
  readonly stateDim: number;
  private readonly variation: number | string | undefined;

  constructor(scenario: CompiledScenario, network: RoadNetwork, options: RoadgymSlotEnvOptions) {
    const agents = scenario.agents;
    if (agents.length === 0) throw new Error(`scenario "${scenario.name}" has no learning agents to train`);
    const override = options.observation;
    const lengths = agents.map((a) => vectorLength(trainingObservation(a, override)));
    if (new Set(lengths).size > 1) {
      throw new Error(
        `scenario "${scenario.name}": agents observe vectors of different lengths (${agents.map((a, i) => `${a.name}: ${lengths[i]}`).join(", ")}); give them the same observe block`,
      );
    }
    // Each agent's own config with the vector on, or the override for every agent.
    const observer: ObserverFactory = override
      ? standardObserver(trainingObservation(agents[0], override))
      : (agent, sim) => standardObserver(trainingObservation(agent.spec))(agent, sim);
    this.env = new ParallelEnv(scenario, network, {
      providers: options.providers,
      observer,
      reward: options.reward,
      clipActions: true,
    });
    this.possibleAgents = this.env.possibleAgents;
    this.obsDim = lengths[0];
    this.action = actionSpecOf(this.env, scenario.name);
    this.stateDim = this.env.stateDim;
    this.variation = options.variation;
  }

  get agents(): readonly string[] {
    return this.env.agents;
  }

  async reset(seed: number): Promise<SlotReset> {
    const r = await this.env.reset({ seed, variation: this.variation });
    return { observations: vectors(r.observations) };
  }

  async step(actions: ReadonlyMap<string, SlotAction>): Promise<SlotStepResult> {
    const r = await this.env.step(actions);
    const reasons: Record<string, readonly string[]> = {};
    for (const [id, info] of Object.entries(r.infos)) reasons[id] = info.reasons;
    return {
      observations: vectors(r.observations),
      rewards: r.rewards,
      terminations: r.terminations,
      truncations: r.truncations,
      reasons,
    };
  }

  /** The env's global state (`ParallelEnv.state`, core/observations/globalState.ts). */
  writeState(out: Float32Array, offset: number): void {
    this.env.state(out, offset);
  }

  async close(): Promise<void> {
    await this.env.close();
  }
}

function vectors(observations: Record<string, unknown>): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [id, o] of Object.entries(observations)) out[id] = (o as AgentObservation).vector!;
  return out;
}

/** The shared action spec of every agent (all must have the same action space). */
function actionSpecOf(env: ParallelEnv, name: string): ActionSpec {
  const specs = env.possibleAgents.map((id): ActionSpec => {
    const s = env.actionSpace(id);
    if (s instanceof Discrete) return { kind: "discrete", n: s.n };
    if (s instanceof Box && s.shape.length === 1)
      return { kind: "continuous", dim: s.size, low: Array.from(s.low), high: Array.from(s.high) };
    throw new Error(
      `scenario "${name}": agent "${id}" has action space ${JSON.stringify(s.describe())}; learners take discrete or flat box actions`,
    );
  });
  const key = JSON.stringify(specs[0]);
  const other = specs.findIndex((s) => JSON.stringify(s) !== key);
  if (other >= 0)
    throw new Error(
      `scenario "${name}": agents "${env.possibleAgents[0]}" and "${env.possibleAgents[other]}" have different action spaces; parameter sharing needs one`,
    );
  return specs[0];
}
