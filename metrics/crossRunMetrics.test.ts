import { describe, expect, it } from "vitest";
import { cruise, step, trajectory } from "../test/fakes/handTrajectory.js";
import { agentEpisodeMetrics, type AgentEpisodeMetrics } from "./agentEpisodeMetrics.js";
import { aggregateCell, aggregateRecords, policyGeneralization, type AgentEpisodeRecord } from "./aggregate.js";
import { drivingSmartsScore } from "./drivingSmartsScore.js";
import { generalization } from "./generalization.js";
import { METRICS } from "./metricCatalog.js";
import { outcomeMetrics } from "./outcomeMetrics.js";
import { ruleCosts } from "./ruleCosts.js";
import { safetyMetrics } from "./safetyMetrics.js";
import { stabilityMetrics } from "./stabilityMetrics.js";
import { decisionKey, stochasticity } from "./stochasticity.js";

describe("driving-SMARTS score", () => {
  it("a trip that reaches its goal in 10 of 100 steps, 0.8 m off the lane centre", () => {
    const steps = cruise(11, 10, (k) => ({ laneOffsetM: 0.8, events: { ...step(0).events, reachedGoal: k === 10 } }));
    const t = trajectory(steps, { maxSteps: 100 });
    const s = drivingSmartsScore(t, {
      outcome: outcomeMetrics(t),
      safety: safetyMetrics(t),
      stability: stabilityMetrics(t),
      rules: ruleCosts(t),
    });
    expect(s.scoreCompletion).toBe(1);
    expect(s.scoreTime).toBeCloseTo(0.9, 12);
    expect(s.scoreHumanness).toBeCloseTo(1 - 0.5 / 3, 12);
    expect(s.scoreRules).toBe(1);
    expect(s.score).toBeCloseTo(0.25 * (1 + 0.9 + 5 / 6 + 1), 12);
  });

  it("a collision costs the whole distance and time terms", () => {
    const steps = cruise(4, 10, (k) => ({ routePositionM: 10 * k, events: { ...step(0).events, collision: k === 3 } }));
    const m = agentEpisodeMetrics(trajectory(steps));
    expect(m.scoreCompletion).toBe(0);
    expect(m.scoreTime).toBe(0);
  });
});

describe("stochasticity", () => {
  it("decision keys: action names, numbers to 0.01, vectors", () => {
    expect(decisionKey("keep_lane")).toBe("keep_lane");
    expect(decisionKey([0.123, -0.001, 1])).toBe("[0.12,0.00,1.00]");
    expect(decisionKey(new Float32Array([0.5]))).toBe("[0.50]");
    expect(decisionKey(null)).toBeNull();
  });

  it("the mean disagreement over repeated runs of one situation", () => {
    const runs = [
      ["a", "a", "b"],
      ["a", "b", "b"],
      ["a", "a", "b"],
    ].map((decisions) => ({ situation: "s", decisions }));
    expect(stochasticity(runs)).toBeCloseTo(1 / 9, 12);
  });

  it("a deterministic policy scores 0; runs of different situations are never compared", () => {
    expect(
      stochasticity([
        { situation: "s", decisions: ["a", "b"] },
        { situation: "s", decisions: ["a", "b"] },
      ]),
    ).toBe(0);
    expect(
      stochasticity([
        { situation: "s1", decisions: ["a"] },
        { situation: "s2", decisions: ["b"] },
      ]),
    ).toBeNull();
  });

  it("steps without a decision and steps only one run reached are left out", () => {
    const runs = [
      { situation: "s", decisions: [null, "a", "a", "x"] },
      { situation: "s", decisions: [null, "b", "a"] },
    ];
    expect(stochasticity(runs)).toBeCloseTo(0.25, 12);
  });
});

describe("generalization", () => {
  it("1 − the spread of completion rates across groups, and the seen/unseen gap", () => {
    const samples = [
      { group: "easy", seed: 0, completed: true },
      { group: "easy", seed: 1, completed: true },
      { group: "hard", seed: 0, completed: true },
      { group: "hard", seed: 1, completed: false },
      { group: "hard", seed: 2, completed: false },
      { group: "hard", seed: 3, completed: false },
    ];
    const g = generalization(samples, [0]);
    expect(g.groups).toEqual([
      { group: "easy", agentEpisodes: 2, completionRate: 1 },
      { group: "hard", agentEpisodes: 4, completionRate: 0.25 },
    ]);
    expect(g.generalization).toBe(0.25);
    expect(g.seenCompletionRate).toBe(1);
    expect(g.unseenCompletionRate).toBe(0.25);
    expect(g.seenUnseenGap).toBe(0.75);
    expect(generalization(samples.slice(0, 2)).generalization).toBeNull();
  });
});

function record(over: Partial<AgentEpisodeRecord>, metrics: Partial<AgentEpisodeMetrics>): AgentEpisodeRecord {
  const base = agentEpisodeMetrics(trajectory(cruise(3, 10)));
  return {
    policy: "p",
    scenario: "s",
    seed: 0,
    episode: 0,
    variation: "",
    agentId: "a",
    doneReasons: [],
    decisions: [],
    metrics: { ...base, ...metrics },
    ...over,
  };
}

describe("aggregation", () => {
  it("rates, means over defined values, minima and pooled ratios", () => {
    const records = [
      record(
        { agentId: "a" },
        {
          collided: true,
          completed: false,
          minTtcS: 1.5,
          meanSpeedMps: 10,
          laneChanges: 1,
          cutIns: 1,
          timeToGoalS: null,
        },
      ),
      record(
        { agentId: "b" },
        {
          collided: false,
          completed: true,
          minTtcS: null,
          meanSpeedMps: 14,
          laneChanges: 3,
          cutIns: 0,
          timeToGoalS: 9,
        },
      ),
      record(
        { agentId: "a", seed: 1 },
        {
          collided: false,
          completed: true,
          minTtcS: 0.5,
          meanSpeedMps: 12,
          laneChanges: 0,
          cutIns: 0,
          timeToGoalS: 11,
        },
      ),
      record(
        { agentId: "b", seed: 1 },
        { collided: false, completed: true, minTtcS: 3, meanSpeedMps: 12, laneChanges: 0, cutIns: 0, timeToGoalS: 10 },
      ),
    ];
    const c = aggregateCell("p", "s", records);
    expect(c.episodes).toBe(2);
    expect(c.agentEpisodes).toBe(4);
    expect(c.values.collisionRate).toBe(0.25);
    expect(c.values.collisionFreeRate).toBe(0.75);
    expect(c.values.completionRate).toBe(0.75);
    expect(c.values.timeToGoalS).toBe(10);
    expect(c.values.minTtcS).toBe(0.5);
    expect(c.values.meanMinTtcS).toBeCloseTo(5 / 3, 12);
    expect(c.values.meanSpeedMps).toBe(12);
    expect(c.values.cutInRatio).toBe(0.25);
    expect(c.values.collaborative).toBeNull();
    expect(Object.keys(c.values)).toEqual(METRICS.map((m) => m.key));
  });

  it("stochasticity compares episodes of the same seed and agent; generalization compares variations", () => {
    const records = [
      record({ episode: 0, variation: "v1", decisions: ["a", "a"] }, { completed: true }),
      record({ episode: 1, variation: "v1", decisions: ["a", "b"] }, { completed: true }),
      record({ seed: 1, variation: "v2", decisions: ["c", "c"] }, { completed: false }),
    ];
    const c = aggregateCell("p", "s", records);
    expect(c.values.stochasticity).toBe(0.25);
    expect(c.values.generalization).toBe(0);
    expect(policyGeneralization(records).groups.map((g) => g.group)).toEqual(["s/v1", "s/v2"]);
  });

  it("cells in policy then scenario order, empty cells left out", () => {
    const records = [record({ policy: "q", scenario: "s2" }, {}), record({ policy: "p", scenario: "s1" }, {})];
    expect(aggregateRecords(records, ["p", "q"], ["s1", "s2"]).map((c) => `${c.policy}/${c.scenario}`)).toEqual([
      "p/s1",
      "q/s2",
    ]);
  });
});
