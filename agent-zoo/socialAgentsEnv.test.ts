import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { makeSingleAgentEnv } from "../compose/makeSingleAgentEnv.js";
import { runScenario } from "../compose/runScenario.js";

const straight = join(import.meta.dirname, "../scenarios/straight.scn");

describe("social agents through the environment API and the CLI run", () => {
  it("drive beside a learning agent in SingleAgentEnv, outside the env's agents", async () => {
    const env = makeSingleAgentEnv(straight);
    expect(env.env.possibleAgents).toEqual(["cruise"]);
    await env.reset({ seed: 1 });
    let x0 = Number.NaN;
    for (let i = 0; i < 100; i++) {
      await env.step([12, 0]);
      const f = env.env.sim.frame;
      const k = f.indexOf("keeper");
      expect(f.owners[k]).toBe("social:keeper");
      if (i === 0) x0 = f.x[k];
    }
    const f = env.env.sim.frame;
    const k = f.indexOf("keeper");
    // keep-lane at target_speed 90 km/h (25 m/s), from rest: well under way after 10 s.
    expect(f.speedMps[k]).toBeGreaterThan(15);
    expect(f.x[k] - x0).toBeGreaterThan(100);
    await env.close();
  });

  it("run from runScenario (roadgym run): social agents are simulated, not listed as missing", async () => {
    const r = compileScenarioFile(straight);
    if (!r.ok) throw new Error("straight.scn does not compile");
    const s = await runScenario(r, { steps: 200 });
    // The scenario's bubble runs too (bubbles/), adding zoo agents of its own.
    expect(s.notSimulated).toEqual([]);
    expect(s.socialAgents.live).toBeGreaterThanOrEqual(1);
  });
});
