import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { CongestionGame } from "../toyEnvs/CongestionGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { MFAC } from "./mfac.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("MFAC", () => {
  it("solves the congestion game: the four agents split two and two", async () => {
    const env = new InProcessVecEnv(() => new CongestionGame(4, 2), { numEnvs: 8 });
    const mfac = new MFAC(env, {
      seed: 1,
      numSteps: 8,
      hidden: [16],
      criticHidden: [32],
      minibatchSize: 64,
      actorLearningRate: 0.01,
      criticLearningRate: 0.01,
      criticEpochs: 4,
    });
    await env.reset(1);
    for (let i = 0; i < 24; i++) await mfac.iterate();
    const r = await evaluate(mfac, env, 5, 8);
    expect(r.meanReturn).toBeCloseTo(-0.5, 6);
    mfac.dispose();
  }, 30_000);

  it("critic input: the agent's observation and slot and the others' mean action (hand-built)", () => {
    const env = new InProcessVecEnv(() => new CongestionGame(4, 3), { numEnvs: 1 });
    const mfac = new MFAC(env, { seed: 1 });
    expect(mfac.criticDim).toBe(1 + 4 + 3);
    const out = new Float32Array(4 * 8);
    mfac.writeCriticInputs(
      Float32Array.of(1, 1, 1, 1),
      new Float32Array(3),
      Int32Array.of(2, 0, 2, 1),
      Uint8Array.of(1, 1, 1, 0),
      out,
    );
    const row = (s: number) => Array.from(out.subarray(s * 8, (s + 1) * 8));
    // Agent 0: the others present are agents 1 (road 0) and 2 (road 2): mean [0.5, 0, 0.5].
    expect(row(0)).toEqual([1, 1, 0, 0, 0, 0.5, 0, 0.5]);
    expect(row(1)).toEqual([1, 0, 1, 0, 0, 0, 0, 1]);
    expect(row(3)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]); // absent
    mfac.dispose();
  });
});
