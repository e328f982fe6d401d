import { describe, expect, it } from "vitest";
import { makeEnv } from "../compose/makeEnv.js";
import type { RoadgymEnv } from "../compose/RoadgymEnv.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { checkParallelEnv } from "../test/conformance/checkParallelEnv.js";

const SCN = `scenario "learners" {
  seed 4
  step 0.1 s
  duration 40 s
  map straight { lanes 2  length 700 m  speed_limit 20 m/s }
  traffic { flow cars { route main:random@0 -> main:random@end  rate 1500 veh/h  depart_speed 12 m/s } }
  agent ego {
    mission main:0@5 -> main:0@690
    action lane
    observe { neighbours radius 30 m max 4  waypoints lookahead 10 }
    done { collision off }
  }
  bubble learn {
    zone road main from 120 m length 120 m
    margin 10 m
    actor agent {
      action lane
      observe { neighbours radius 30 m max 4  waypoints lookahead 10 }
      done { collision off  off_road off }
    }
    limits { hijack 3  shadow 4 }
  }
}`;

function learnerEnv(): RoadgymEnv {
  const r = compileScenario(SCN, "/tmp/learners.scn");
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return makeEnv(r, { traffic: "local", bubbles: { learnerIdsPerBubble: 40 } });
}

describe("learning-agent bubbles", () => {
  it("declare their learner ids as possible agents", () => {
    const env = learnerEnv();
    expect(env.possibleAgents[0]).toBe("ego");
    expect(env.possibleAgents.slice(1)).toEqual(Array.from({ length: 40 }, (_, i) => `learn-${i}`));
    expect(env.observationSpace("learn-7").contains(undefined)).toBe(false);
  });

  it("keep the parallel-env conformance checks with agents appearing and leaving", async () => {
    const summary = await checkParallelEnv(learnerEnv, { maxSteps: 320, seed: 2 });
    const learners = summary.agentsSeen.filter((id) => id.startsWith("learn-"));
    expect(learners.length).toBeGreaterThanOrEqual(3);
    expect(summary.agentsDone.filter((id) => id.startsWith("learn-")).length).toBeGreaterThanOrEqual(2);
  });

  it("report a released learner as truncated with reason released, and its vehicle goes back to traffic", async () => {
    const env = learnerEnv();
    await env.reset({ seed: 2 });
    const joined = new Map<string, number>();
    let released: { id: string; tick: number; info: unknown } | undefined;
    for (let k = 0; k < 400 && env.agents.length > 0 && !released; k++) {
      const actions = Object.fromEntries(env.agents.map((id) => [id, "keep_lane"]));
      const r = await env.step(actions);
      for (const id of Object.keys(r.observations)) if (!joined.has(id)) joined.set(id, env.sim.tick);
      for (const id of Object.keys(r.truncations))
        if (id.startsWith("learn-") && r.truncations[id]) released = { id, tick: env.sim.tick, info: r.infos[id] };
    }
    expect(released).toBeDefined();
    expect(released!.info).toMatchObject({ reasons: ["released"] });
    expect(env.agents).not.toContain(released!.id);
    const ev = env.sim.frame.events.find(
      (e) => e.kind === "bubble" && e.agentId === released!.id && e.transition === "airlockExited",
    );
    expect(ev).toBeDefined();
    const vid = (ev as { vehicleId: string }).vehicleId;
    const f = env.sim.frame;
    expect(f.owners[f.indexOf(vid)]).toBe("local");
    await expect(
      env.step({ ...Object.fromEntries(env.agents.map((id) => [id, "keep_lane"])), [released!.id]: "keep_lane" }),
    ).rejects.toThrow(/ended/);
    await env.close();
  });
});
