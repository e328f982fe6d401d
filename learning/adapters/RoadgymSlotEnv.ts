/**
 * The observation and action adapter between a roadgym {@link ParallelEnv} (built by makeEnv) and the
 * learners: each agent — learners of learning-agent bubbles too, which come and go during an
 * episode — observes its configured parts plus the normalised vector
 * (`core/observations/vectorLayout.ts`), and the learner sees only the vector; actions are the agent's action-space values (for the Lane
 * action space, the index 0…3 of keep_lane, slow_down, change_lane_left, change_lane_right).
 */
import type { RoadgymEnv } from "../../compose/RoadgymEnv.js";
import type { ParallelEnv } from "../../core/env/ParallelEnv.js";
import { Box } from "../../core/spaces/Box.js";
import { Discrete } from "../../core/spaces/Discrete.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import type { AgentInterface, CompiledScenario, Observation } from "../../spec/CompiledScenario.js";
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** Options of {@link RoadgymSlotEnv}. */
export interface RoadgymSlotEnvOptions {
  /** Variation of every episode. @default seed mod the number of variations */
  variation?: number | string;
  /** The observation every agent was given instead of its own (see {@link trainingObservation}). @default each agent's own */
  observation?: Observation;
}

/** The observation config an agent is trained with: `override` or its own, with the vector switched on. */
export function trainingObservation(iface: Pick<AgentInterface, "observation">, override?: Observation): Observation {
  return { ...(override ?? iface.observation), vector: { enabled: true } };
}

/**
 * The interface of possible agent `id` of `scenario`: a scenario agent's, or the learning-agent
 * bubble's whose learner ids (`<bubble>-<n>`) it belongs to.
 */
export function possibleAgentInterface(scenario: CompiledScenario, id: string): AgentInterface {
  const agent = scenario.agents.find((a) => a.name === id);
  if (agent) return agent.interface;
  for (const b of scenario.bubbles)
    if (b.actor.kind === "agent" && id.startsWith(`${b.name}-`) && /^\d+$/.test(id.slice(b.name.length + 1)))
      return b.actor.interface;
  throw new Error(`scenario "${scenario.name}" has no agent "${id}"`);
}

/** A roadgym scenario as a {@link SlotEnv}. */
export class RoadgymSlotEnv implements SlotEnv {
  readonly env: RoadgymEnv;
  readonly possibleAgents: readonly string[];
  readonly obsDim: number;
  readonly action: ActionSpec;
  readonly stateDim: number;
  private readonly variation: number | string | undefined;

  /**
   * @param env an environment whose agents observe {@link trainingObservation}s (makeEnv's
   *   `observation` option) and whose actions are clipped
   */
  constructor(env: RoadgymEnv, options: RoadgymSlotEnvOptions = {}) {
    const scenario = env.scenario;
    const ids = env.possibleAgents;
    if (ids.length === 0) throw new Error(`scenario "${scenario.name}" has no learning agents to train`);
    const lengths = ids.map((id) =>
      vectorLength(trainingObservation(possibleAgentInterface(scenario, id), options.observation)),
    );
    if (new Set(lengths).size > 1) {
      throw new Error(
        `scenario "${scenario.name}": agents observe vectors of different lengths (${ids.map((id, i) => `${id}: ${lengths[i]}`).join(", ")}); give them the same observe block`,
      );
    }
    this.env = env;
    this.possibleAgents = env.possibleAgents;
    this.obsDim = lengths[0];
    this.action = actionSpecOf(env, scenario.name);
    this.stateDim = env.stateDim;
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
