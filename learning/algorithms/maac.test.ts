import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { CongestionGame } from "../toyEnvs/CongestionGame.js";
import { RelayGame } from "../toyEnvs/RelayGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { AttentionQCritic, MAAC, MaacConfigSchema } from "./maac.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("MAAC", () => {
  it("solves the relay game", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const maac = new MAAC(env, {
      seed: 1,
      numSteps: 8,
      hidden: [32],
      criticHidden: [64],
      attentionDim: 32,
      minibatchSize: 200,
      actorLearningRate: 0.003,
      criticLearningRate: 0.003,
      criticEpochs: 4,
      gamma: 0.95,
    });
    await env.reset(1);
    for (let i = 0; i < 12; i++) await maac.iterate();
    expect((await evaluate(maac, env, 5, 8)).meanReturn).toBeCloseTo(3, 5);
    maac.dispose();
  }, 30_000);

  it("critic input: own observation and slot, then present/observation/action of each other slot (hand-built)", () => {
    const env = new InProcessVecEnv(() => new CongestionGame(3, 2), { numEnvs: 1 });
    const maac = new MAAC(env, { seed: 1, attentionDim: 8, heads: 2 });
    expect(maac.criticDim).toBe(1 + 3 + 2 * (1 + 1 + 2));
    const out = new Float32Array(3 * 12);
    maac.writeCriticInputs(
      Float32Array.of(5, 6, 7),
      new Float32Array(2),
      Int32Array.of(1, 0, 1),
      Uint8Array.of(1, 0, 1),
      out,
    );
    expect(Array.from(out.subarray(0, 12))).toEqual([5, 1, 0, 0, 0, 0, 0, 0, 1, 7, 0, 1]);
    expect(Array.from(out.subarray(24, 36))).toEqual([7, 0, 0, 1, 1, 5, 0, 1, 0, 0, 0, 0]);
    maac.dispose();
  });

  it("attention critic: absent agents do not count, the others' order does not matter; gradient matches finite differences", () => {
    const c = MaacConfigSchema.parse({ attentionDim: 8, heads: 2, criticHidden: [8] });
    const critic = new AttentionQCritic(2, 2, 3, 2, c, 9);
    // Own part [2], then two blocks [present, obs, a0, a1].
    const a = Float32Array.of(0.3, -0.2, 1, 0.5, 1, 0, 1, -0.7, 0, 1);
    const swapped = Float32Array.of(0.3, -0.2, 1, -0.7, 0, 1, 1, 0.5, 1, 0);
    const absent = Float32Array.of(0.3, -0.2, 1, 0.5, 1, 0, 0, 9, 9, 9);
    const alone = Float32Array.of(0.3, -0.2, 1, 0.5, 1, 0, 0, -4, 1, 1);
    const q = (x: Float32Array) => Array.from(critic.predict(x, 1));
    q(swapped).forEach((v, k) => expect(v).toBeCloseTo(q(a)[k], 5));
    q(alone).forEach((v, k) => expect(v).toBeCloseTo(q(absent)[k], 5));
    expect(Math.abs(q(absent)[0] - q(a)[0])).toBeGreaterThan(1e-4);
    tf.tidy(() => {
      const x = tf.tensor2d([...a, ...swapped, ...absent], [3, 10]);
      const acts = tf.oneHot(tf.tensor1d([0, 1, 1], "int32"), 2) as tf.Tensor2D;
      const y = tf.tensor1d([0.5, -1, 2]);
      const qa = tf.sum(tf.mul(critic.forward(x), acts), 1).arraySync() as number[];
      const expected = qa.reduce((s, v, i) => s + (v - [0.5, -1, 2][i]) ** 2 / 6, 0);
      expect(critic.loss(x, acts, y).dataSync()[0]).toBeCloseTo(expected, 5);
      const vars = critic.variables;
      const { grads } = tf.variableGrads(() => critic.loss(x, acts, y), vars);
      for (const v of [vars[0], vars[4], vars[8]]) {
        const g = grads[v.name].dataSync();
        const w = v.dataSync().slice();
        const at = (d: number) => {
          const p = w.slice();
          p[1] += d;
          v.assign(tf.tensor(p, v.shape));
          return critic.loss(x, acts, y).dataSync()[0];
        };
        const numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
        v.assign(tf.tensor(w, v.shape));
        expect(g[1]).toBeCloseTo(numeric, 2);
      }
    });
    critic.dispose();
  });
});
