/**
 * The environment conformance suite (checkParallelEnv) on every example scenario, with each agent's
 * own observation config and the scenario's traffic from the local provider.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ParallelEnv } from "../../core/env/ParallelEnv.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { buildProviders } from "../../cli/buildProviders.js";
import { checkParallelEnv } from "./checkParallelEnv.js";

const dir = join(import.meta.dirname, "../../scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".scn")).sort();

describe("ParallelEnv conformance on every example scenario", () => {
  it("finds the examples", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    it(file, async () => {
      const r = compileScenarioFile(join(dir, file));
      if (!r.ok) throw new Error(`${file} does not compile`);
      const make = () => new ParallelEnv(r.scenario, r.network, { providers: buildProviders(r.scenario, "auto"), observer: standardObserver() });
      const summary = await checkParallelEnv(make, { maxSteps: 150, seed: 7 });
      expect(summary.agentsSeen).toEqual(r.scenario.agents.map((a) => a.name).sort());
      expect(summary.steps).toBeGreaterThan(0);
    });
  }
});
