import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeEnv } from "../compose/makeEnv.js";
import { PolicyDriver } from "../compose/PolicyDriver.js";
import { runScenario } from "../compose/runScenario.js";
import { agentEpisodeMetrics } from "./agentEpisodeMetrics.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";

describe("TrajectoryRecorder (through runScenario's metrics option)", () => {
  it("records every agent of a paper episode and scores it", async () => {
    const r = compileScenarioFile(join(import.meta.dirname, "../scenarios/paper-two_way.scn"));
    if (!r.ok) throw new Error("paper-two_way does not compile");
    // Keep-lane on the paper's Lane space: on the empty Two-Way it drives at the limit all the way.
    const summary = await runScenario(r, {
      seed: 0,
      metrics: true,
      policy: { locator: "keep-lane@v0", params: { action: "lane" } },
    });
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

  it("records the learners of a learning-agent bubble under their ids, ended by their release", async () => {
    const env = makeEnv("roadgym/bubble-learners", { metrics: true });
    const driver = new PolicyDriver(env);
    await driver.reset({ seed: 4 });
    for (let k = 0; k < 500 && !env.sim.episodeOver; k++) await driver.step();
    const released = new Set(
      env.sim
        .social!.learners()
        .filter((l) => l.phase === "detached")
        .map((l) => l.id),
    );
    await driver.close();
    await env.close();
    const learners = env.outputs.metrics!.trajectories().filter((t) => t.agentId.startsWith("learn-"));
    expect(learners.length).toBeGreaterThanOrEqual(3);
    expect(released.size).toBeGreaterThanOrEqual(1);
    for (const t of learners) {
      expect(t.steps.length).toBeGreaterThan(1);
      // keep-lane in the learners' lane_with_continuous_speed space: a [speed, lane change] pair.
      expect(t.steps[1].action).toEqual([expect.any(Number), 0]);
      if (released.has(t.agentId)) expect(t.doneReasons).toEqual(["released"]);
      expect(agentEpisodeMetrics(t).distanceM).toBeGreaterThan(0);
    }
  });
});
