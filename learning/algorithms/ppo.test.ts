import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { Reach1D } from "../toyEnvs/Reach1D.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { PPO, computeGae, ppoClippedLoss } from "./ppo.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("PPO", () => {
  it("learns the 1-D reach task (discrete actions)", async () => {
    const env = new InProcessVecEnv(() => new Reach1D(), { numEnvs: 8 });
    const before = await evaluate(new PPO(env, { seed: 3 }), env, 99, 40);
    const ppo = new PPO(env, { seed: 3, numSteps: 32, minibatchSize: 64, learningRate: 3e-3, hidden: [32] });
    await env.reset(1);
    for (let i = 0; i < 25; i++) await ppo.iterate();
    const after = await evaluate(ppo, env, 1234, 40);
    expect(after.completionRate).toBeGreaterThanOrEqual(0.95);
    expect(after.meanReturn).toBeGreaterThan(before.meanReturn + 0.3);
    ppo.dispose();
  }, 60_000);

  it("learns the 1-D reach task (continuous actions)", async () => {
    const env = new InProcessVecEnv(() => new Reach1D({ actions: "continuous" }), { numEnvs: 8 });
    const ppo = new PPO(env, { seed: 5, numSteps: 32, minibatchSize: 64, learningRate: 3e-3, hidden: [32] });
    await env.reset(2);
    for (let i = 0; i < 30; i++) await ppo.iterate();
    const after = await evaluate(ppo, env, 4321, 40);
    expect(after.completionRate).toBeGreaterThanOrEqual(0.9);
    ppo.dispose();
  }, 60_000);

  it("the clipped loss's gradient matches finite differences", () => {
    const newLp = [-0.3, -1.2, -0.05, -2.0, -0.7, -0.9];
    const oldLp = [-0.5, -1.0, -0.4, -1.5, -0.7, -1.3];
    const adv = [1.0, -0.5, 2.0, 0.3, -1.2, 0.8];
    const f = (x: tf.Tensor1D) => ppoClippedLoss(x, tf.tensor1d(oldLp), tf.tensor1d(adv), 0.2);
    const g = tf
      .grad((x: tf.Tensor) => f(x as tf.Tensor1D))(tf.tensor1d(newLp))
      .dataSync();
    const h = 1e-3;
    for (let i = 0; i < newLp.length; i++) {
      const plus = [...newLp],
        minus = [...newLp];
      plus[i] += h;
      minus[i] -= h;
      const fd = (f(tf.tensor1d(plus)).dataSync()[0] - f(tf.tensor1d(minus)).dataSync()[0]) / (2 * h);
      expect(g[i]).toBeCloseTo(fd, 3);
    }
    // Clipped samples (ratio outside 1 ± 0.2 on the side that would gain) get no gradient.
    expect(g[2]).toBe(0); // ratio e^0.35 > 1.2 with A > 0
    expect(g[0]).toBe(0); // ratio e^0.2 = 1.22 > 1.2 with A > 0: clipped too
    expect(g[1]).not.toBe(0); // ratio e^−0.2 = 0.82, inside the clip range
  });

  it("GAE cuts at dones and skips a slot's invalid steps", () => {
    // One slot, 3 steps; the middle one invalid (the slot was not live).
    const adv = computeGae(
      3,
      1,
      Float32Array.of(1, 99, 1),
      Float32Array.of(0.5, 99, 0.5),
      Uint8Array.of(0, 0, 1),
      Uint8Array.of(1, 0, 1),
      Float32Array.of(7),
      0.9,
      0.8,
    );
    const a2 = 1 - 0.5; // done: no bootstrap from nextValues
    const a0 = 1 + 0.9 * 0.5 - 0.5 + 0.9 * 0.8 * a2;
    expect(adv[2]).toBeCloseTo(a2, 6);
    expect(adv[0]).toBeCloseTo(a0, 6);
    expect(adv[1]).toBe(0);
  });

  for (const kind of ["discrete", "continuous"] as const) {
    it(`the hand-written gradients equal autodiff of the loss (${kind} actions)`, async () => {
      const env = new InProcessVecEnv(() => new Reach1D(kind === "continuous" ? { actions: "continuous" } : {}), {
        numEnvs: 4,
      });
      const ppo = new PPO(env, {
        seed: 13,
        numSteps: 16,
        hidden: [8, 8],
        entCoef: 0.05,
        clipCoef: 0.1,
        learningRate: 0.03,
      });
      await env.reset(8);
      await ppo.iterate(); // moves the policy away from the one that collected the next batch: some ratios leave the clip range
      const { batch } = await ppo.collect();
      ppo.update(batch); // and again, so that this batch's ratios differ from 1
      const idx = Array.from({ length: batch.n }, (_, i) => i);
      const hostStats: Record<string, number> = {},
        refStats: Record<string, number> = {};
      const manual = ppo.gradients(ppo.hostMinibatch(batch, idx), hostStats);
      const mb = ppo.minibatch(batch, idx);
      const vars = [...ppo.policy.trainableWeights, ...ppo.critic.trainableWeights]
        .map((w) => w.read() as tf.Variable)
        .concat(ppo.logStd ? [ppo.logStd] : []);
      const { grads } = tf.variableGrads(() => ppo.loss(mb, refStats), vars);
      expect(hostStats.clipFrac).toBeGreaterThan(0);
      for (const k of Object.keys(refStats)) expect(hostStats[k]).toBeCloseTo(refStats[k], 5);
      expect(manual.length).toBe(vars.length);
      vars.forEach((v, i) => {
        const ref = grads[v.name].dataSync();
        const scale = Math.max(...Array.from(ref, Math.abs), 1e-6);
        manual[i].forEach((g, k) => expect(Math.abs(g - ref[k]) / scale).toBeLessThan(1e-4));
      });
      ppo.dispose();
    }, 30_000);
  }

  it("annealSteps: learning rate and entropy weight fall linearly to 0, and then updates change nothing", async () => {
    const env = new InProcessVecEnv(() => new Reach1D(), { numEnvs: 4 });
    const ppo = new PPO(env, {
      seed: 9,
      numSteps: 16,
      minibatchSize: 16,
      hidden: [16],
      learningRate: 0.01,
      entCoef: 0.02,
      annealSteps: 128,
    });
    await env.reset(4);
    expect(ppo.scheduled.learningRate).toBe(0.01);
    await ppo.iterate(); // 64 env steps: half-way
    expect(ppo.envSteps).toBe(64);
    expect(ppo.scheduled.learningRate).toBeCloseTo(0.005, 12);
    expect(ppo.scheduled.entCoef).toBeCloseTo(0.01, 12);
    const before = ppo.policy.getWeights().map((w) => Array.from(w.dataSync()));
    await ppo.iterate(); // 128: the update of this iteration runs at rate 0
    expect(ppo.scheduled.learningRate).toBe(0);
    expect(ppo.policy.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    expect(ppo.config.learningRate).toBe(0.01); // the configured values stay (checkpoints, resume)
    ppo.dispose();
  }, 30_000);

  it("criticWarmupSteps: only the critic learns until then, the policy afterwards", async () => {
    for (const actions of ["discrete", "continuous"] as const) {
      const env = new InProcessVecEnv(() => new Reach1D({ actions }), { numEnvs: 4 });
      const ppo = new PPO(env, { seed: 9, numSteps: 16, minibatchSize: 16, hidden: [16], criticWarmupSteps: 128 });
      await env.reset(4);
      const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
      const policy = weights(ppo.policy),
        critic = weights(ppo.critic),
        logStd = ppo.logStd ? Array.from(ppo.logStd.dataSync()) : null;
      await ppo.iterate(); // 64 env steps: the update runs below 128
      expect(weights(ppo.policy)).toEqual(policy);
      if (logStd) expect(Array.from(ppo.logStd!.dataSync())).toEqual(logStd);
      expect(weights(ppo.critic)).not.toEqual(critic);
      await ppo.iterate(); // 128: warm-up over
      expect(weights(ppo.policy)).not.toEqual(policy);
      ppo.dispose();
    }
  }, 30_000);

  it("save and resume give identical subsequent updates", async () => {
    const env = new InProcessVecEnv(() => new Reach1D(), { numEnvs: 4 });
    const cfg = { seed: 9, numSteps: 16, minibatchSize: 16, hidden: [16] };
    const a = new PPO(env, cfg);
    await env.reset(4);
    await a.iterate();
    await a.iterate();
    const { batch } = await a.collect();
    const saved = JSON.parse(JSON.stringify(await a.checkpoint()));
    const b = new PPO(env, { ...cfg, seed: 77 }); // different initial weights and RNG: all must come from the checkpoint
    await b.restore(saved);
    expect(b.policy.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(
      a.policy.getWeights().map((w) => Array.from(w.dataSync())),
    );
    const withoutConfig = (c: object) => JSON.stringify({ ...c, config: undefined });
    expect(withoutConfig(await b.checkpoint())).toBe(withoutConfig(saved));
    const la = a.update(batch);
    const lb = b.update(batch);
    expect(lb).toEqual(la);
    const wa = a.policy.getWeights().map((w) => Array.from(w.dataSync()));
    const wb = b.policy.getWeights().map((w) => Array.from(w.dataSync()));
    expect(wb).toEqual(wa);
    expect(withoutConfig(await b.checkpoint())).toBe(withoutConfig(await a.checkpoint()));
    a.dispose();
    b.dispose();
  }, 30_000);
});
