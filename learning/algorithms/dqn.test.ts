import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { ChainMdp } from "../toyEnvs/ChainMdp.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { DQN } from "./dqn.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("DQN", () => {
  it("learns the chain MDP: the greedy policy walks past the nearby small reward to the far goal", async () => {
    const env = new InProcessVecEnv(() => new ChainMdp(8, 20), { numEnvs: 4 });
    const untrained = new DQN(env, { seed: 2 });
    const before = await evaluate(untrained, env, 5, 8, 200);
    untrained.dispose();
    const dqn = new DQN(env, {
      seed: 2,
      learningRate: 2e-3,
      hidden: [32],
      batchSize: 32,
      learningStarts: 200,
      explorationSteps: 2500,
      targetUpdateInterval: 200,
      stepsPerIteration: 100,
      gamma: 0.95,
    });
    await env.reset(1);
    for (let i = 0; i < 10; i++) await dqn.iterate();
    const after = await evaluate(dqn, env, 7, 8, 200);
    expect(before.completionRate).toBeLessThan(1);
    expect(after.completionRate).toBe(1);
    expect(after.meanLength).toBe(6); // straight right from state 1 to state 7
    dqn.dispose();
  }, 60_000);

  it("refuses continuous actions", () => {
    const env = new InProcessVecEnv({ kind: "toy", task: "coopnav" }, { numEnvs: 1 });
    expect(() => new DQN(env)).toThrow(/discrete/);
  });
});
