import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { CooperativeNavigation, type CooperativeNavigationOptions } from "../toyEnvs/CooperativeNavigation.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { MADDPG } from "./maddpg.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

/** Mean coverage cost at the end of greedy episodes (lower is better; 0 = both landmarks covered). */
async function finalCost(
  maddpg: MADDPG,
  seed: number,
  episodes: number,
  options: CooperativeNavigationOptions = {},
): Promise<number> {
  const discrete = options.actions === "discrete";
  let total = 0;
  for (let k = 0; k < episodes; k++) {
    const env = new CooperativeNavigation(options);
    let { observations } = env.reset(seed + k);
    for (let t = 0; t < env.maxSteps; t++) {
      const obs = new Float32Array(16);
      obs.set(observations.a0, 0);
      obs.set(observations.a1, 8);
      const out = new Float32Array(discrete ? 2 : 4);
      maddpg.act(obs, Uint8Array.of(1, 1), out, true);
      const actions = discrete
        ? [out[0], out[1]]
        : [
            [out[0], out[1]],
            [out[2], out[3]],
          ];
      ({ observations } = env.step(
        new Map([
          ["a0", actions[0]],
          ["a1", actions[1]],
        ]),
      ));
    }
    total += env.coverageCost();
  }
  return total / episodes;
}

describe("MADDPG", () => {
  it("learns two-agent cooperative navigation: the agents split up and cover both landmarks", async () => {
    const env = new InProcessVecEnv(() => new CooperativeNavigation(), { numEnvs: 4 });
    const maddpg = new MADDPG(env, {
      seed: 4,
      hidden: [64],
      batchSize: 64,
      learningStarts: 200,
      stepsPerIteration: 100,
      trainFrequency: 1,
      explorationNoise: 0.3,
      tau: 0.02,
      actorLearningRate: 2e-3,
      criticLearningRate: 2e-3,
    });
    const before = await finalCost(maddpg, 1000, 20);
    await env.reset(3);
    for (let i = 0; i < 7; i++) await maddpg.iterate();
    const after = await finalCost(maddpg, 1000, 20);
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(0.5 * before);
    expect(after).toBeLessThan(0.5);
    maddpg.dispose();
  }, 120_000);

  it("learns the discrete (5-move) version with Gumbel-softmax actors", async () => {
    const options: CooperativeNavigationOptions = { actions: "discrete" };
    const env = new InProcessVecEnv(() => new CooperativeNavigation(options), { numEnvs: 4 });
    const maddpg = new MADDPG(env, {
      seed: 5,
      hidden: [64],
      batchSize: 64,
      learningStarts: 200,
      stepsPerIteration: 100,
      trainFrequency: 1,
      tau: 0.02,
      actorLearningRate: 2e-3,
      criticLearningRate: 2e-3,
      gumbelTemperature: 0.5,
    });
    const before = await finalCost(maddpg, 1000, 20, options);
    await env.reset(3);
    for (let i = 0; i < 6; i++) await maddpg.iterate();
    const after = await finalCost(maddpg, 1000, 20, options);
    expect(before).toBeGreaterThan(1);
    expect(after).toBeLessThan(0.5 * before);
    expect(after).toBeLessThan(0.5);
    maddpg.dispose();
  }, 120_000);
});

describe("MADDPG with shareActors", () => {
  it("has one actor for every slot, learns with it, and checkpoints it", async () => {
    const options: CooperativeNavigationOptions = { actions: "discrete" };
    const make = (shareActors: boolean) =>
      new MADDPG(new InProcessVecEnv(() => new CooperativeNavigation(options), { numEnvs: 2 }), {
        seed: 5,
        hidden: [32],
        batchSize: 32,
        learningStarts: 50,
        stepsPerIteration: 60,
        shareActors,
      });
    const a = make(true);
    expect(a.actors).toHaveLength(1);
    expect(a.actorOf(1)).toBe(a.actorOf(0));
    await a.env.reset(2);
    await a.iterate();
    const cp = await a.checkpoint();
    expect(cp.actors).toHaveLength(1);
    expect(cp.critics).toHaveLength(2);
    const b = make(true);
    await b.restore(cp);
    const obs = Float32Array.from({ length: 2 * 2 * 8 }, (_, k) => Math.sin(k));
    const outA = new Float32Array(4),
      outB = new Float32Array(4);
    a.act(obs, Uint8Array.of(1, 1, 1, 1), outA, true);
    b.act(obs, Uint8Array.of(1, 1, 1, 1), outB, true);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    const c = make(false);
    await expect(c.restore(cp)).rejects.toThrow(/1 actors, this learner 2/);
    for (const m of [a, b, c]) m.dispose();
  });

  it("with sharedCritic, one critic judges every agent (its slot one-hot in the input), trains and checkpoints", async () => {
    const options: CooperativeNavigationOptions = { actions: "discrete" };
    const make = () =>
      new MADDPG(new InProcessVecEnv(() => new CooperativeNavigation(options), { numEnvs: 2 }), {
        seed: 6,
        hidden: [32],
        batchSize: 32,
        learningStarts: 50,
        stepsPerIteration: 60,
        shareActors: true,
        sharedCritic: true,
      });
    const a = make();
    expect(a.critics).toHaveLength(1);
    expect(a.critics[0].inputs[0].shape[1]).toBe(4 + 8 + 2 + 2 * 5); // state, own observation, slot, both actions
    await a.env.reset(2);
    const stats = await a.iterate();
    expect(Number.isFinite(stats.losses.critic)).toBe(true);
    const b = make();
    await b.restore(JSON.parse(JSON.stringify(await a.checkpoint())));
    const obs = Float32Array.from({ length: 2 * 2 * 8 }, (_, k) => Math.cos(k));
    const outA = new Float32Array(4),
      outB = new Float32Array(4);
    a.act(obs, Uint8Array.of(1, 1, 1, 1), outA, true);
    b.act(obs, Uint8Array.of(1, 1, 1, 1), outB, true);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    a.dispose();
    b.dispose();
  });
});
