/**
 * Agents due at time 0 and SUMO's first insertions: the agents' ghosts reach SUMO in the first step,
 * so the scenario's departures due at time 0 wait one step, and SUMO's insertion keeps clear of them.
 * Before, 2 of these 20 Intersection (SV) seeds (100015, 100016) began with an agent touching a SUMO
 * vehicle inserted in the same step as its ghost.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeEnv } from "../../compose/makeEnv.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { REPO_ROOT } from "./sumoProviderTestSupport.js";

describe("the sumo provider with agents due at time 0", () => {
  it("intersection-sv: no agent starts touching a SUMO vehicle (20 seeds, first 3 steps)", async () => {
    const r = compileScenarioFile(join(REPO_ROOT, "scenarios/paper-intersection-sv.scn"));
    if (!r.ok) throw new Error("the scenario does not compile");
    let traffic = 0;
    for (let seed = 100_000; seed < 100_020; seed++) {
      const collisions: string[] = [];
      const sink = {
        onFrame: (f: { tick: number; owners: readonly string[]; collisions: readonly { a: string; b: string }[] }) => {
          collisions.push(...f.collisions.map((c) => `t${f.tick} ${c.a}|${c.b}`));
          if (f.tick === 2) traffic += f.owners.filter((o) => !o.startsWith("agent:")).length;
        },
      };
      const env = makeEnv(r, {
        traffic: "sumo",
        sinks: [sink],
        observation: r.scenario.agents[0].interface.observation,
      });
      await env.reset({ seed });
      for (let k = 0; k < 3; k++) await env.step(Object.fromEntries(env.agents.map((a) => [a, "slow_down"])));
      await env.close();
      expect(collisions, `seed ${seed}`).toEqual([]);
    }
    // SUMO's vehicles are there from the second step (the agents' ghosts excluded: they are not in frames).
    expect(traffic).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
