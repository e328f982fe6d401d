import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { TwoStepGame } from "../toyEnvs/TwoStepGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { QMIX } from "./qmix.js";
import { VDN } from "./vdn.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const FAST = {
  hidden: [32],
  batchSize: 32,
  learningStarts: 100,
  startEpsilon: 1,
  endEpsilon: 1,
  targetUpdateInterval: 200,
  stepsPerIteration: 100,
  learningRate: 3e-3,
  gamma: 0.99,
  mixingEmbedDim: 8,
  hypernetHidden: 16,
};

describe("QMIX", () => {
  it("solves the QMIX paper's two-step game (return 8), where VDN's sum settles for 7", async () => {
    const env = new InProcessVecEnv(() => new TwoStepGame(), { numEnvs: 8 });
    const qmix = new QMIX(env, { seed: 2, ...FAST });
    await env.reset(1);
    for (let i = 0; i < 5; i++) await qmix.iterate();
    expect((await evaluate(qmix, env, 9, 16)).meanReturn).toBeCloseTo(8, 5);
    qmix.dispose();

    const vdnEnv = new InProcessVecEnv(() => new TwoStepGame(), { numEnvs: 8 });
    const vdn = new VDN(vdnEnv, { seed: 2, ...FAST });
    await vdnEnv.reset(1);
    for (let i = 0; i < 5; i++) await vdn.iterate();
    expect((await evaluate(vdn, vdnEnv, 9, 16)).meanReturn).toBeCloseTo(7, 5);
    vdn.dispose();
  }, 30_000);
});
