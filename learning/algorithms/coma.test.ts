import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { CongestionGame } from "../toyEnvs/CongestionGame.js";
import { RelayGame } from "../toyEnvs/RelayGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { COMA } from "./coma.js";
import { MlpQCritic } from "./QCritic.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const FAST = {
  numSteps: 8,
  hidden: [16],
  criticHidden: [32],
  minibatchSize: 64,
  actorLearningRate: 0.01,
  criticLearningRate: 0.01,
  criticEpochs: 4,
};

describe("COMA", () => {
  it("solves the relay game on the team reward", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const coma = new COMA(env, { seed: 1, ...FAST });
    await env.reset(1);
    for (let i = 0; i < 16; i++) await coma.iterate();
    expect((await evaluate(coma, env, 5, 8)).meanReturn).toBeCloseTo(3, 5);
    coma.dispose();
  }, 30_000);

  it("critic input: the state, the agent's observation and slot, the others' actions (hand-built)", () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 2 });
    const coma = new COMA(env, { seed: 1, ...FAST });
    expect(coma.criticDim).toBe(4 + 5 + 2 + 1 * 2);
    const obs = Float32Array.from({ length: 4 * 5 }, (_, k) => k);
    const state = Float32Array.from({ length: 2 * 4 }, (_, k) => 100 + k);
    const out = new Float32Array(4 * coma.criticDim);
    coma.writeCriticInputs(obs, state, Int32Array.of(1, 0, 0, 1), Uint8Array.of(1, 1, 1, 0), out);
    const row = (s: number) => Array.from(out.subarray(s * 13, (s + 1) * 13));
    expect(row(0)).toEqual([100, 101, 102, 103, 0, 1, 2, 3, 4, 1, 0, 1, 0]); // env 0, agent 0: agent 1 took 0
    expect(row(1)).toEqual([100, 101, 102, 103, 5, 6, 7, 8, 9, 0, 1, 0, 1]); // agent 0 took 1
    expect(row(2)).toEqual([104, 105, 106, 107, 10, 11, 12, 13, 14, 1, 0, 0, 0]); // env 1: agent 1 absent
    coma.dispose();
  });

  it("advantage: Q(x, a) − Σ π(a') Q(x, a'); targets: the team reward of a one-step episode", async () => {
    const env = new InProcessVecEnv(() => new CongestionGame(4, 2), { numEnvs: 2 });
    const coma = new COMA(env, { seed: 2, ...FAST, agentIds: false });
    // A uniform policy (zero weights) and a critic that answers Q = [0.5, −1.5] everywhere.
    coma.policy.setWeights(coma.policy.getWeights().map((w) => tf.zerosLike(w)));
    expect(coma.critic).toBeInstanceOf(MlpQCritic);
    if (!(coma.critic instanceof MlpQCritic)) return;
    const w = coma.critic.model.getWeights();
    coma.critic.model.setWeights([...w.slice(0, -1).map((t) => tf.zerosLike(t)), tf.tensor1d([0.5, -1.5])]);
    await env.reset(3);
    const { batch } = await coma.collect();
    expect(batch.n).toBe(8 * 2 * 4);
    for (let k = 0; k < batch.n; k++) {
      expect(batch.advantages[k]).toBeCloseTo(batch.actions[k] === 0 ? 1 : -1, 6);
      expect(batch.logProbs[k]).toBeCloseTo(Math.log(0.5), 6);
    }
    // Team reward: the sum of the four agents' −(share of agents on their road); each step is a whole episode.
    const firstEnv = Array.from(batch.actions.subarray(0, 4));
    const counts = [0, 1].map((r) => firstEnv.filter((a) => a === r).length);
    const team = firstEnv.reduce((s, a) => s - counts[a] / 4, 0);
    for (let k = 0; k < 4; k++) expect(batch.targets[k]).toBeCloseTo(team, 6);
    coma.dispose();
  });
});
