import { describe, expect, it } from "vitest";
import { compileScenario } from "../../scenario-dsl/index.js";
import { egoObserver } from "../../test/fakes/egoObserver.js";
import { ActionError } from "../controllers/actionSpaces.js";
import { ParallelEnv } from "./ParallelEnv.js";
import { SingleAgentEnv } from "./SingleAgentEnv.js";

function makeEnv(agents: string, clipActions = false) {
  const r = compileScenario(
    `scenario "t" {\n seed 1\n map straight { lanes 3  length 400 m  speed_limit 20 m/s }\n${agents}\n}`,
    "/tmp/t.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return new ParallelEnv(r.scenario!, r.network!, { observer: egoObserver, clipActions });
}

const TWO = `agent cont { mission main:0@10 -> main:0@390  action continuous }
  agent lane { mission main:2@10 -> main:2@390  action lane }`;

describe("ParallelEnv", () => {
  it("returns per-agent dicts keyed by the live agents", async () => {
    const env = makeEnv(TWO);
    expect(env.possibleAgents).toEqual(["cont", "lane"]);
    const r = await env.reset({ seed: 3 });
    expect(Object.keys(r.observations).sort()).toEqual(["cont", "lane"]);
    expect(r.infos.lane.laneId).toBe("main_2");
    const s = await env.step({ cont: [1, 0, 0], lane: "keep_lane" });
    expect(Object.keys(s.rewards).sort()).toEqual(["cont", "lane"]);
    expect(s.terminations).toEqual({ cont: false, lane: false });
    // From rest, one step of full throttle moves the car forward: progress reward > 0.
    expect(s.rewards.cont).toBeGreaterThan(0);
  });

  it("refuses a step started before the previous one finished, with a clear error and no tick skipped", async () => {
    const env = makeEnv(TWO);
    await env.reset();
    const actions = { cont: [1, 0, 0], lane: "keep_lane" };
    const first = env.step(actions);
    const second = env.step(actions); // not awaited: a common slip in a training loop
    await expect(second).rejects.toThrow(
      "env: step() called while step() is still running; await each reset() and step() before the next",
    );
    await first;
    expect(env.sim.tick).toBe(1);
    await env.step(actions);
    expect(env.sim.tick).toBe(2);
    const resetting = env.reset();
    await expect(env.step(actions)).rejects.toThrow("env: step() called while reset() is still running");
    await resetting;
    expect(env.sim.tick).toBe(0);
  });

  it("names the agent and the field of a bad action", async () => {
    const env = makeEnv(TWO);
    await env.reset();
    await expect(env.step({ cont: [1, 0], lane: "keep_lane" })).rejects.toThrow(
      'agent "cont": action must have 3 elements, got 2',
    );
    await expect(env.step({ cont: [1, Number.NaN, 0], lane: "keep_lane" })).rejects.toThrow(
      'agent "cont": action.brake must be a finite number, got NaN',
    );
    await expect(env.step({ cont: [1, 0, 1.5], lane: "keep_lane" })).rejects.toThrow(
      'agent "cont": action.steering = 1.5 is outside [-1, 1]',
    );
    await expect(env.step({ cont: { throttle: 1, brake: 0, steer: 0 }, lane: "keep_lane" })).rejects.toThrow(
      /agent "cont": action must be an array of 3 numbers/,
    );
    await expect(env.step({ cont: [1, 0, 0], lane: "fly" })).rejects.toThrow(
      'agent "lane": action must be one of "keep_lane", "slow_down", "change_lane_left", "change_lane_right" (or an index 0…3), got "fly"',
    );
    await expect(env.step({ cont: [1, 0, 0], lane: "keep_lane", ghost: 0 })).rejects.toThrow(
      /agent "ghost": no such agent/,
    );
    await expect(env.step({ cont: [1, 0, 0] })).rejects.toThrow('agent "lane": no action given for this live agent');
    const err = await env.step({ cont: [2, 0, 0], lane: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).agentId).toBe("cont");
    // Nothing advanced while the actions were rejected.
    expect(env.sim.tick).toBe(0);
  });

  it("accepts the object form and clips out-of-range numbers when asked", async () => {
    const env = makeEnv(TWO, true);
    await env.reset();
    const s = await env.step({ cont: { throttle: 5, brake: Number.NaN, steering: -3 }, lane: 1 });
    expect(s.terminations.cont).toBe(false);
    // Clipping never repairs a shape error.
    await expect(env.step({ cont: [1, 0], lane: 0 })).rejects.toThrow(/3 elements/);
  });

  it("retires done agents for good", async () => {
    const env = makeEnv(`agent a { mission main:0@10 -> main:0@60  action lane }
      agent b { mission main:1@10 -> main:1@390  action lane }`);
    await env.reset();
    let doneAt = -1;
    for (let k = 0; k < 400 && env.agents.includes("a"); k++) {
      const s = await env.step(Object.fromEntries(env.agents.map((id) => [id, "keep_lane"])));
      if (s.terminations.a) doneAt = k;
    }
    expect(doneAt).toBeGreaterThan(0);
    expect(env.agents).toEqual(["b"]);
    await expect(env.step({ a: "keep_lane", b: "keep_lane" })).rejects.toThrow(
      'agent "a": the agent\'s episode has ended; it takes no more actions',
    );
  });

  it("fast-forwards to the first departure when nobody is live yet", async () => {
    const env = makeEnv(`agent late { mission main:0@10 -> main:0@390  action lane  depart 2 s }`);
    const r = await env.reset();
    expect(env.agents).toEqual(["late"]);
    expect(env.sim.tick).toBe(20);
    expect(Object.keys(r.observations)).toEqual(["late"]);
  });
});

describe("SingleAgentEnv", () => {
  it("wraps the only agent Gymnasium style", async () => {
    const env = new SingleAgentEnv(
      makeEnv(`agent a { mission main:0@10 -> main:0@390  action lane_with_continuous_speed }`),
    );
    const { observation, info } = await env.reset({ seed: 2 });
    expect((observation as Float32Array).length).toBe(4);
    expect(info.roadId).toBe("main");
    const s = await env.step([12, 0]);
    expect(s.terminated).toBe(false);
    expect(s.truncated).toBe(false);
    expect(s.reward).toBeGreaterThanOrEqual(0);
    expect(() => new SingleAgentEnv(makeEnv(TWO))).toThrow(/has 2 agents \(cont, lane\); name the one to control/);
  });
});
