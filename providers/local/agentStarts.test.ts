/**
 * Traffic and agents starting together: flows due at time 0 (the SMARTS paper's social vehicles, at
 * random offsets of the agents' own entry lanes) must not be inserted on top of an agent's start.
 * Before the simulation set its providers up with the agents already placed, 6 of these 20
 * Intersection (SV) seeds began with an agent inside a traffic vehicle.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { makeEnv } from "../../compose/makeEnv.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";

const root = join(import.meta.dirname, "../..");

describe("agents due at time 0 and traffic inserted at setup", () => {
  for (const column of ["intersection-sv", "two_way-sv", "double_merge-sv"]) {
    it(`${column}: no agent starts inside a traffic vehicle (20 seeds)`, async () => {
      const r = compileScenarioFile(join(root, `scenarios/paper-${column}.scn`));
      if (!r.ok) throw new Error("the scenario does not compile");
      let traffic = 0;
      for (let seed = 100_000; seed < 100_020; seed++) {
        const collisions: string[] = [];
        const sink = {
          onFrame: (f: { tick: number; collisions: readonly { a: string; b: string }[] }) =>
            void collisions.push(...f.collisions.map((c) => `t${f.tick} ${c.a}|${c.b}`)),
        };
        const env = makeEnv(r, {
          traffic: "auto",
          sinks: [sink],
          observation: r.scenario.agents[0].interface.observation,
        });
        const frame = await env.sim.reset({ seed });
        traffic += frame.owners.filter((o) => !o.startsWith("agent:")).length;
        await env.reset({ seed });
        await env.step(Object.fromEntries(env.agents.map((a) => [a, "slow_down"])));
        await env.close();
        expect(collisions, `seed ${seed}`).toEqual([]);
      }
      expect(traffic).toBeGreaterThanOrEqual(20); // the social vehicles are there (one or more per seed)
    }, 30_000);
  }
});
