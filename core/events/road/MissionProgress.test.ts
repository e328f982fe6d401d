import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS, type DoneCriteria, type Mission } from "../../../spec/CompiledScenario.js";
import type { Lane } from "../../road/Lane.js";
import { buildRoadNetwork, type RoadNetwork } from "../../road/RoadNetwork.js";
import { generateMap } from "../../road/generators/mapGenerators.js";
import { loadSumoNet } from "../../road/sumo/loadSumoNet.js";
import { copyEvents } from "./Events.js";
import {
  MissionProgress,
  NOT_MOVING_SAMPLES,
  type DoneFlags,
  type MissionProgressOptions,
  type MissionTarget,
} from "./MissionProgress.js";

// The compiled scenario's types fit this module's structural ones (checked by the compiler).
const _mission: MissionTarget = {} as Mission;
const _flags: DoneFlags = {} as DoneCriteria;
void _mission;
void _flags;

const straight = buildRoadNetwork(generateMap("straight"));
const twoWay = buildRoadNetwork(generateMap("two_way"));
const intersection = buildRoadNetwork(generateMap("intersection"));

function route(roadIds: string[], endLane = 0, viaPoints: MissionTarget["viaPoints"] = []): MissionTarget {
  return {
    kind: "route",
    roadIds,
    end: { roadId: roadIds[roadIds.length - 1], laneIndex: endLane, offsetM: "end" },
    viaPoints,
  };
}

function progress(
  net: RoadNetwork,
  mission: MissionTarget,
  options: Partial<MissionProgressOptions> = {},
): MissionProgress {
  return new MissionProgress(net, mission, {
    agentId: "ego",
    dtS: 0.1,
    vehicleLengthM: 4.5,
    vehicleWidthM: 1.8,
    ...options,
  });
}

const pose = (x: number, y: number, headingRad = 0, speedMps = 10) => ({ x, y, headingRad, speedMps });

describe("MissionProgress", () => {
  it("progresses by the distance driven along a straight route, through lane changes", () => {
    const mp = progress(straight, route(["main"], 1));
    mp.reset(pose(10, 0), 0);
    expect(mp.routePositionM).toBeCloseTo(10, 6);
    let x = 10;
    for (let tick = 1; tick <= 100; tick++) {
      const dx = 1 + 0.37 * Math.sin(tick);
      x += dx;
      // Drift from lane 1 over to lane 2 and back to lane 0.
      const y = tick < 50 ? (3.2 * tick) / 50 : 3.2 - (6.4 * (tick - 50)) / 50;
      const e = mp.step(pose(x, y, Math.atan2(0.1, 1)), tick);
      expect(mp.progressM).toBeCloseTo(dx, 2);
      expect(e.offRoad || e.offRoute || e.wrongWay || e.onShoulder).toBe(false);
    }
    expect(mp.routePositionM).toBeCloseTo(x, 6);
    // Backwards: negative progress.
    mp.step(pose(x - 2, -3.2), 101);
    expect(mp.progressM).toBeCloseTo(-2, 6);
  });

  it("progresses through a junction by the distance driven along the connector", () => {
    const mp = progress(intersection, route(["west_in", "east_out"]));
    expect(mp.routeLengthM).toBeCloseTo(100 + 20.8 + 100, 6);
    mp.reset(pose(-100, -4.8), 0);
    let sum = 0;
    for (let tick = 1; tick <= 190; tick++) {
      const e = mp.step(pose(-100 + tick, -4.8), tick);
      expect(mp.progressM).toBeCloseTo(1, 2);
      expect(e.offRoad || e.offRoute || e.wrongWay || e.onShoulder).toBe(false);
      sum += mp.progressM;
    }
    expect(sum).toBeCloseTo(190, 6);
    expect(mp.lane?.road.id).toBe("east_out");
  });

  it("keeps its junction connector where connectors overlap", () => {
    // Straight through :centre_10 and the right turn :centre_9 both start at (-10.4, -4.8).
    const mp = progress(intersection, route(["west_in", "south_out"]));
    mp.reset(pose(-12, -4.8), 0);
    const turn = intersection.lane(":centre_9_0")!;
    const steps = Math.floor(turn.centreline.length * 4);
    for (let k = 1; k <= steps; k++) {
      const p = turn.toWorld(k * 0.25);
      const e = mp.step(pose(p.x, p.y, p.headingRad), k);
      if (k > 1 && k * 0.25 < turn.centreline.length) expect(mp.lane).toBe(turn);
      expect(mp.progressM).toBeCloseTo(k === 1 ? 1.6 + 0.25 : 0.25, 2);
      expect(e.offRoute || e.wrongWay).toBe(false);
    }
  });

  it("takes the connector its path takes where connectors overlap, then keeps it while swinging wide", () => {
    const turn = intersection.lane(":centre_9_0")!;
    const straightOn = intersection.lane(":centre_10_0")!;
    // An endless mission goes straight on: on the turn's centreline 1 m in, still on the straight
    // connector's surface, it is on the straight connector (not the one whose centre is nearer).
    const endless = progress(intersection, { kind: "endless", viaPoints: [] });
    endless.reset(pose(-12, -4.8), 0);
    const early = turn.toWorld(1);
    endless.step(pose(early.x, early.y, early.headingRad), 1);
    expect(endless.lane).toBe(straightOn);
    // A right turn that swings 0.6 m past its connector's edge, onto the straight one, keeps the turn.
    const mp = progress(intersection, route(["west_in", "south_out"]));
    mp.reset(pose(-12, -4.8), 0);
    const mid = turn.centreline.length / 2;
    for (let k = 1; k <= 4; k++) {
      const p = turn.toWorld((mid * k) / 4, k === 4 ? turn.widthM / 2 + 0.6 : 0);
      mp.step(pose(p.x, p.y, p.headingRad), k);
      expect(mp.lane).toBe(turn);
    }
  });

  it("reports offRoad 4 m beside the road, not onShoulder", () => {
    const mp = progress(straight, route(["main"]));
    mp.reset(pose(50, -3.2), 0);
    const e = mp.step(pose(50, -4.8 - 4), 1);
    expect(e.offRoad).toBe(true);
    expect(e.onShoulder).toBe(false);
    expect(e.offRoute).toBe(false);
    expect(mp.progressM).toBe(0);
    expect(mp.step(pose(50, 3.2 + 1.6 + 4), 2).offRoad).toBe(true);
  });

  it("reports onShoulder with half the vehicle over the edge, and only that", () => {
    const mp = progress(straight, route(["main"]));
    mp.reset(pose(50, -3.2), 0);
    expect(copyEvents(mp.step(pose(51, -3.2), 1))).toMatchObject({ onShoulder: false, offRoad: false });
    const e = copyEvents(mp.step(pose(52, -4.8), 2));
    expect(e).toEqual({ ...e, onShoulder: true, offRoad: false, offRoute: false, wrongWay: false, notMoving: false });
    expect(mp.step(pose(53, 4.8), 3).onShoulder).toBe(true);
    // 0.4 m from the edge with 0.9 m half width: 0.5 m over.
    expect(mp.step(pose(54, -4.8 + 0.4), 4).onShoulder).toBe(true);
    // The 5 cm edge tolerance: 4 cm over is still on the road, 6 cm is not.
    expect(mp.step(pose(55, -4.8 + 0.9 - 0.04), 5).onShoulder).toBe(false);
    expect(mp.step(pose(56, -4.8 + 0.9 - 0.06), 6).onShoulder).toBe(true);
  });

  it("does not call the line between a two-way road's directions a shoulder", () => {
    const mp = progress(twoWay, route(["east"]));
    mp.reset(pose(50, -1.6), 0);
    const e = mp.step(pose(51, 0), 1);
    expect(e.onShoulder).toBe(false);
    expect(e.offRoad).toBe(false);
  });

  it("reports wrongWay against the lane direction, but not inside a junction", () => {
    const mp = progress(twoWay, route(["east"]));
    mp.reset(pose(50, -1.6), 0);
    expect(mp.step(pose(51, -1.6, 0.3), 1).wrongWay).toBe(false);
    expect(mp.step(pose(52, -1.6, Math.PI), 2).wrongWay).toBe(true);
    expect(mp.step(pose(53, -4.8, Math.PI / 2 + 0.01), 3).wrongWay).toBe(true);
    expect(mp.step(pose(54, -4.8, Math.PI / 2 - 0.01), 4).wrongWay).toBe(false);
    // On the westbound road, heading west: right way, but off the route.
    const west = mp.step(pose(60, 1.6, Math.PI), 5);
    expect(west.wrongWay).toBe(false);
    expect(west.offRoute).toBe(true);

    const j = progress(intersection, route(["west_in", "east_out"]));
    j.reset(pose(-50, -4.8), 0);
    for (let k = 0; k < 8; k++) {
      const heading = (k * Math.PI) / 4;
      expect(j.step(pose(0, 0, heading), k + 1).wrongWay).toBe(false);
      expect(j.step(pose(-6, -4.8, heading), k + 1).wrongWay).toBe(false);
    }
    expect(j.step(pose(-50, -4.8, Math.PI), 20).wrongWay).toBe(true);
  });

  it("reports notMoving after exactly 60 s standing still, not at 59.9 s", () => {
    const mp = progress(straight, route(["main"]));
    mp.reset(pose(50, 0, 0, 0), 1000);
    for (let tick = 1001; tick < 1600; tick++) expect(mp.step(pose(50, 0, 0, 0), tick).notMoving).toBe(false);
    expect(mp.step(pose(50, 0, 0, 0), 1600).notMoving).toBe(true);
    expect(mp.step(pose(50, 0, 0, 0), 1601).notMoving).toBe(true);
  });

  it("keeps the not-moving history small at any step: a few KB, not 60 s ÷ step samples", () => {
    // 1 ms steps: the 60 s window is 60,000 steps, sampled every 59 steps (1,017 samples).
    const mp = progress(straight, route(["main"]), { dtS: 0.001 });
    expect(mp.getState().ringTick.length).toBeLessThanOrEqual(NOT_MOVING_SAMPLES + 1);
    mp.reset(pose(50, 0, 0, 0), 0);
    let first = -1;
    for (let tick = 1; tick <= 60_100 && first < 0; tick++)
      if (mp.step(pose(50, 0, 0, 0), tick).notMoving) first = tick;
    // Due at 60,000; the window reaches back to the sample at or before its start, 59 steps apart at most.
    expect(first).toBeGreaterThanOrEqual(60_000);
    expect(first).toBeLessThan(60_000 + 59);
    // A step of 1e-9 s (as a library user may ask): still ~1,000 samples, not 6e10.
    expect(progress(straight, route(["main"]), { dtS: 1e-9 }).getState().ringTick.length).toBeLessThanOrEqual(
      NOT_MOVING_SAMPLES + 1,
    );
  });

  it("counts a 1 m crawl within 60 s as moving, 0.9 m as not", () => {
    for (const [crawlM, expected] of [
      [1.02, false],
      [0.9, true],
    ] as const) {
      const mp = progress(straight, route(["main"]), { dtS: 0.5 });
      mp.reset(pose(50, 0), 0);
      let last = false;
      for (let tick = 1; tick <= 120; tick++) last = mp.step(pose(50 + (crawlM * tick) / 120, 0), tick).notMoving;
      expect(last).toBe(expected);
    }
  });

  it("reports reachedGoal within 2 m of the end point", () => {
    const mp = progress(straight, route(["main"], 1));
    mp.reset(pose(190, 0), 0);
    expect(mp.step(pose(197.9, 0), 1).reachedGoal).toBe(false);
    expect(mp.step(pose(198.1, 0), 2).reachedGoal).toBe(true);
    expect(mp.done(SCENARIO_DEFAULTS.done)).toEqual(["goal"]);
  });

  it("hits a via point at its speed once, and misses it 2 m/s too fast", () => {
    const via = [{ position: { roadId: "main", laneIndex: 1, offsetM: 100 }, speedMps: 10 }];
    const fast = progress(straight, route(["main"], 1, via));
    fast.reset(pose(90, 0), 0);
    for (let tick = 1; tick <= 20; tick++) expect(fast.step(pose(90 + tick, 0, 0, 12), tick).viaPointsHit).toEqual([]);
    expect(fast.viaPointHit(0)).toBe(false);

    const right = progress(straight, route(["main"], 1, via));
    right.reset(pose(90, 0), 0);
    const hits: number[][] = [];
    for (let tick = 1; tick <= 20; tick++)
      hits.push([...right.step(pose(90 + tick * 0.5, 0.3, 0, 11.4), tick).viaPointsHit]);
    expect(hits.filter((h) => h.length > 0)).toEqual([[0]]);
    // Hit where the centre first came within the half lane width (1.6 m): x = 98.5 → tick 17.
    expect(hits[16]).toEqual([0]);
    expect(right.viaPointHit(0)).toBe(true);
  });

  it("reports offRoute on a road not on the route, never inside the junction", () => {
    const mp = progress(intersection, route(["west_in", "east_out"]));
    mp.reset(pose(-20, -4.8), 0);
    // Turning left into north_out through the junction.
    const turn = intersection.lane(":centre_11_0")!;
    for (let k = 1; k * 0.5 < turn.centreline.length; k++) {
      const p = turn.toWorld(k * 0.5, 0);
      expect(mp.step(pose(p.x, p.y, p.headingRad), k).offRoute).toBe(false);
    }
    const e = mp.step(pose(1.6, 15, Math.PI / 2), 100);
    expect(e.offRoute).toBe(true);
    expect(e.offRoad || e.wrongWay).toBe(false);
    expect(mp.progressM).toBe(0);
    expect(mp.done(SCENARIO_DEFAULTS.done)).toEqual([]);
    expect(mp.done({ ...SCENARIO_DEFAULTS.done, offRoute: true })).toEqual(["offRoute"]);
  });

  it("gives done reasons per criteria flags", () => {
    const mp = progress(straight, route(["main"]), { maxSteps: 5 });
    mp.reset(pose(50, 0), 10);
    mp.step(pose(51, 0), 14, true);
    const all: DoneFlags = {
      collision: true,
      offRoad: true,
      offRoute: true,
      onShoulder: true,
      wrongWay: true,
      notMoving: true,
      goal: true,
      maxSteps: true,
    };
    expect(mp.done(all)).toEqual(["collision"]);
    mp.step(pose(52, -4.8 - 4, Math.PI), 15, true);
    expect(mp.lastEvents.reachedMaxSteps).toBe(true);
    expect(mp.done(all)).toEqual(["collision", "offRoad", "maxSteps"]);
    expect(mp.done(SCENARIO_DEFAULTS.done)).toEqual(["collision", "offRoad", "maxSteps"]);
    expect(mp.done({ ...all, collision: false, maxSteps: false })).toEqual(["offRoad"]);
    mp.step(pose(53, -4.8, Math.PI), 16);
    expect(mp.done(all)).toEqual(["onShoulder", "wrongWay", "maxSteps"]);
    expect(mp.done({ ...all, maxSteps: false, wrongWay: false })).toEqual(["onShoulder"]);
    const none: DoneFlags = {
      collision: false,
      offRoad: false,
      offRoute: false,
      onShoulder: false,
      wrongWay: false,
      notMoving: false,
      goal: false,
      maxSteps: false,
    };
    expect(mp.done(none)).toEqual([]);
  });

  it("has no route events on an endless mission", () => {
    const mp = new MissionProgress(
      straight,
      { kind: "endless", viaPoints: [] },
      { agentId: "e", dtS: 0.1, vehicleLengthM: 4, vehicleWidthM: 1.8 },
    );
    mp.reset(pose(10, 0), 0);
    const e = mp.step(pose(12, 0), 1);
    expect(e.offRoute || e.reachedGoal).toBe(false);
    expect(mp.progressM).toBe(0);
    expect(Number.isNaN(mp.routeLengthM)).toBe(true);
  });

  it("throws naming the agent when stepped before reset", () => {
    expect(() => progress(straight, route(["main"])).step(pose(0, 0), 1)).toThrow(/"ego".*before reset/);
  });

  it("tracks the paper double-merge map's route through both junctions", () => {
    const net = buildRoadNetwork(
      loadSumoNet(join(import.meta.dirname, "../../../maps/smarts/paper-double_merge-cross/map.net.xml")),
    );
    const mp = progress(net, route(["gneE22", "gneE5", "gneE23"]));
    const lanes: Lane[] = [];
    const a = net.lane("gneE22_0")!,
      b = net.lane("gneE5_0")!,
      c = net.lane("gneE23_0")!;
    lanes.push(a, ...net.connectorPath(a, b)!, b, ...net.connectorPath(b, c)!, c);
    const start = a.toWorld(1);
    mp.reset(pose(start.x, start.y, start.headingRad), 0);
    let tick = 0;
    let driven = 0;
    let sLast = 1;
    for (const lane of lanes) {
      const len = lane.centreline.length;
      for (let s = lane === a ? 1.5 : 0; s <= len; s += 0.5) {
        const p = lane.toWorld(s);
        const e = mp.step(pose(p.x, p.y, p.headingRad), ++tick);
        const ds = lane === lanes[0] || s > 0 ? s - sLast : s;
        expect(e.offRoad || e.offRoute || e.wrongWay).toBe(false);
        if (s > 0) expect(mp.progressM).toBeCloseTo(ds, 2);
        driven += mp.progressM;
        sLast = s;
      }
      sLast = sLast - len;
    }
    expect(mp.routePositionM).toBeCloseTo(driven + 1, 6);
    expect(mp.routePositionM).toBeGreaterThan(mp.routeLengthM - 0.6);
    expect(mp.lastEvents.reachedGoal).toBe(true);
  });
});
