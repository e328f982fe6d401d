import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { evaluate } from "../testing/evaluate.js";
import { RelayGame } from "../toyEnvs/RelayGame.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { HAPPO } from "./happo.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const FAST = { numSteps: 8, hidden: [16], minibatchSize: 64, learningRate: 0.01, criticLearningRate: 0.01 };

describe("HAPPO", () => {
  it("solves the relay game with one policy per agent (sender and receiver learn different jobs)", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 8 });
    const happo = new HAPPO(env, { seed: 1, ...FAST });
    expect(happo.actors).toHaveLength(2);
    await env.reset(1);
    for (let i = 0; i < 12; i++) await happo.iterate();
    expect((await evaluate(happo, env, 5, 8)).meanReturn).toBeCloseTo(3, 5);
    happo.dispose();
  }, 30_000);

  it("shares one policy on request; checkpoints and restores; refuses a checkpoint of another shape", async () => {
    const env = new InProcessVecEnv(() => new RelayGame(), { numEnvs: 2 });
    const shared = new HAPPO(env, { seed: 2, ...FAST, sharePolicy: true, agentIds: true });
    expect(shared.actors).toHaveLength(1);
    expect(shared.actorOf(1)).toBe(shared.actorOf(0));
    await env.reset(1);
    await shared.iterate();
    const cp = JSON.parse(JSON.stringify(await shared.checkpoint()));
    const again = new HAPPO(env, { seed: 7, ...FAST, sharePolicy: true, agentIds: true });
    await again.restore(cp);
    const obs = Float32Array.from({ length: 20 }, (_, k) => (k % 4) / 3);
    const oa = new Float32Array(4),
      ob = new Float32Array(4);
    shared.act(obs, new Uint8Array(4).fill(1), oa);
    again.act(obs, new Uint8Array(4).fill(1), ob);
    expect(Array.from(ob)).toEqual(Array.from(oa));
    const separate = new HAPPO(env, { seed: 2, ...FAST });
    await expect(separate.restore(cp)).rejects.toThrow(/1 policies, this learner 2/);
    for (const l of [shared, again, separate]) l.dispose();
  });
});
