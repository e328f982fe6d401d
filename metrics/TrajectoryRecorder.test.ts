import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../compose/runScenario.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";

describe("TrajectoryRecorder (through runScenario's metrics option)", () => {
  it("records every agent of a paper episode and scores it", async () => {
    const r = compileScenarioFile(join(import.meta.dirname, "../scenarios/paper-two_way.scn"));
    if (!r.ok) throw new Error("paper-two_way does not compile");
    const summary = await runScenario(r, { seed: 0, metrics: true });
    const m = summary.metrics!;
    expect(Object.keys(m)).toEqual(["agent1", "agent2", "agent3", "agent4"]);
    for (const a of Object.values(m)) {
      expect(a.completed).toBe(true);
      expect(a.collided).toBe(false);
      expect(a.steps).toBe(Math.round(a.durationS / 0.1));
      expect(a.timeToGoalS).toBeCloseTo(a.durationS, 9);
      expect(a.routeCompletion).toBe(1);
      expect(a.score).toBeGreaterThan(0.9);
      expect(a.meanLaneOffsetM!).toBeLessThan(0.2);
    }
    // agent1 starts 15 m behind agent3 on the same lane: it follows, never overtakes.
    expect(m.agent1.overtakeOpportunities).toBe(1);
    expect(m.agent1.overtakes).toBe(0);
    expect(m.agent3.overtakeOpportunities).toBe(0);
    expect(m.agent1.minObstacleGapM!).toBeGreaterThan(0);
  });
});
