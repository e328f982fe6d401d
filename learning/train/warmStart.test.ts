import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PPO } from "../algorithms/ppo.js";
import { selectBackend } from "../backend/selectBackend.js";
import { exportZooPolicy } from "../export/exportZooPolicy.js";
import { policyInterfaceOf } from "../export/PolicyInterface.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { makeVecEnv, observationOverride } from "./runTraining.js";
import { TrainConfigSchema } from "./TrainConfig.js";
import { warmStart } from "./warmStart.js";

const SCENARIO = resolve("scenarios/paper-two_way.scn");
const config = (lookahead: number) =>
  TrainConfigSchema.parse({
    scenario: SCENARIO,
    algorithm: "ppo",
    totalSteps: 64,
    numEnvs: 1,
    numWorkers: 0,
    observation: { neighbours: { max: 4 }, waypoints: { lookahead, spacingM: 15 } },
  });

const envs: VecEnv[] = [];
let dir = "";
let exported: number[][] = [];

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
  const train = config(4);
  const env = makeVecEnv(train, SCENARIO);
  envs.push(env);
  const source = new PPO(env, { hidden: [16], seed: 1 });
  dir = join(mkdtempSync(join(tmpdir(), "roadgym-warm-")), "policy");
  await exportZooPolicy(source, policyInterfaceOf(SCENARIO, env, 1, observationOverride(train)), dir, { name: "w" });
  exported = source.policy.getWeights().map((w) => Array.from(w.dataSync()));
});

afterAll(async () => {
  for (const env of envs) await env.close();
});

describe("warmStart", () => {
  it("gives a fresh learner the exported policy's weights, and leaves its critic alone", async () => {
    const learner = new PPO(envs[0], { hidden: [16], seed: 2 });
    const critic = learner.critic.getWeights().map((w) => Array.from(w.dataSync()));
    expect(learner.policy.getWeights().map((w) => Array.from(w.dataSync()))).not.toEqual(exported);
    await warmStart(learner, dir);
    expect(learner.policy.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(exported);
    expect(learner.critic.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(critic);
  });

  it("refuses a policy of other layer sizes or another observation length, naming the folder", async () => {
    const wider = new PPO(envs[0], { hidden: [32], seed: 2 });
    await expect(warmStart(wider, dir)).rejects.toThrow(/warm start from .*policy: weight shapes \[\d+, 16\]/);
    const env = makeVecEnv(config(6), SCENARIO);
    envs.push(env);
    const other = new PPO(env, { hidden: [16], seed: 2 });
    await expect(warmStart(other, dir)).rejects.toThrow(
      new RegExp(
        `warm start from .*policy: the policy reads \\d+ observation numbers, the environment gives ${env.obsDim}`,
      ),
    );
  });
});
