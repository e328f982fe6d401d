import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../core/random/Rng.js";
import { DQN } from "../algorithms/dqn.js";
import { PPO } from "../algorithms/ppo.js";
import { selectBackend } from "../backend/selectBackend.js";
import { buildMlp } from "../nn/mlp.js";
import { envSpecOf, makeVecEnv } from "../train/runTraining.js";
import { TrainConfigSchema } from "../train/TrainConfig.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { behaviourClone, cloneIntoLearner } from "./behaviourClone.js";
import { collectDemonstrations, type Demonstrations } from "./collectDemonstrations.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

/** Demonstrations of a fixed linear rule (argmax of W·x) on random states, 50 samples per episode. */
function linearRule(n: number, obsDim: number, numActions: number, seed: number): Demonstrations {
  const rng = new Rng(seed);
  const w = Array.from({ length: numActions * obsDim }, () => rng.normal());
  const obs = new Float32Array(n * obsDim),
    actions = new Int32Array(n),
    episode = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let d = 0; d < obsDim; d++) obs[i * obsDim + d] = rng.range(-1, 1);
    for (let a = 0; a < numActions; a++) {
      let z = 0;
      for (let d = 0; d < obsDim; d++) z += w[a * obsDim + d] * obs[i * obsDim + d];
      if (z > best) [best, actions[i]] = [z, a];
    }
    episode[i] = Math.floor(i / 50);
  }
  return { n, obsDim, numActions, obs, actions, episode, agentEpisodes: n / 50, completed: 0, collided: 0 };
}

describe("behaviourClone", () => {
  it("lowers the imitation loss and reproduces the demonstrator's actions on held-out states", () => {
    const demos = linearRule(4000, 6, 4, 3);
    const model = buildMlp({ inputDim: 6, hidden: [32, 32], outputDim: 4, outputGain: 0.01, seed: 1, name: "p" });
    const r = behaviourClone(model, demos, { epochs: 30, minibatchSize: 128, learningRate: 3e-3 });
    expect(r.heldOutSamples).toBe(400); // the last tenth of the 80 episodes
    expect(r.trainSamples).toBe(3600);
    expect(r.lossBefore).toBeCloseTo(Math.log(4), 1); // near-uniform logits at the start
    expect(r.losses.at(-1)!).toBeLessThan(0.25 * r.lossBefore);
    expect(r.losses.at(-1)!).toBeLessThan(r.losses[0]);
    expect(r.heldOutLossAfter).toBeLessThan(0.3 * r.heldOutLossBefore);
    expect(r.heldOutAgreement).toBeGreaterThan(0.9);
    model.dispose();
  });

  it("refuses a network whose input or output size differs from the demonstrations", () => {
    const demos = linearRule(100, 6, 4, 1);
    const wide = buildMlp({ inputDim: 7, hidden: [8], outputDim: 4, outputGain: 0.01, seed: 1, name: "a" });
    const few = buildMlp({ inputDim: 6, hidden: [8], outputDim: 3, outputGain: 0.01, seed: 1, name: "b" });
    expect(() => behaviourClone(wide, demos)).toThrow(/reads 7 numbers, the demonstrations have 6/);
    expect(() => behaviourClone(few, demos)).toThrow(/3 outputs, the demonstrations 4 actions/);
    wide.dispose();
    few.dispose();
  });
});

describe("collectDemonstrations and cloning a driver on a paper column", () => {
  const SCENARIO = resolve("scenarios/paper-intersection-sv.scn");
  const train = TrainConfigSchema.parse({
    scenario: SCENARIO,
    algorithm: "ppo",
    totalSteps: 64,
    numEnvs: 1,
    numWorkers: 0,
    observation: "compact",
  });
  const spec = envSpecOf(train, SCENARIO);
  const expert = { locator: "idm-mobil@v2", params: { action: "lane" } };
  const envs: VecEnv[] = [];
  afterAll(async () => {
    for (const env of envs) await env.close();
  });

  it("records the learners' observation vectors with idm-mobil@v2's Lane actions, and PPO's actor learns them", async () => {
    const demos = await collectDemonstrations(spec, expert, { steps: 3000, seed: 1 });
    const env = makeVecEnv(train, SCENARIO);
    envs.push(env);
    // What the learners see: the same vector length as the training env's.
    expect(demos.obsDim).toBe(env.obsDim);
    expect(demos.n).toBeGreaterThan(3000); // several agents a step
    expect(demos.agentEpisodes).toBeGreaterThan(4);
    expect(demos.completed).toBeGreaterThan(0);
    expect(demos.collided).toBeLessThan(demos.agentEpisodes / 10);
    const counts = [0, 0, 0, 0];
    for (const a of demos.actions) counts[a]++;
    expect(counts[0]).toBeGreaterThan(0); // keep_lane
    expect(counts[1]).toBeGreaterThan(0); // slow_down (yielding, following)
    // Deterministic: the same seeds give the same demonstrations.
    const again = await collectDemonstrations(spec, expert, { steps: 200, seed: 1 });
    expect(Array.from(again.actions)).toEqual(Array.from(demos.actions.subarray(0, again.n)));
    expect(Array.from(again.obs.subarray(0, 500))).toEqual(Array.from(demos.obs.subarray(0, 500)));

    const learner = new PPO(env, { hidden: [64, 64], seed: 1 });
    const critic = learner.critic.getWeights().map((w) => Array.from(w.dataSync()));
    const r = cloneIntoLearner(learner, demos, { epochs: 30 });
    // Held-out agent episodes: the clone agrees with the driver well above always answering its most common action.
    const firstHeld = demos.n - r.heldOutSamples;
    const heldCounts = [0, 0, 0, 0];
    for (let i = firstHeld; i < demos.n; i++) heldCounts[demos.actions[i]]++;
    const heldMajority = Math.max(...heldCounts) / r.heldOutSamples;
    expect(r.heldOutSamples).toBeGreaterThan(0.05 * demos.n);
    expect(r.heldOutLossAfter).toBeLessThan(0.6 * r.heldOutLossBefore);
    expect(r.heldOutAgreement).toBeGreaterThan(Math.max(0.7, heldMajority + 0.05));
    expect(learner.critic.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(critic);
    learner.dispose();
  }, 300_000);

  it("refuses a driver that answers in another action space, and a learner that is not an actor", async () => {
    await expect(collectDemonstrations(spec, { locator: "idm-mobil@v2" }, { steps: 10, seed: 1 })).rejects.toThrow(
      /answers in the lane_with_continuous_speed action space, the agents act in lane \(give it \{ "action": "lane" \}\)/,
    );
    const env = makeVecEnv(train, SCENARIO);
    envs.push(env);
    const dqn = new DQN(env, { hidden: [8], seed: 1 });
    expect(() => cloneIntoLearner(dqn, linearRule(50, env.obsDim, 4, 1))).toThrow(
      /dqn's network is not a policy's logits; clone into ppo, ippo, mappo/,
    );
    dqn.dispose();
  });
});
