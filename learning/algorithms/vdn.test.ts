import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { RelayGame } from "../toyEnvs/RelayGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { DQN } from "./dqn.js";
import { VDN } from "./vdn.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const FAST = {
  hidden: [32],
  batchSize: 32,
  learningStarts: 100,
  explorationSteps: 1_500,
  targetUpdateInterval: 200,
  stepsPerIteration: 100,
  learningRate: 3e-3,
  gamma: 0.99,
};

describe("VDN", () => {
  it("solves the relay game, where an independent learner (IQL) takes the nearby bonus", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const vdn = new VDN(env, { seed: 3, ...FAST });
    await env.reset(1);
    for (let i = 0; i < 4; i++) await vdn.iterate();
    const learnt = await evaluate(vdn, env, 9, 16);
    expect(learnt.meanReturn).toBeCloseTo(3, 5); // road 1, then the receiver's action 1
    vdn.dispose();

    const iqlEnv = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const iql = new DQN(iqlEnv, { seed: 3, ...FAST });
    await iqlEnv.reset(1);
    for (let i = 0; i < 4; i++) await iql.iterate();
    const independent = await evaluate(iql, iqlEnv, 9, 16);
    expect(independent.meanReturn).toBeCloseTo(1.1, 5); // road 0's bonus, then its 1
    iql.dispose();
  }, 30_000);

  it("loss: the team's squared TD error of the summed values; its gradient matches finite differences", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 2 });
    const vdn = new VDN(env, { seed: 5, hidden: [8], batchSize: 4, learningStarts: 0, stepsPerIteration: 4 });
    await env.reset(2);
    await vdn.iterate();
    const idx = Int32Array.of(0, 1, 2, 3);
    tf.tidy(() => {
      const batch = vdn.batchTensors(idx);
      const y = tf.tensor1d([1, -2, 0.5, 3]);
      // By hand: Q_tot = Σ valid · Q(o, a) per row.
      const q = (vdn.q.predict(batch.obs) as tf.Tensor2D).arraySync();
      const acts = batch.actions.arraySync();
      const valid = batch.valid.arraySync();
      const yv = y.arraySync();
      let expected = 0;
      for (let k = 0; k < 4; k++) {
        let tot = 0;
        for (let a = 0; a < 2; a++) {
          const row = k * 2 + a;
          tot += valid[k][a] * q[row].reduce((s, v, j) => s + v * acts[row][j], 0);
        }
        expected += (tot - yv[k]) ** 2 / 4;
      }
      expect(vdn.loss(batch, y).dataSync()[0]).toBeCloseTo(expected, 5);
      // Gradient of the loss against central differences on a few weights of the first layer.
      const kernel = vdn.q.trainableWeights[0].read() as tf.Variable;
      const { grads } = tf.variableGrads(() => vdn.loss(batch, y), [kernel]);
      const g = grads[kernel.name].dataSync();
      const w = kernel.dataSync().slice();
      for (const k of [0, 3, 7]) {
        const h = 1e-2;
        const at = (d: number) => {
          const v = w.slice();
          v[k] += d;
          kernel.assign(tf.tensor(v, kernel.shape));
          return vdn.loss(batch, y).dataSync()[0];
        };
        const numeric = (at(h) - at(-h)) / (2 * h);
        kernel.assign(tf.tensor(w, kernel.shape));
        expect(g[k]).toBeCloseTo(numeric, 2);
      }
    });
    vdn.dispose();
  });

  it("checkpoints and restores: the same greedy actions, and refuses another algorithm's checkpoint", async () => {
    const make = () =>
      new VDN(new InProcessVecEnv(() => new RelayGame(), { numEnvs: 2 }), { seed: 4, ...FAST, learningStarts: 8 });
    const a = make();
    await a.env.reset(1);
    await a.iterate();
    const cp = JSON.parse(JSON.stringify(await a.checkpoint()));
    const b = make();
    await b.restore(cp);
    expect(b.agentSteps).toBe(a.agentSteps);
    const obs = Float32Array.from({ length: 2 * 2 * 5 }, (_, k) => (k % 3) / 2);
    const outA = new Float32Array(4),
      outB = new Float32Array(4);
    a.act(obs, Uint8Array.of(1, 1, 1, 1), outA);
    b.act(obs, Uint8Array.of(1, 1, 1, 1), outB);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    await expect(b.restore({ ...cp, algorithm: "qmix" })).rejects.toThrow(/checkpoint is for qmix, not vdn/);
    a.dispose();
    b.dispose();
  });
});
