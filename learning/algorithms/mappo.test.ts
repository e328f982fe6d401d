import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { MAPPO } from "./mappo.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("IPPO / MAPPO", () => {
  it("feeds the policy local observations with agent ids and the critic the global state", async () => {
    const env = new InProcessVecEnv({ kind: "toy", task: "coopnav" }, { numEnvs: 2 });
    const mappo = new MAPPO(env, { seed: 1, numSteps: 8, minibatchSize: 16, hidden: [8] });
    const byObs = new MAPPO(env, { seed: 1, numSteps: 8, minibatchSize: 16, hidden: [8], criticInput: "observations" });
    const ippo = new MAPPO(env, { seed: 1, numSteps: 8, minibatchSize: 16, hidden: [8], centralisedCritic: false });
    expect(mappo.algorithm).toBe("mappo");
    expect(ippo.algorithm).toBe("ippo");
    expect(mappo.policyDim).toBe(8 + 2);
    expect(mappo.criticDim).toBe(4 + 8 + 2); // global state (both positions), own observation, agent id
    expect(byObs.criticDim).toBe(2 * 8 + 2);
    expect(ippo.criticDim).toBe(8 + 2);
    await env.reset(3);
    const state0 = Array.from(env.buffers.state.subarray(0, 4));
    const { batch } = await mappo.collect();
    expect(batch.n).toBe(8 * 2 * 2);
    // Sample 0 is env 0, agent a0: its policy input ends with one-hot [1, 0]; its critic input is
    // env 0's state (both agents' positions), a0's observation and the one-hot.
    expect(Array.from(batch.obs.subarray(8, 10))).toEqual([1, 0]);
    expect(Array.from(batch.obs.subarray(10 + 8, 10 + 10))).toEqual([0, 1]);
    expect(Array.from(batch.criticObs.subarray(0, 4))).toEqual(state0);
    expect(state0.slice(0, 2)).toEqual(Array.from(batch.obs.subarray(0, 2))); // a0's position
    expect(state0.slice(2, 4)).toEqual(Array.from(batch.obs.subarray(10, 12))); // a1's position
    expect(Array.from(batch.criticObs.subarray(4, 12))).toEqual(Array.from(batch.obs.subarray(0, 8)));
    expect(Array.from(batch.criticObs.subarray(12, 14))).toEqual([1, 0]);
    const losses = mappo.update(batch);
    expect(Number.isFinite(losses.value)).toBe(true);
    await env.reset(3);
    const { batch: obsBatch } = await byObs.collect();
    expect(Array.from(obsBatch.criticObs.subarray(0, 8))).toEqual(Array.from(obsBatch.obs.subarray(0, 8)));
    expect(Array.from(obsBatch.criticObs.subarray(8, 16))).toEqual(Array.from(obsBatch.obs.subarray(10, 18)));
    for (const m of [mappo, byObs, ippo]) m.dispose();
  });

  it("trains on a real scenario (paper Two-Way, 4 agents, Lane actions) and checkpoints", async () => {
    const env = new InProcessVecEnv(
      { kind: "roadgym", scenario: "scenarios/paper-two_way.scn" },
      { numEnvs: 2, frameStack: 3 },
    );
    const mappo = new MAPPO(env, { seed: 2, numSteps: 16, minibatchSize: 64, hidden: [32] });
    await env.reset(1);
    const stats = await mappo.iterate();
    expect(stats.agentSteps).toBe(16 * 2 * 4);
    expect(Number.isFinite(stats.losses.policy)).toBe(true);
    const cp = await mappo.checkpoint();
    expect(cp.algorithm).toBe("mappo");
    const again = new MAPPO(env, { seed: 2, numSteps: 16, minibatchSize: 64, hidden: [32] });
    await again.restore(JSON.parse(JSON.stringify(cp)));
    expect(again.agentSteps).toBe(stats.agentSteps);
    mappo.dispose();
    again.dispose();
    await env.close();
  }, 30_000);
});
