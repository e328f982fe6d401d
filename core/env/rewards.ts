/**
 * Reward functions (DESIGN.md §7). The default is the distance progressed along the route this step
 * (metres; negative when going back, 0 off the route). A reward function is a plain function of the
 * step's outcome, so users plug in their own without subclassing the environment.
 */
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { AgentStepResult } from "../simulation/Simulation.js";
import type { SimFrame } from "../simulation/SimFrame.js";

/** What a reward function sees for one agent at one step. */
export interface RewardContext {
  agentId: string;
  /** The agent's outcome this step (progress, events, done reasons). */
  result: AgentStepResult;
  /** The agent's vehicle (state, mission progress). */
  agent: AgentVehicle;
  /** This step's frame. */
  frame: SimFrame;
}

/** Computes one agent's reward for one step. */
export type RewardFunction = (ctx: RewardContext) => number;

/** Route progress this step, in metres: the default reward. */
export const progressReward: RewardFunction = (ctx) => ctx.result.progressM;
