import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { RelayGame } from "../toyEnvs/RelayGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { MAA2C } from "./maa2c.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("MAA2C", () => {
  it("solves the relay game with one A2C step per rollout and a critic on the global state", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const maa2c = new MAA2C(env, { seed: 1, numSteps: 8, hidden: [16], learningRate: 0.01 });
    expect(maa2c.algorithm).toBe("maa2c");
    expect(maa2c.criticDim).toBe(4 + 5 + 2); // global state, own observation, agent id
    await env.reset(1);
    for (let i = 0; i < 12; i++) await maa2c.iterate();
    expect((await evaluate(maa2c, env, 5, 8)).meanReturn).toBeCloseTo(3, 5);
    const cp = await maa2c.checkpoint();
    expect(cp.optimizer.step).toBe(12); // one gradient step per iteration: A2C
    maa2c.dispose();
  }, 30_000);
});
