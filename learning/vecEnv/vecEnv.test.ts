import { describe, expect, it } from "vitest";
import { InProcessVecEnv } from "./InProcessVecEnv.js";
import { WorkerVecEnv } from "./WorkerVecEnv.js";
import type { VecEnv } from "./VecEnv.js";
import { GLOBAL_AGENT_FEATURES, globalStateSize } from "../../core/observations/globalState.js";

const TWO_WAY = { kind: "roadgym" as const, scenario: "scenarios/paper-two_way.scn" };

/**
 * Steps `env` with keep_lane (0) for `steps` steps; returns episodes finished, checksums of the
 * observations and global states, and the final states of the episodes that ended.
 */
async function drive(env: VecEnv, steps: number, action = 0) {
  const episodes = [];
  const finalStates: Float32Array[] = [];
  let sum = 0,
    stateSum = 0;
  const G = env.stateDim;
  for (let t = 0; t < steps; t++) {
    env.buffers.actions.fill(action);
    episodes.push(...(await env.step()));
    for (let i = 0; i < env.buffers.obs.length; i += 7) sum += env.buffers.obs[i];
    for (const v of env.buffers.state) stateSum += v;
    for (let e = 0; e < env.numEnvs; e++)
      if (env.buffers.envDone[e]) finalStates.push(env.buffers.finalState.slice(e * G, (e + 1) * G));
  }
  return { episodes, sum, stateSum, finalStates };
}

describe("vectorised environments", () => {
  it("batches a real scenario's observations (4 agents, frame stack 3) and auto-resets", async () => {
    const env = new InProcessVecEnv(TWO_WAY, { numEnvs: 2, frameStack: 3 });
    expect(env.numAgents).toBe(4);
    expect(env.agentIds).toEqual(["agent1", "agent2", "agent3", "agent4"]);
    expect(env.action).toEqual({ kind: "discrete", n: 4 });
    const frame = env.obsDim / 3;
    expect(Number.isInteger(frame)).toBe(true);
    expect(env.buffers.obs.length).toBe(2 * 4 * env.obsDim);
    await env.reset(5);
    expect(Array.from(env.buffers.active)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // The first observation fills the whole stack: oldest frame = newest frame.
    const o = env.buffers.obs;
    expect(Array.from(o.subarray(0, frame))).toEqual(Array.from(o.subarray(2 * frame, 3 * frame)));
    for (const v of o) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    // Keep-lane reaches the goals (~92 m at up to the speed limit) within the step budget: every agent
    // finishes, each env resets, and its slots are live again.
    // The global state: four agent blocks (all present at the start) and the nearest traffic.
    expect(env.stateDim).toBe(globalStateSize(4));
    for (let a = 0; a < 4; a++) expect(env.buffers.state[a * GLOBAL_AGENT_FEATURES]).toBe(1);
    const { episodes, finalStates } = await drive(env, 400);
    expect(episodes.length).toBeGreaterThanOrEqual(8);
    // An episode ends when its last agent is done; the state it ended in shows that agent (it acted
    // in the last step), and the new episode's state shows all four again.
    expect(finalStates.length).toBeGreaterThanOrEqual(2);
    for (const f of finalStates) {
      const present = [0, 1, 2, 3].filter((a) => f[a * GLOBAL_AGENT_FEATURES] === 1).length;
      expect(present).toBeGreaterThanOrEqual(1);
    }
    expect(episodes.every((e) => e.length > 0 && Number.isFinite(e.return))).toBe(true);
    expect(episodes.some((e) => e.completed)).toBe(true);
    expect(env.buffers.active.some((a) => a === 1)).toBe(true);
    await env.close();
  }, 60_000);

  it("worker threads with shared memory match the in-process env step for step", async () => {
    const a = new InProcessVecEnv(TWO_WAY, { numEnvs: 3, frameStack: 2 });
    const b = new WorkerVecEnv(TWO_WAY, { numEnvs: 3, numWorkers: 2, frameStack: 2 });
    expect(b.buffers.obs.buffer).toBeInstanceOf(SharedArrayBuffer);
    await a.reset(11);
    await b.reset(11);
    expect(Array.from(b.buffers.obs)).toEqual(Array.from(a.buffers.obs));
    const ra = await drive(a, 60, 1);
    const rb = await drive(b, 60, 1);
    expect(rb.sum).toBe(ra.sum);
    expect(rb.stateSum).toBe(ra.stateSum);
    expect(Array.from(b.buffers.state)).toEqual(Array.from(a.buffers.state));
    expect(Array.from(b.buffers.active)).toEqual(Array.from(a.buffers.active));
    expect(rb.episodes.map((e) => [e.env, e.agent, e.return])).toEqual(
      ra.episodes.map((e) => [e.env, e.agent, e.return]),
    );
    await a.close();
    await b.close();
  }, 60_000);

  it("rejects a bad spec with a message naming the file", () => {
    expect(() => new InProcessVecEnv({ kind: "roadgym", scenario: "scenarios/nope.scn" }, { numEnvs: 1 })).toThrow(
      /nope\.scn/,
    );
  });
});
