/**
 * Per-agent reward and done flags for a replay, read from a running {@link Simulation} as each
 * frame is recorded: for every agent driving at that tick, the step's reward (by default the
 * environment's: route progress, `progressReward`), the running total since it appeared, and
 * whether and why its episode ended. Pass the result as `ReplayWriter`'s `agents` option.
 */
import { progressReward, type RewardFunction } from "../core/env/rewards.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { ReplayAgent } from "./ReplayFrame.js";

/** A callback giving each live agent's reward and done flag at a frame of `sim()`. */
export function agentRewards(
  sim: () => Simulation,
  reward: RewardFunction = progressReward,
): (frame: SimFrame) => ReplayAgent[] {
  const totals = new Map<string, number>();
  return (frame) => {
    const s = sim();
    if (frame.tick === 0) totals.clear();
    const out: ReplayAgent[] = [];
    for (const agent of s.agents) {
      if (s.agentPhaseOf(agent.id) !== "live") continue;
      const result = s.agentResult(agent.id);
      if (!result) continue;
      const r = frame.tick === 0 ? 0 : reward({ agentId: agent.id, result, agent, frame });
      const total = (totals.get(agent.id) ?? 0) + r;
      totals.set(agent.id, total);
      out.push({
        id: agent.id,
        vehicleId: agent.id,
        reward: r,
        totalReward: total,
        done: result.reasons.length > 0,
        reasons: [...result.reasons],
      });
    }
    return out;
  };
}
