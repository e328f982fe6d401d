/**
 * The reward of the SMARTS paper's baselines (reference/SMARTS-PAPER.md, "Training setup"), as a
 * roadgym reward function: distance travelled along the route, progress towards the goal, a
 * lane-centre term, −50 for a collision or leaving the road (or the route, where leaving it ends
 * the episode: SMARTS's default done criteria), +20 for reaching the goal, −0.5 on a timeout. The paper's terms are multiplied by `scale` (0.1 by default) so that one episode's return
 * stays within a few tens; PPO normalises advantages either way, but value regression and DQN's
 * targets train better on small numbers. The paper's neighbour-distance and time-to-collision terms
 * are not reproduced (collision-free driving is taught by the collision penalty alone).
 */
import { z } from "zod";
import type { RewardContext, RewardFunction } from "../../core/env/rewards.js";

/** Weights of {@link paperReward}, in the paper's units (before `scale`). */
export interface PaperRewardWeights {
  /** Per metre of route progress this step (the paper's 0.05 × distance travelled). @default 0.05 */
  progressPerM: number;
  /** Per metre the straight-line goal distance shrank this step. @default 0.1 */
  goalProgressPerM: number;
  /** Per metre of offset from the lane centre, each step (negative). @default -0.1 */
  laneCentrePerM: number;
  /** On a collision. @default -50 */
  collision: number;
  /** On leaving the road. @default -50 */
  offRoad: number;
  /** When leaving the route ends the episode (`done { off_route on }`): the mission failed, like leaving the road. @default -50 */
  offRoute: number;
  /** On reaching the goal. @default 20 */
  goal: number;
  /** When the step limit ends the episode. @default -0.5 */
  timeout: number;
  /**
   * Every step (not in the paper; negative to make waiting cost something): with Lane actions an
   * agent can stop, and where going on risks a collision, standing still until the step limit
   * costs only `timeout`. @default 0
   */
  stepCost: number;
  /** Every term is multiplied by this. @default 0.1 */
  scale: number;
}

/** The defaults of {@link PaperRewardWeights}. */
export const PAPER_REWARD_DEFAULTS: Readonly<PaperRewardWeights> = Object.freeze({
  progressPerM: 0.05,
  goalProgressPerM: 0.1,
  laneCentrePerM: -0.1,
  collision: -50,
  offRoad: -50,
  offRoute: -50,
  goal: 20,
  timeout: -0.5,
  stepCost: 0,
  scale: 0.1,
});

/** Weights replacing some of the defaults, as a config file gives them (unknown keys are errors). */
export const PaperRewardWeightsSchema = z
  .object(
    Object.fromEntries(Object.keys(PAPER_REWARD_DEFAULTS).map((k) => [k, z.number().finite().optional()])) as Record<
      keyof PaperRewardWeights,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();

/**
 * Makes a paper-style reward function. It keeps each agent's last goal distance, so make one per
 * environment (it resets an agent's memory at the agent's first step of an episode).
 */
export function paperReward(weights: Partial<PaperRewardWeights> = {}): RewardFunction {
  const w = { ...PAPER_REWARD_DEFAULTS, ...weights };
  const lastGoalDist = new Map<string, number>();
  return (ctx: RewardContext): number => {
    const { agent, result } = ctx;
    const goal = agent.progress.goal;
    const dist = goal ? Math.hypot(goal.x - agent.state.x, goal.y - agent.state.y) : 0;
    const before = agent.stepsTaken <= 1 ? undefined : lastGoalDist.get(ctx.agentId);
    lastGoalDist.set(ctx.agentId, dist);
    let r = w.progressPerM * result.progressM + w.stepCost;
    if (before !== undefined) r += w.goalProgressPerM * (before - dist);
    r += w.laneCentrePerM * Math.abs(agent.progress.laneT);
    const reasons = result.reasons as readonly string[];
    if (result.events.collision) r += w.collision;
    if (result.events.offRoad) r += w.offRoad;
    if (reasons.includes("offRoute")) r += w.offRoute;
    if (reasons.includes("goal")) r += w.goal;
    if (reasons.includes("maxSteps") || reasons.includes("duration")) r += w.timeout;
    return w.scale * r;
  };
}
