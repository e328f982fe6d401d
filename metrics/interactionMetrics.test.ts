import { describe, expect, it } from "vitest";
import { step, trajectory, vehicle } from "../test/fakes/handTrajectory.js";
import type { AgentStep } from "./AgentTrajectory.js";
import { cutInMetrics } from "./cutInMetrics.js";
import { conflictPoint, giveWayMetrics } from "./giveWayMetrics.js";
import { overtakeMetrics } from "./overtakeMetrics.js";

/** Ego at 15 m/s; it moves from lane 0 to lane 1 at step 5 and back at step 10. */
function laneChanges(followerGapM: number): AgentStep[] {
  return Array.from({ length: 15 }, (_, k) => {
    const lane = k >= 5 && k < 10 ? 1 : 0;
    const x = 1.5 * k;
    return step(k, {
      x,
      y: lane * 3.2,
      speedMps: 15,
      laneIndex: lane,
      laneId: `main_${lane}`,
      neighbours: [vehicle("follower", { x: x - followerGapM, y: 3.2, speedMps: 15, laneId: "main_1" })],
    });
  });
}

describe("cut-in ratio", () => {
  it("a scripted cut-in 8 m in front of a follower at 15 m/s, then a free change back", () => {
    expect(cutInMetrics(trajectory(laneChanges(8)))).toEqual({ laneChanges: 2, cutIns: 1, cutInRatio: 0.5 });
  });

  it("a follower 60 m back leaves room: no cut-in", () => {
    expect(cutInMetrics(trajectory(laneChanges(60)))).toEqual({ laneChanges: 2, cutIns: 0, cutInRatio: 0 });
  });

  it("moving between junction connectors or roads is no lane change", () => {
    const steps = [
      step(0),
      step(1, { roadId: "other", laneId: "other_1", laneIndex: 1 }),
      step(2, { internalLane: true, laneId: ":j_0", roadId: ":j", laneIndex: 0 }),
    ];
    expect(cutInMetrics(trajectory(steps)).laneChanges).toBe(0);
  });
});

describe("competitive (overtaking)", () => {
  it("a scripted overtake of a slower car, a leader it never catches, an oncoming car and a faster car passing it", () => {
    const steps = Array.from({ length: 61 }, (_, k) =>
      step(k, {
        x: 2 * k,
        speedMps: 20,
        neighbours: [
          vehicle("slow", { x: 20 + k, y: 3.2, speedMps: 10 }),
          vehicle("leader", { x: 25 + 2 * k, speedMps: 20 }),
          vehicle("oncoming", { x: 100 - 2 * k, y: -3.2, headingRad: Math.PI, speedMps: 20 }),
          vehicle("fast", { x: -20 + 3 * k, y: 3.2, speedMps: 30 }),
        ],
      }),
    );
    expect(overtakeMetrics(trajectory(steps))).toEqual({
      overtakeOpportunities: 2,
      overtakes: 1,
      overtakenBy: 1,
      competitive: 0.5,
    });
  });

  it("no vehicle ahead: no opportunity", () => {
    expect(overtakeMetrics(trajectory([step(0), step(1)])).competitive).toBeNull();
  });
});

/**
 * A merge at P = (50, 0): the main road runs along +x, the ramp joins at 30°. The other car drives
 * the main road at 10 m/s from 30 m before P; the ego drives the ramp from 28 m before P.
 */
function merge(egoDistanceToP: (k: number) => number): AgentStep[] {
  const h = Math.PI / 6;
  return Array.from({ length: 56 }, (_, k) => {
    const d = egoDistanceToP(k);
    return step(k, {
      x: 50 - d * Math.cos(h),
      y: -d * Math.sin(h),
      headingRad: h,
      speedMps: k > 0 ? (egoDistanceToP(k - 1) - d) / 0.1 : 10,
      neighbours: [vehicle("main", { x: 20 + k, speedMps: 10 })],
    });
  });
}

describe("collaborative (giving way)", () => {
  it("the conflict point of two converging cars is where their heading rays cross", () => {
    const p = conflictPoint(
      { x: 50 - 28 * Math.cos(Math.PI / 6), y: -28 * Math.sin(Math.PI / 6), headingRad: Math.PI / 6, speedMps: 10 },
      { x: 20, y: 0, headingRad: 0, speedMps: 10 },
    );
    expect(p!.x).toBeCloseTo(50, 9);
    expect(p!.y).toBeCloseTo(0, 9);
    expect(
      conflictPoint({ x: 0, y: 0, headingRad: 0, speedMps: 10 }, { x: 10, y: 0, headingRad: 0, speedMps: 10 }),
    ).toBeNull();
    expect(
      conflictPoint({ x: 0, y: 0, headingRad: 0, speedMps: 10 }, { x: 40, y: 3.2, headingRad: Math.PI, speedMps: 10 }),
    ).toBeNull();
  });

  it("a give-way at a merge: the ego waits 10 m before P until the main-road car has passed", () => {
    const wait = (k: number) => (k <= 18 ? 28 - k : k <= 40 ? 10 : 10 - (k - 40));
    expect(giveWayMetrics(trajectory(merge(wait)))).toEqual({
      conflicts: 1,
      gaveWay: 1,
      unresolvedConflicts: 0,
      collaborative: 1,
    });
  });

  it("the ego merges first at 12 m/s: a conflict it did not give way in", () => {
    expect(giveWayMetrics(trajectory(merge((k) => 28 - 1.2 * k)))).toEqual({
      conflicts: 1,
      gaveWay: 0,
      unresolvedConflicts: 0,
      collaborative: 0,
    });
  });

  it("a conflict that neither car resolves is not counted", () => {
    const steps = merge((k) => 28 - 0.1 * k).slice(0, 10);
    expect(giveWayMetrics(trajectory(steps))).toEqual({
      conflicts: 0,
      gaveWay: 0,
      unresolvedConflicts: 1,
      collaborative: null,
    });
  });
});
