import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { CooperativeNavigation } from "../toyEnvs/CooperativeNavigation.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { MADDPG } from "./maddpg.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

/** Mean coverage cost at the end of greedy episodes (lower is better; 0 = both landmarks covered). */
async function finalCost(maddpg: MADDPG, seed: number, episodes: number): Promise<number> {
  let total = 0;
  for (let k = 0; k < episodes; k++) {
    const env = new CooperativeNavigation();
    let { observations } = env.reset(seed + k);
    for (let t = 0; t < env.maxSteps; t++) {
      const obs = new Float32Array(16);
      obs.set(observations.a0, 0);
      obs.set(observations.a1, 8);
      const out = new Float32Array(4);
      maddpg.act(obs, Uint8Array.of(1, 1), out, true);
      ({ observations } = env.step(new Map([["a0", [out[0], out[1]]], ["a1", [out[2], out[3]]]])));
    }
    total += env.coverageCost();
  }
  return total / episodes;
}

describe("MADDPG", () => {
  it("learns two-agent cooperative navigation: the agents split up and cover both landmarks", async () => {
    const env = new InProcessVecEnv(() => new CooperativeNavigation(), { numEnvs: 4 });
    const maddpg = new MADDPG(env, { seed: 4, hidden: [64], batchSize: 64, learningStarts: 200, stepsPerIteration: 100, trainFrequency: 1, explorationNoise: 0.3, tau: 0.02, actorLearningRate: 2e-3, criticLearningRate: 2e-3 });
    const before = await finalCost(maddpg, 1000, 20);
    await env.reset(3);
    for (let i = 0; i < 7; i++) await maddpg.iterate();
    const after = await finalCost(maddpg, 1000, 20);
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(0.5 * before);
    expect(after).toBeLessThan(0.5);
    maddpg.dispose();
  }, 60_000);
});
