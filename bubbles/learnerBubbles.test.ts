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

  it("in a scenario whose only agents are learners, run from the first capture to the scenario's end", async () => {
    const text = SCN.replace(/ {2}agent ego \{[\s\S]*?\n {2}\}\n/, "").replace("duration 40 s", "duration 30 s");
    const r = compileScenario(text, "/tmp/learners-only.scn");
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.scenario.agents).toEqual([]);
    const env = makeEnv(r, { traffic: "local", bubbles: { learnerIdsPerBubble: 40 } });
    const first = await env.reset({ seed: 2 });
    expect(Object.keys(first.observations).length).toBeGreaterThan(0);
    expect(env.sim.tick).toBeGreaterThan(0);
    const seen = new Set<string>(Object.keys(first.observations));
    let steps = 0;
    while (env.agents.length > 0) {
      const step = await env.step(Object.fromEntries(env.agents.map((id) => [id, "keep_lane"])));
      for (const id of Object.keys(step.observations)) seen.add(id);
      steps++;
    }
    // The agents list is empty only at the end: 30 s at 0.1 s.
    expect(env.sim.episodeOver).toBe(true);
    expect(env.sim.tick).toBe(300);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(steps).toBeGreaterThan(200);
    await env.close();
  });
});
