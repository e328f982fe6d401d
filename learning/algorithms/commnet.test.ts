import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { SignalGame } from "../toyEnvs/SignalGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { CommNet } from "./commnet.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const FAST = { numSteps: 8, hiddenDim: 16, minibatchSize: 128, learningRate: 0.01 };

describe("CommNet", () => {
  it("learns to communicate: each agent names the bit only the other sees", async () => {
    const run = async (commSteps: number) => {
      const env = new InProcessVecEnv(() => new SignalGame(), { numEnvs: 16 });
      const net = new CommNet(env, { seed: 1, ...FAST, commSteps });
      await env.reset(1);
      for (let i = 0; i < 8; i++) await net.iterate();
      const r = await evaluate(net, new InProcessVecEnv(() => new SignalGame(), { numEnvs: 4 }), 5, 64);
      net.dispose();
      return r.meanReturn;
    };
    expect(await run(2)).toBe(1);
    expect(await run(0)).toBeLessThan(0.75); // without the channel: a guess
  }, 30_000);

  it("an agent hears the live others only; the loss's gradient matches finite differences", () => {
    const env = new InProcessVecEnv(() => new SignalGame(), { numEnvs: 1 });
    const net = new CommNet(env, { seed: 3, hiddenDim: 8, commSteps: 2 });
    const logits0 = (obs: number[], present: number[]) =>
      tf.tidy(() =>
        Array.from(
          net
            .forward(tf.tensor3d(obs, [1, 2, 2]), tf.tensor2d(present, [1, 2]))
            .logits.dataSync()
            .slice(0, 2),
        ),
      );
    const a = logits0([1, 0, 1, 0], [1, 1]),
      b = logits0([1, 0, 0, 1], [1, 1]);
    expect(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])).toBeGreaterThan(1e-6); // agent 0 hears agent 1
    const c = logits0([1, 0, 1, 0], [1, 0]),
      d = logits0([1, 0, 0, 1], [1, 0]);
    c.forEach((v, k) => expect(v).toBeCloseTo(d[k], 6)); // …but not once agent 1 is absent
    tf.tidy(() => {
      const x = tf.tensor3d([1, 0, 0, 1, 0, 1, 1, 0], [2, 2, 2]);
      const present = tf.tensor2d([1, 1, 1, 0], [2, 2]);
      const args = [
        Int32Array.of(0, 1, 1, 0),
        Float32Array.of(-0.7, -0.7, -0.6, 0),
        Float32Array.of(1, -0.5, 0.3, 0),
        Float32Array.of(1, 0, 0.5, 0),
      ] as const;
      const loss = () => net.loss(x, present, tf.tensor1d([1, 1, 1, 0]), ...args, {});
      const v = net.variables[2]; // the first communication layer's self weights
      const { grads } = tf.variableGrads(loss, [v]);
      const g = grads[v.name].dataSync();
      const w = v.dataSync().slice();
      for (const k of [0, 5]) {
        const at = (h: number) => {
          const p = w.slice();
          p[k] += h;
          v.assign(tf.tensor(p, v.shape));
          return loss().dataSync()[0];
        };
        const numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
        v.assign(tf.tensor(w, v.shape));
        expect(g[k]).toBeCloseTo(numeric, 2);
      }
    });
    net.dispose();
  });

  it("checkpoints and restores; exports as a group policy only without agent ids", async () => {
    const env = new InProcessVecEnv(() => new SignalGame(), { numEnvs: 4 });
    const a = new CommNet(env, { seed: 2, ...FAST });
    await env.reset(1);
    await a.iterate();
    const b = new CommNet(env, { seed: 9, ...FAST });
    await b.restore(JSON.parse(JSON.stringify(await a.checkpoint())));
    const obs = Float32Array.from({ length: 16 }, (_, k) => (k % 3) / 2);
    const oa = new Float32Array(8),
      ob = new Float32Array(8);
    a.act(obs, new Uint8Array(8).fill(1), oa);
    b.act(obs, new Uint8Array(8).fill(1), ob);
    expect(Array.from(ob)).toEqual(Array.from(oa));
    expect(a.zooBlocker()).toBeNull();
    const withIds = new CommNet(env, { seed: 2, ...FAST, agentIds: true });
    expect(withIds.zooBlocker()).toMatch(/agent ids/);
    withIds.dispose();
    a.dispose();
    b.dispose();
  });
});
