/**
 * A Gymnasium-style single-agent view of a {@link ParallelEnv}: `reset({seed})` →
 * `{observation, info}`, `step(action)` → `{observation, reward, terminated, truncated, info}`.
 * Other agents of the scenario (if any) must be driven by `others`, a function giving their actions.
 */
import type { Space } from "../spaces/Space.js";
import type { AgentInfo, ParallelEnv } from "./ParallelEnv.js";
import type { ResetOptions } from "../simulation/Simulation.js";

/** Options of a {@link SingleAgentEnv}. */
export interface SingleAgentEnvOptions {
  /** The agent this env controls. @default the scenario's only agent */
  agentId?: string;
  /** Actions of the other live agents, from their last observations. @default none (a scenario with more agents then fails) */
  others?: (observations: Readonly<Record<string, unknown>>, agents: readonly string[]) => Record<string, unknown>;
}

/** The result of a single-agent step. */
export interface SingleStepResult {
  observation: unknown;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: AgentInfo;
}

/** One agent of a parallel environment, Gymnasium style. */
export class SingleAgentEnv<E extends ParallelEnv = ParallelEnv> {
  readonly agentId: string;
  private readonly others: SingleAgentEnvOptions["others"];
  private lastObservations: Record<string, unknown> = {};

  constructor(
    readonly env: E,
    options: SingleAgentEnvOptions = {},
  ) {
    const ids = env.possibleAgents;
    if (options.agentId !== undefined) {
      if (!ids.includes(options.agentId))
        throw new Error(`no agent "${options.agentId}"; agents are ${ids.join(", ") || "(none)"}`);
      this.agentId = options.agentId;
    } else {
      if (ids.length !== 1)
        throw new Error(
          `the scenario has ${ids.length} agents (${ids.join(", ") || "none"}); name the one to control with agentId`,
        );
      this.agentId = ids[0];
    }
    this.others = options.others;
  }

  get observationSpace(): Space {
    return this.env.observationSpace(this.agentId);
  }

  get actionSpace(): Space {
    return this.env.actionSpace(this.agentId);
  }

  /** Starts an episode; the agent must be live after reset (its departure is advanced to). */
  async reset(options: ResetOptions = {}): Promise<{ observation: unknown; info: AgentInfo }> {
    const r = await this.env.reset(options);
    if (!(this.agentId in r.observations))
      throw new Error(`agent "${this.agentId}" is not live after reset (the episode ended before it appeared)`);
    this.lastObservations = r.observations;
    return { observation: r.observations[this.agentId], info: r.infos[this.agentId] };
  }

  /** One step with `action` for this agent. */
  async step(action: unknown): Promise<SingleStepResult> {
    const others = this.env.agents.filter((id) => id !== this.agentId);
    const actions: Record<string, unknown> =
      others.length && this.others ? this.others(this.lastObservations, others) : {};
    actions[this.agentId] = action;
    const r = await this.env.step(actions);
    this.lastObservations = { ...this.lastObservations, ...r.observations };
    return {
      observation: r.observations[this.agentId],
      reward: r.rewards[this.agentId],
      terminated: r.terminations[this.agentId],
      truncated: r.truncations[this.agentId],
      info: r.infos[this.agentId],
    };
  }

  async close(): Promise<void> {
    await this.env.close();
  }
}
