import { describe, expect, it } from "vitest";
import { makeSlotEnv } from "../vecEnv/EnvSpec.js";
import { PaperRewardWeightsSchema, type PaperRewardWeights } from "./paperReward.js";

/** Every agent keeps its lane on paper Double Merge; returns each agent's last reward and why it ended. */
async function keepLaneEpisode(
  weights: Partial<PaperRewardWeights>,
): Promise<Map<string, { reward: number; reasons: readonly string[] }>> {
  const env = makeSlotEnv({
    kind: "roadgym",
    scenario: "scenarios/paper-double_merge.scn",
    reward: "paper",
    rewardWeights: weights,
  });
  await env.reset(1);
  const ends = new Map<string, { reward: number; reasons: readonly string[] }>();
  for (let t = 0; t < 400 && env.agents.length > 0; t++) {
    const r = await env.step(new Map(env.agents.map((a) => [a, 0])));
    for (const id of Object.keys(r.rewards))
      if (r.terminations[id] || r.truncations[id]) ends.set(id, { reward: r.rewards[id], reasons: r.reasons[id] });
  }
  await env.close();
  return ends;
}

describe("paperReward", () => {
  it("rewards the goal, and punishes leaving the road and (where it ends the episode) the route, scaled by 0.1", async () => {
    const base = await keepLaneEpisode({});
    const noRoute = await keepLaneEpisode({ offRoute: 0 });
    const noRoad = await keepLaneEpisode({ offRoad: 0 });
    const noGoal = await keepLaneEpisode({ goal: 0 });
    // agent3 and agent4 have to swap lanes; keeping theirs, agent3 leaves the road at gneE5's end (its lane turns
    // left) and agent4 runs past its goal onto gneE23, off the route; agent1 and agent2 reach their goals.
    expect(base.get("agent1")!.reasons).toEqual(["goal"]);
    expect(base.get("agent2")!.reasons).toEqual(["goal"]);
    expect(base.get("agent3")!.reasons).toEqual(["offRoad"]);
    expect(base.get("agent4")!.reasons).toEqual(["offRoute"]);
    expect(base.get("agent4")!.reward - noRoute.get("agent4")!.reward).toBeCloseTo(-5, 9);
    expect(base.get("agent3")!.reward - noRoad.get("agent3")!.reward).toBeCloseTo(-5, 9);
    expect(base.get("agent1")!.reward - noGoal.get("agent1")!.reward).toBeCloseTo(2, 9);
    expect(base.get("agent3")!.reward - noRoute.get("agent3")!.reward).toBe(0);
    const stepCost = await keepLaneEpisode({ stepCost: -1 });
    expect(stepCost.get("agent1")!.reward - base.get("agent1")!.reward).toBeCloseTo(-0.1, 9);
  });

  it("takes weights from config files, refusing unknown names", () => {
    expect(PaperRewardWeightsSchema.parse({ stepCost: -0.05 })).toEqual({ stepCost: -0.05 });
    expect(() => PaperRewardWeightsSchema.parse({ stepcost: -0.05 })).toThrow();
  });
});
