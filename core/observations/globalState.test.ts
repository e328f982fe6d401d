import { describe, expect, it } from "vitest";
import { ParallelEnv } from "../env/ParallelEnv.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { egoObserver } from "../../test/fakes/egoObserver.js";
import { VehicleRoleCode } from "../sensors/VehicleRoleCode.js";
import {
  GLOBAL_AGENT_FEATURES,
  GLOBAL_VEHICLE_FEATURES,
  globalStateFrame,
  globalStateSize,
  writeGlobalState,
} from "./globalState.js";

describe("global state", () => {
  it("writes each agent's block and the nearest other vehicles, nearest first (hand-built case)", () => {
    const frame = globalStateFrame([0, -10, 200, 10]); // centre (100, 0), half extent 100 m
    expect(frame).toEqual({ centreX: 100, centreY: 0, halfExtentM: 100 });
    const agents = [{ x: 50, y: 0, headingRad: 0, speedMps: 15, goal: { x: 150, y: 0 }, routeRemainingM: 100 }, null];
    // Vehicles: the agent itself (skipped), traffic at 90 m and 60 m, a social agent at 130 m.
    const vehicles = {
      count: 4,
      x: [50, 140, 110, 180],
      y: [0, 0, 0, 0],
      headingRad: [0, Math.PI / 2, 0, Math.PI],
      speedMps: [15, 3, 6, 9],
      roles: [
        VehicleRoleCode.learningAgent,
        VehicleRoleCode.traffic,
        VehicleRoleCode.traffic,
        VehicleRoleCode.socialAgent,
      ],
    };
    const out = new Float32Array(1 + globalStateSize(2, 2)).fill(7);
    writeGlobalState(out, 1, agents, vehicles, frame, 2);
    expect(out[0]).toBe(7); // before the offset: untouched
    const a0 = Array.from(out.subarray(1, 1 + GLOBAL_AGENT_FEATURES));
    expect(a0).toEqual([1, -0.5, 0, 1, 0, 0.5, 1, 0, 1, 0.1].map(Math.fround));
    expect(Array.from(out.subarray(1 + GLOBAL_AGENT_FEATURES, 1 + 2 * GLOBAL_AGENT_FEATURES))).toEqual(
      new Array(GLOBAL_AGENT_FEATURES).fill(0),
    );
    const v = (k: number) =>
      Array.from(out.subarray(1 + 2 * GLOBAL_AGENT_FEATURES + k * GLOBAL_VEHICLE_FEATURES).slice(0, 6));
    expect(v(0)).toEqual([1, 0.1, 0, 1, 0, 0.2].map(Math.fround)); // the one at 110 m (60 m away)
    expect(v(1)[0]).toBe(1);
    expect(v(1)[1]).toBeCloseTo(0.4, 6); // then 140 m (90 m away); 180 m is third and left out
    expect(v(1)[3]).toBeCloseTo(0, 6);
    expect(v(1)[4]).toBeCloseTo(1, 6);
  });

  it("is all zeros without live agents, and leaves empty vehicle blocks zero", () => {
    const out = new Float32Array(globalStateSize(1, 3)).fill(5);
    writeGlobalState(
      out,
      0,
      [null],
      { count: 1, x: [0], y: [0], headingRad: [0], speedMps: [1], roles: [0] },
      globalStateFrame([0, 0, 10, 10]),
      3,
    );
    expect(Array.from(out).every((x) => x === 0)).toBe(true);
  });

  it("ParallelEnv.state(): the scenario's agents in possibleAgents order, there the step they end, then absent", async () => {
    const r = compileScenario(
      `scenario "t" {\n seed 1\n map straight { lanes 2  length 200 m  speed_limit 20 m/s }
  agent b { mission main:1@20 -> main:1@190  action lane }
  agent a { mission main:0@10 -> main:0@30  action lane }\n}`,
      "/tmp/t.scn",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const env = new ParallelEnv(r.scenario!, r.network!, { observer: egoObserver });
    expect(env.stateDim).toBe(globalStateSize(2));
    await env.reset({ seed: 1 });
    const ids = env.possibleAgents;
    const s = env.state();
    expect(s.length).toBe(env.stateDim);
    const [minX, , maxX] = r.network!.bounds();
    for (const [i, id] of ids.entries()) {
      const o = i * GLOBAL_AGENT_FEATURES;
      const start = id === "a" ? 10 : 20;
      expect(s[o]).toBe(1);
      expect(s[o + 1]).toBeCloseTo((start - (minX + maxX) / 2) / ((maxX - minX) / 2), 2);
      expect(s[o + 8]).toBe(1); // a goal
    }
    // Agent "a" reaches its goal 20 m ahead: the state after that step still shows it, at the goal;
    // after the next step its block reads zeros.
    const ia = ids.indexOf("a");
    const step = () => env.step(Object.fromEntries(env.agents.map((id) => [id, "keep_lane"])));
    for (let t = 0; t < 200 && env.agents.includes("a"); t++) await step();
    expect(env.agents).not.toContain("a");
    const atGoal = env.state();
    expect(atGoal[ia * GLOBAL_AGENT_FEATURES]).toBe(1);
    expect(Math.hypot(atGoal[ia * GLOBAL_AGENT_FEATURES + 6], atGoal[ia * GLOBAL_AGENT_FEATURES + 7])).toBeLessThan(
      0.03,
    ); // within 2 m of the goal (offsets / 100 m)
    await step();
    const after = env.state();
    expect(Array.from(after.subarray(ia * GLOBAL_AGENT_FEATURES, (ia + 1) * GLOBAL_AGENT_FEATURES))).toEqual(
      new Array(GLOBAL_AGENT_FEATURES).fill(0),
    );
    expect(after[(1 - ia) * GLOBAL_AGENT_FEATURES]).toBe(1);
  });
});
