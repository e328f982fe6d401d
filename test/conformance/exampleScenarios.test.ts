/**
 * The environment conformance suite (checkParallelEnv) on every example scenario, with each agent's
 * own observation config, the scenario's traffic from the local provider, its social agents
 * driven by their zoo policies and its bubbles by the bubble manager (learning-agent bubbles add
 * agents that appear and leave).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ParallelEnv } from "../../core/env/ParallelEnv.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { buildProviders } from "../../cli/buildProviders.js";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkParallelEnv } from "./checkParallelEnv.js";
import { BubbleManager } from "../../bubbles/BubbleManager.js";

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
      const make = () =>
        new ParallelEnv(r.scenario, r.network, {
          providers: buildProviders(r.scenario, "auto"),
          observer: standardObserver(),
          social: { resolver: createDefaultZoo().resolver() },
          bubbles: new BubbleManager(r.scenario, r.network),
        });
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
