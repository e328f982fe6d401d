/**
 * Drives an environment's learning agents with policies: one policy per agent, made the first time
 * the agent needs an action (learners of bubbles appear mid-episode), each given its agent's latest
 * observation. `roadgym run`, live viewing, the demo, the benchmark runner and the bubble benchmark
 * all run their episodes through it; `step` also notes the actions for the environment's metrics
 * recorder, which records which action produced each step.
 */
import { makeDefaultDriver } from "../agent-zoo/defaultDriver.js";
import type { ResetResult, StepResult } from "../core/env/ParallelEnv.js";
import type { AgentObservation } from "../core/observations/AgentObservation.js";
import type { ResetOptions } from "../core/simulation/Simulation.js";
import type { AgentVehicle } from "../core/simulation/AgentVehicle.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";

/** A policy driving one learning agent. */
export interface AgentPolicy {
  /** The action for the agent's observation (any form its action space accepts), maybe asynchronously. */
  act(observation: AgentObservation): unknown;
  /** Releases resources (models, workers) at the end. */
  close?(): void | Promise<void>;
}

/**
 * Makes the policy of agent `agentId`, given its vehicle (type, action space, mission). A learner's
 * vehicle keeps its own id (`vehicle.id`, the traffic vehicle it was), the agent id is the bubble's.
 */
export type AgentPolicyFactory = (agentId: string, vehicle: AgentVehicle) => AgentPolicy | Promise<AgentPolicy>;

/**
 * The default driver (idm-mobil@v2, normal preset; `agent-zoo/defaultDriver.ts`) in each agent's own
 * action space: `roadgym run`'s driver. Build the environment with `defaultDriverObservation()`.
 */
export function defaultDriver(dtS: number): AgentPolicyFactory {
  return (id, vehicle) => makeDefaultDriver(vehicle.spec.interface.action, vehicle.type, dtS, stringSeed(id));
}

/** A deterministic 32-bit seed from an agent id (FNV-1a). */
function stringSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Runs episodes of `env` with a policy per learning agent; see the file comment. */
export class PolicyDriver {
  private readonly policies = new Map<string, AgentPolicy>();
  private observations: Record<string, unknown> = {};

  constructor(
    readonly env: RoadgymEnv,
    private readonly make: AgentPolicyFactory = defaultDriver(env.scenario.dtS),
  ) {}

  /** Starts an episode (the policies of the last one are kept: an agent's policy lives as long as the driver). */
  async reset(options: ResetOptions = {}): Promise<ResetResult> {
    const r = await this.env.reset(options);
    this.observations = { ...r.observations };
    return r;
  }

  /**
   * One step: every live agent's action from its latest observation, then the environment's step.
   * Every agent is asked before any answer is awaited, so that the agents of a group policy (one
   * forward pass for all that ask in a turn, agent-zoo/tfjs/GroupBatcher.ts) act together.
   */
  async step(): Promise<StepResult> {
    const ids = this.env.agents;
    for (const id of ids) if (!this.policies.has(id)) await this.create(id);
    const answers = ids.map((id) => this.policies.get(id)!.act(this.observations[id] as AgentObservation));
    const actions: Record<string, unknown> = {};
    for (let i = 0; i < ids.length; i++)
      actions[ids[i]] = answers[i] instanceof Promise ? await answers[i] : answers[i];
    this.env.outputs.metrics?.noteActions(actions);
    const r = await this.env.step(actions);
    Object.assign(this.observations, r.observations);
    return r;
  }

  /** Closes every policy (not the environment). */
  async close(): Promise<void> {
    for (const p of this.policies.values()) await p.close?.();
    this.policies.clear();
  }

  private async create(id: string): Promise<AgentPolicy> {
    const p = await this.make(id, this.env.agentVehicle(id));
    this.policies.set(id, p);
    return p;
  }
}
