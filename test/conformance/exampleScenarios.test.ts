/**
 * The environment conformance suite (checkParallelEnv) on every example scenario, built by makeEnv
 * as every entry point builds it: each agent's own observation config, the scenario's traffic, its
 * social agents driven by their zoo policies and its bubbles (learning-agent bubbles add agents that
 * appear and leave).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeEnv } from "../../compose/makeEnv.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { checkParallelEnv } from "./checkParallelEnv.js";

const dir = join(import.meta.dirname, "../../scenarios");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();

describe("ParallelEnv conformance on every example scenario", () => {
  it("finds the examples", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    it(file, async () => {
      const r = compileScenarioFile(join(dir, file));
      if (!r.ok) throw new Error(`${file} does not compile`);
      const make = () => makeEnv(r);
      const summary = await checkParallelEnv(make, { maxSteps: 150, seed: 7 });
      const learners = summary.agentsSeen.filter((id) => !r.scenario.agents.some((a) => a.name === id));
      expect(summary.agentsSeen.filter((id) => !learners.includes(id))).toEqual(
        r.scenario.agents.map((a) => a.name).sort(),
      );
      const learningBubbles = r.scenario.bubbles.filter((b) => b.actor.kind === "agent").map((b) => b.name);
      for (const id of learners)
        expect(
          learningBubbles.some((b) => id.startsWith(`${b}-`)),
          id,
        ).toBe(true);
      expect(summary.steps).toBeGreaterThan(0);
    });
  }
});
