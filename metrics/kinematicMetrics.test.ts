import { describe, expect, it } from "vitest";
import { cruise, step, trajectory, vehicle } from "../test/fakes/handTrajectory.js";
import { agilityMetrics } from "./agilityMetrics.js";
import { boxGapM } from "./boxGap.js";
import { controlDiversity } from "./controlDiversity.js";
import { outcomeMetrics } from "./outcomeMetrics.js";
import { ruleCosts } from "./ruleCosts.js";
import { safetyMetrics } from "./safetyMetrics.js";
import { stabilityMetrics } from "./stabilityMetrics.js";

describe("outcome metrics", () => {
  it("a trip of 10 m/s that reaches its goal after 1 s", () => {
    const steps = cruise(11, 10, (k) => ({ routePositionM: k, events: { ...step(0).events, reachedGoal: k === 10 } }));
    const o = outcomeMetrics(trajectory(steps, { doneReasons: ["goal"] }));
    expect(o).toEqual({
      steps: 10,
      durationS: 1,
      collided: false,
      completed: true,
      offRoad: false,
      timeToGoalS: 1,
      distanceM: 10,
      routeCompletion: 1,
    });
  });

  it("a crash half way: collided, not completed, route share from the last route position", () => {
    const steps = cruise(6, 10, (k) => ({
      routePositionM: 40 + k * 2,
      events: { ...step(0).events, collision: k === 5, offRoad: k === 5 },
    }));
    const o = outcomeMetrics(trajectory(steps, { doneReasons: ["collision"] }));
    expect(o.collided).toBe(true);
    expect(o.offRoad).toBe(true);
    expect(o.completed).toBe(false);
    expect(o.timeToGoalS).toBeNull();
    expect(o.routeCompletion).toBe(0.5);
  });
});

describe("stability metrics", () => {
  it("a constant-jerk path has that jerk at every step", () => {
    // a(t) = 2 m/s³ · t, v(t) = t², x(t) = t³ / 3.
    const steps = Array.from({ length: 31 }, (_, k) => {
      const t = k * 0.1;
      return step(k, { x: t ** 3 / 3, speedMps: t * t, accelerationMps2: 2 * t });
    });
    const s = stabilityMetrics(trajectory(steps));
    expect(s.meanAbsJerkMps3).toBeCloseTo(2, 12);
    expect(s.maxAbsJerkMps3).toBeCloseTo(2, 12);
    expect(s.meanAbsLateralAccelMps2).toBe(0);
  });

  it("a circle at 10 m/s turning 0.1 rad/s has 1 m/s² lateral acceleration", () => {
    const steps = Array.from({ length: 21 }, (_, k) => step(k, { headingRad: 0.01 * k, speedMps: 10 }));
    const s = stabilityMetrics(trajectory(steps));
    expect(s.meanAbsLateralAccelMps2).toBeCloseTo(1, 12);
    expect(s.maxAbsLateralAccelMps2).toBeCloseTo(1, 12);
  });

  it("lane-centre offset: mean |t| over samples on a lane, and as a share of the half width", () => {
    const steps = [
      step(0, { laneOffsetM: 0.2 }),
      step(1, { laneOffsetM: -0.4 }),
      step(2, { laneId: "", laneWidthM: 0, laneOffsetM: 0 }),
      step(3, { laneOffsetM: 2.4 }),
    ];
    const s = stabilityMetrics(trajectory(steps));
    expect(s.meanLaneOffsetM).toBeCloseTo(1, 12);
    expect(s.meanLaneOffsetShare).toBeCloseTo((0.125 + 0.25 + 1) / 3, 12);
  });
});

describe("agility and control diversity", () => {
  it("mean speed over all samples", () => {
    expect(
      agilityMetrics(trajectory([step(0, { speedMps: 4 }), step(1, { speedMps: 8 }), step(2, { speedMps: 12 })])),
    ).toEqual({ meanSpeedMps: 8, maxSpeedMps: 12 });
  });

  it("only braking: all effort longitudinal, diversity 0", () => {
    const c = controlDiversity(trajectory(cruise(5, 10, () => ({ accelerationMps2: -2 }))));
    expect(c).toEqual({ longitudinalEffort: 8, lateralEffort: 0, longitudinalControlShare: 1, controlDiversity: 0 });
  });

  it("turning at 1 m/s² while accelerating at 1 m/s²: an even split, diversity 1", () => {
    const steps = Array.from({ length: 11 }, (_, k) =>
      step(k, { headingRad: 0.01 * k, speedMps: 10, accelerationMps2: 1 }),
    );
    const c = controlDiversity(trajectory(steps));
    expect(c.longitudinalControlShare).toBeCloseTo(0.5, 12);
    expect(c.controlDiversity).toBeCloseTo(1, 12);
  });
});

describe("safety metrics", () => {
  it("box clearance: side by side, end to end, crossing, overlapping", () => {
    const a = { x: 0, y: 0, headingRad: 0, halfLengthM: 2, halfWidthM: 0.75 };
    expect(boxGapM(a, { ...a, y: 3 })).toBeCloseTo(1.5, 12);
    expect(boxGapM(a, { ...a, x: 10 })).toBeCloseTo(6, 12);
    expect(boxGapM(a, { ...a, x: 10, headingRad: Math.PI / 2 })).toBeCloseTo(10 - 2 - 0.75, 12);
    expect(boxGapM(a, { ...a, x: 1, y: 1 })).toBe(0);
  });

  it("TTC to a slower leader in the lane; oncoming traffic in the other lane does not count", () => {
    const lead = (k: number) => vehicle("lead", { x: 30 + k, speedMps: 10 });
    const oncoming = (k: number) => vehicle("oncoming", { x: 40 - 2 * k, y: 3.2, headingRad: Math.PI, speedMps: 20 });
    const steps = Array.from({ length: 3 }, (_, k) =>
      step(k, { x: 2 * k, speedMps: 20, neighbours: [lead(k), oncoming(k)] }),
    );
    const s = safetyMetrics(trajectory(steps));
    // Gap at the last step: 32 − 4 − 2 − 2 = 24 m, closing at 10 m/s.
    expect(s.minTtcS).toBeCloseTo(2.4, 12);
    // Nearest clearance: the oncoming car at the last step, 36 − 4 = 32 m ahead and 3.2 m across,
    // is farther than the leader (24 m end to end).
    expect(s.minObstacleGapM).toBeCloseTo(24, 12);
    expect(s.meanObstacleGapM).toBeCloseTo((26 + 25 + 24) / 3, 12);
  });

  it("no closing vehicle: no TTC; no neighbour: no clearance", () => {
    const s = safetyMetrics(trajectory(cruise(3, 10)));
    expect(s.minTtcS).toBeNull();
    expect(s.minObstacleGapM).toBeNull();
  });
});

describe("rule costs", () => {
  it("speed-limit excess and wrong-way time", () => {
    const speeds = [12, 9, 10, 14];
    const steps = speeds.map((v, k) =>
      step(k, { speedMps: v, speedLimitMps: 10, events: { ...step(0).events, wrongWay: k >= 2 } }),
    );
    const r = ruleCosts(trajectory(steps));
    expect(r).toMatchObject({ speedExcessMps: 1.5, speedingShare: 0.5, wrongWayTimeS: 0.2, wrongWayShare: 0.5 });
    expect(r.speedExcessShare).toBeCloseTo(0.15, 12);
  });
});
