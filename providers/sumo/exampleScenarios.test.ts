/**
 * Every example scenario on a SUMO map runs with its traffic in SUMO (`roadgym run <file> --traffic
 * sumo`): SUMO's vehicles appear where the scenario has traffic, every agent is there, and the run
 * ends as the local provider's does. (Generated maps have no SUMO network: they run on local traffic.)
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasTraffic } from "../../compose/buildProviders.js";
import { runScenario } from "../../compose/runScenario.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { REPO_ROOT } from "./sumoProviderTestSupport.js";
import { isOnPath } from "./traci/sumoTestSupport.js";

const dir = join(REPO_ROOT, "scenarios");
const compiled = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort()
  .map((file) => ({ file, r: compileScenarioFile(join(dir, file)) }));
const onSumoMaps = compiled.filter(({ r }) => r.ok && r.scenario.map.kind === "sumo");

describe.skipIf(!isOnPath("sumo"))("example scenarios with SUMO driving the traffic", () => {
  it("finds the examples on SUMO maps", () => {
    expect(compiled.every(({ r }) => r.ok)).toBe(true);
    expect(onSumoMaps.map(({ file }) => file)).toContain("minicity.scn");
    expect(onSumoMaps.length).toBeGreaterThanOrEqual(8);
  });

  for (const { file, r } of onSumoMaps) {
    it(
      file,
      async () => {
        if (!r.ok) throw new Error(`${file} does not compile`);
        const agents = r.scenario.agents.length;
        const summary = await runScenario(r, { steps: 150, seed: 7, traffic: "sumo" });
        expect(summary.steps).toBeGreaterThan(0);
        expect(summary.notSimulated).toEqual([]);
        // Every agent either still drives or is done.
        const done = Object.values(summary.agentsDone).reduce((a, b) => a + b, 0);
        expect(done + summary.agentsRunning).toBe(agents);
        // SUMO's vehicles join the agents where the scenario has traffic.
        if (hasTraffic(r.scenario)) expect(summary.vehicles.total).toBeGreaterThan(agents);
      },
      60_000,
    );
  }
});
