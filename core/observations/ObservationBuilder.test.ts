import { describe, expect, it } from "vitest";
import type { Observation } from "../../spec/CompiledScenario.js";
import { emptyEvents } from "../events/road/Events.js";
import { createVehicleState, type VehicleState } from "../physics/VehicleState.js";
import { Rng } from "../random/Rng.js";
import { generateMap } from "../road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../road/RoadNetwork.js";
import { waypointPaths } from "../road/waypointPaths.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import { SimFrame } from "../simulation/SimFrame.js";
import { ObservationBuilder } from "./ObservationBuilder.js";
import type { ObservationInput } from "./ObservationInput.js";
import { EGO_FEATURES, NEIGHBOUR_FEATURES, WAYPOINT_FEATURES, columns } from "./observationFeatures.js";
import { observationSpace } from "./observationSpace.js";
import { benchmarkScenes } from "../../bench/observationBenchmark.js";
import { fullObservation, standardObservation } from "./standardObservation.js";

const E = columns(EGO_FEATURES);
const N = columns(NEIGHBOUR_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const NB = NEIGHBOUR_FEATURES.length;
const WP = WAYPOINT_FEATURES.length;

/** A vehicle of a hand-built frame. */
interface V {
  id: string;
  x: number;
  y: number;
  h?: number;
  v?: number;
  lengthM?: number;
  widthM?: number;
  role?: number;
}

function frameOf(vehicles: readonly V[], signals: ReadonlyMap<string, string> = new Map(), timeS = 0): SimFrame {
  const col = (f: (v: V) => number) => Float64Array.from(vehicles, f);
  return new SimFrame({
    tick: Math.round(timeS * 10),
    timeS,
    ids: vehicles.map((v) => v.id),
    typeIds: vehicles.map(() => "passenger"),
    owners: vehicles.map(() => "local"),
    roles: Uint8Array.from(vehicles, (v) => v.role ?? 0),
    x: col((v) => v.x),
    y: col((v) => v.y),
    headingRad: col((v) => v.h ?? 0),
    speedMps: col((v) => v.v ?? 0),
    accelerationMps2: col(() => 0),
    halfLength: col((v) => (v.lengthM ?? 4) / 2),
    halfWidth: col((v) => (v.widthM ?? 2) / 2),
    heightM: col(() => 1.5),
    laneIds: vehicles.map(() => ""),
    signals,
    collisions: [],
    events: [],
  });
}

function state(
  x: number,
  y: number,
  headingRad: number,
  speedMps = 0,
  extra: Partial<VehicleState> = {},
): VehicleState {
  return {
    ...createVehicleState(),
    x,
    y,
    headingRad,
    speedMps,
    vxMps: speedMps * Math.cos(headingRad),
    vyMps: speedMps * Math.sin(headingRad),
    ...extra,
  };
}

/** An input on `net` with the ego (index `egoIndex` of `others`, or prepended) localised by the caller. */
function input(
  net: RoadNetwork,
  st: VehicleState,
  others: readonly V[],
  parts: Partial<ObservationInput> = {},
): ObservationInput {
  const frame = parts.frame ?? frameOf([{ id: "ego", x: st.x, y: st.y, h: st.headingRad, v: st.speedMps }, ...others]);
  const near = net.nearestLane(st.x, st.y, { includeInternal: true });
  return {
    net,
    frame,
    egoIndex: 0,
    ego: { state: st, jerkMps3: 0 },
    lane: near?.lane,
    laneS: near?.s ?? 0,
    laneT: near?.t ?? 0,
    routeRoads: [],
    routePositionM: Number.NaN,
    routeLengthM: Number.NaN,
    goal: null,
    events: emptyEvents(),
    stepsTaken: 0,
    maxSteps: null,
    ...parts,
  };
}

function config(parts: Partial<Record<keyof Observation, object>>): Observation {
  const c = standardObservation();
  for (const part of Object.values(c)) part.enabled = false;
  for (const [k, v] of Object.entries(parts)) Object.assign(c[k as keyof Observation], { enabled: true }, v);
  return c;
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    if (Math.abs(actual[i] - v) > 0.5 * 10 ** -digits)
      throw new Error(`element ${i}: expected ${v}, got ${actual[i]} (all: ${Array.from(actual).join(", ")})`);
  });
}

const straight = buildRoadNetwork(generateMap("straight", { lanes: 3, length: 200 }));
const intersection = buildRoadNetwork(generateMap("intersection", { lanes: 2, signals: true }));

describe("ObservationBuilder: ego", () => {
  it("reports pose, motion, lane coordinates, route and goal", () => {
    // On main_1 (centre lane, y = 0, heading 0) at x = 20, 0.5 m left of it, turned 0.1 rad left.
    const h = 0.1;
    const st = state(20, 0.5, h, 10, {
      accelerationMps2: 1.5,
      yawRateRadps: 0.2,
      steeringRad: -0.05,
      vxMps: 10 * Math.cos(h) - 0.3 * Math.sin(h),
      vyMps: 10 * Math.sin(h) + 0.3 * Math.cos(h),
    });
    const b = new ObservationBuilder(config({ ego: {} }));
    const { observation, info } = b.build(
      input(straight, st, [], {
        ego: { state: st, jerkMps3: 4 },
        routeRoads: [straight.road("main")!],
        routePositionM: 20,
        routeLengthM: 200,
        goal: { x: 200, y: 0 },
        stepsTaken: 30,
        maxSteps: 120,
      }),
    );
    const gx = 180 * Math.cos(h) - 0.5 * Math.sin(h);
    const gy = -180 * Math.sin(h) - 0.5 * Math.cos(h);
    const expected: Record<string, number> = {
      x: 20,
      y: 0.5,
      headingRad: h,
      speedMps: 10,
      lateralSpeedMps: 0.3,
      accelerationMps2: 1.5,
      jerkMps3: 4,
      yawRateRadps: 0.2,
      steeringRad: -0.05,
      onLane: 1,
      laneIndex: 1,
      laneCount: 3,
      inJunction: 0,
      laneS: 20,
      laneT: 0.5,
      laneHeadingErrorRad: h,
      laneWidthM: 3.2,
      speedLimitMps: 50 / 3.6,
      onRoute: 1,
      routePositionM: 20,
      routeLengthM: 200,
      routeRemainingM: 180,
      hasGoal: 1,
      goalX: gx,
      goalY: gy,
      goalDistanceM: Math.hypot(180, 0.5),
      stepsTaken: 30,
      stepsFraction: 0.25,
      goalLaneOffsetM: 0,
    };
    expect(Object.keys(expected)).toEqual(EGO_FEATURES.map((f) => f.name));
    expectClose(observation.ego!, Object.values(expected), 4);
    expect(info).toEqual({ roadId: "main", laneId: "main_1", neighbourIds: [], signal: null });
  });

  it("gives the goal's lane offset in the lane frame, only when the goal lies beside the ego's lane on its road", () => {
    // Ego on main_1 (y = 0) turned 0.3 rad left: the ego frame's goalY mixes in the heading, the lane frame does not.
    const st = state(20, 0.5, 0.3, 10);
    const b = new ObservationBuilder(config({ ego: {}, vector: {} }));
    const offset = (goal: { x: number; y: number } | null, lane = straight.road("main")!.lanes[1]) =>
      b.build(input(straight, st, [], { goal, lane })).observation.ego![E.goalLaneOffsetM];
    expect(offset({ x: 200, y: -3.2 })).toBeCloseTo(-3.2, 5); // the end of main_0, one lane right
    expect(offset({ x: 120, y: 3.2 })).toBeCloseTo(3.2, 5); // main_2, one lane left
    expect(offset({ x: 200, y: -3.2 }, straight.road("main")!.lanes[2])).toBeCloseTo(-6.4, 5); // two lanes right of main_2
    expect(offset({ x: 150, y: 0 })).toBeCloseTo(0, 5); // on the ego's lane
    expect(offset({ x: 230, y: -3.2 })).toBe(0); // past the lane's end: not beside it
    expect(offset({ x: 100, y: -9 })).toBe(0); // off the road's lanes
    expect(offset(null)).toBe(0);
    expect(
      b.build(input(straight, st, [], { goal: { x: 200, y: -3.2 }, lane: undefined })).observation.ego![
        E.goalLaneOffsetM
      ],
    ).toBe(0);
    // The vector carries it scaled by 8 m.
    const v = b.build(input(straight, st, [], { goal: { x: 200, y: -3.2 } }));
    const el = b.vectorLayout.find((e) => e.name === "goal.laneOffset")!;
    expect(v.observation.vector![el.offset]).toBeCloseTo(-0.4, 5);
  });

  it("writes 0 with a 0 flag for what is unknown (no lane, no route, no goal, NaN physics)", () => {
    const st = state(0, 500, 0, Number.NaN);
    const b = new ObservationBuilder(config({ ego: {} }));
    const ego = b.build(input(straight, st, [], { lane: undefined, routeLengthM: 300 })).observation.ego!;
    expect(ego[E.speedMps]).toBe(0);
    expect(ego[E.onLane]).toBe(0);
    expect(ego[E.laneIndex]).toBe(-1);
    expect(ego[E.laneS]).toBe(0);
    expect(ego[E.onRoute]).toBe(0);
    expect(ego[E.routeLengthM]).toBe(300);
    expect(ego[E.routeRemainingM]).toBe(0);
    expect(ego[E.hasGoal]).toBe(0);
    expect(ego[E.stepsFraction]).toBe(0);
    expect(observationSpace(b.config).contains({ ego })).toBe(true);
  });
});

describe("ObservationBuilder: neighbours", () => {
  // Ego at (10, 20) facing north: ego forward = world +y, ego left = world −x.
  const ego = state(10, 20, Math.PI / 2, 10);
  const others: V[] = [
    { id: "far", x: 10, y: 50.001 }, // 30.001 m: outside a 30 m radius
    { id: "ahead", x: 10, y: 30, h: Math.PI / 2, v: 12, lengthM: 5, widthM: 2.2, role: 1 }, // forward 10, left 0
    { id: "n-b", x: 5, y: 20, h: 0, v: 5 }, // forward 0, left 5 (west of a northbound ego is its left)
    { id: "edge", x: 40, y: 20, h: Math.PI, v: 0 }, // exactly 30 m, to the right: forward 0, left −30
    { id: "n-a", x: 13, y: 16, h: Math.PI / 2, v: 10, role: 2 }, // forward −4, left −3: 5 m, ties with n-b
  ];
  // Put the ego in the middle of the frame, so that skipping it by index is exercised.
  const vehicles: V[] = [...others.slice(0, 2), { id: "ego", x: 10, y: 20, h: Math.PI / 2, v: 10 }, ...others.slice(2)];
  const frame = frameOf(vehicles);
  const inp = input(straight, ego, [], { frame, egoIndex: 2 });

  it("lists vehicles within the radius, nearest first, ties by id, in the ego frame", () => {
    const b = new ObservationBuilder(config({ neighbours: { radiusM: 30, max: 8 } }));
    const { observation, info } = b.build(inp);
    expect(info.neighbourIds).toEqual(["n-a", "n-b", "ahead", "edge"]);
    const { features, mask } = observation.neighbours!;
    expect([...mask]).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    // x, y, distance, relHeading, speed, relVx, relVy, length, width, role
    expectClose(features.subarray(0, NB), [-4, -3, 5, 0, 10, 0, 0, 4, 2, 2]);
    expectClose(features.subarray(NB, 2 * NB), [0, 5, 5, -Math.PI / 2, 5, -10, -5, 4, 2, 0]);
    expectClose(features.subarray(2 * NB, 3 * NB), [10, 0, 10, 0, 12, 2, 0, 5, 2.2, 1]);
    expectClose(features.subarray(3 * NB, 4 * NB), [0, -30, 30, Math.PI / 2, 0, -10, 0, 4, 2, 0]);
    expect(features.subarray(4 * NB).every((v) => v === 0)).toBe(true);
  });

  it("caps the list at max (the nearest ones)", () => {
    const b = new ObservationBuilder(config({ neighbours: { radiusM: 30, max: 3 } }));
    const { observation, info } = b.build(inp);
    expect(info.neighbourIds).toEqual(["n-a", "n-b", "ahead"]);
    expect([...observation.neighbours!.mask]).toEqual([1, 1, 1]);
    expect(observation.neighbours!.features[2 * NB + N.x]).toBeCloseTo(10, 5);
  });

  it("cuts off at the radius", () => {
    const b = new ObservationBuilder(config({ neighbours: { radiusM: 9.99, max: 8 } }));
    expect(b.build(inp).info.neighbourIds).toEqual(["n-a", "n-b"]);
    const wide = new ObservationBuilder(config({ neighbours: { radiusM: 30.002, max: 8 } }));
    expect(wide.build(inp).info.neighbourIds).toEqual(["n-a", "n-b", "ahead", "edge", "far"]);
  });

  it("keeps all vehicles with egoIndex −1 (an ego not in the frame)", () => {
    const b = new ObservationBuilder(config({ neighbours: { radiusM: 1, max: 8 } }));
    expect(b.build({ ...inp, egoIndex: -1 }).info.neighbourIds).toEqual(["ego"]);
  });
});

describe("ObservationBuilder: waypoints", () => {
  const lookahead = 50;
  const cfg = config({ waypoints: { lookahead, spacingM: 1 } });

  /** Points of path `p` that are present, as [x, y, relHeading, speedLimit, width] rows. */
  function pathRows(points: Float32Array, mask: Uint8Array, p: number): number[][] {
    const rows: number[][] = [];
    for (let j = 0; j < lookahead; j++) {
      if (!mask[p * lookahead + j]) {
        expect(points.subarray((p * lookahead + j) * WP, (p * lookahead + j + 1) * WP).every((v) => v === 0)).toBe(
          true,
        );
        continue;
      }
      rows.push([...points.subarray((p * lookahead + j) * WP, (p * lookahead + j + 1) * WP)]);
    }
    return rows;
  }

  it("gives the right lane, the ego's lane and the left lane, in the ego frame, on a straight road", () => {
    const st = state(20, 0, 0, 10);
    const { points, mask } = new ObservationBuilder(cfg).build(
      input(straight, st, [], { routeRoads: [straight.road("main")!] }),
    ).observation.waypoints!;
    const limit = 50 / 3.6;
    for (const [p, y] of [
      [0, -3.2],
      [1, 0],
      [2, 3.2],
    ]) {
      const rows = pathRows(points, mask, p);
      expect(rows).toHaveLength(50);
      rows.forEach((r, j) => expectClose(r, [j, y, 0, limit, 3.2]));
    }
  });

  it("rotates and shifts points into the ego frame and stops at the road's end", () => {
    // 0.5 m left of main_0's centreline at x = 180, turned 0.1 rad left: 21 points (s = 180…200) remain.
    const h = 0.1;
    const st = state(180, -2.7, h, 10);
    const { points, mask } = new ObservationBuilder(cfg).build(input(straight, st, [])).observation.waypoints!;
    expect(pathRows(points, mask, 0)).toHaveLength(0); // no lane right of main_0
    const rows = pathRows(points, mask, 1);
    expect(rows).toHaveLength(21);
    rows.forEach((r, j) => {
      const dx = j,
        dy = -0.5;
      expectClose(r, [dx * Math.cos(h) + dy * Math.sin(h), -dx * Math.sin(h) + dy * Math.cos(h), -h, 50 / 3.6, 3.2]);
    });
    expect(pathRows(points, mask, 2)).toHaveLength(21); // main_1
    expect(pathRows(points, mask, 2)[0][W.y]).toBeCloseTo(-Math.sin(h) * 0 + 2.7 * Math.cos(h), 4);
  });

  it("follows the route through a junction, as waypointPaths does", () => {
    // West approach, left lane, 10 m before the stop line, turning left onto north_out.
    const lane = intersection.lane("west_in_1")!;
    const p = lane.toWorld(90);
    const st = state(p.x, p.y, p.headingRad, 8);
    const route = [intersection.road("west_in")!, intersection.road("north_out")!];
    const { observation } = new ObservationBuilder(cfg).build(input(intersection, st, [], { routeRoads: route }));
    const { points, mask } = observation.waypoints!;
    const expected = waypointPaths(intersection, lane, 90, route, { spacingM: 1, count: lookahead });
    // waypointPaths: [west_in_0, west_in_1]; ours: [right = west_in_0, ego = west_in_1, left = none].
    for (const [slot, path] of [
      [0, expected[0]],
      [1, expected[1]],
    ] as const) {
      const rows = pathRows(points, mask, slot);
      expect(rows).toHaveLength(path.length);
      // Ego at (p.x, p.y) heading east (0): ego frame = world shifted.
      rows.forEach((r, j) => expectClose(r.slice(0, 2), [path[j].x - p.x, path[j].y - p.y], 3));
    }
    expect(pathRows(points, mask, 0)).toHaveLength(11); // west_in_0 cannot reach north_out: it ends at the stop line
    expect(pathRows(points, mask, 1)).toHaveLength(50);
    expect(pathRows(points, mask, 2)).toHaveLength(0);
  });

  it("gives a single path (the ego's slot) inside a junction", () => {
    const lane = intersection.lane(":centre_10_1")!;
    const p = lane.toWorld(5);
    const st = state(p.x, p.y, p.headingRad, 8);
    const { points, mask } = new ObservationBuilder(cfg).build(
      input(intersection, st, [], { lane, laneS: 5, laneT: 0 }),
    ).observation.waypoints!;
    expect(pathRows(points, mask, 0)).toHaveLength(0);
    expect(pathRows(points, mask, 1)).toHaveLength(50);
    expect(pathRows(points, mask, 2)).toHaveLength(0);
  });
});

describe("ObservationBuilder: road waypoints", () => {
  it("gives each lane of the current road by lane index, following its lane regardless of the route", () => {
    const horizon = 30;
    const cfg = config({ roadWaypoints: { horizon } });
    cfg.waypoints.spacingM = 2;
    const lane = intersection.lane("west_in_0")!;
    const p = lane.toWorld(80);
    const st = state(p.x, p.y, p.headingRad, 8);
    const route = [intersection.road("west_in")!, intersection.road("south_out")!];
    const { points, mask } = new ObservationBuilder(cfg).build(input(intersection, st, [], { routeRoads: route }))
      .observation.roadWaypoints!;
    for (let k = 0; k < 5; k++) {
      const present = [...mask.subarray(k * horizon, (k + 1) * horizon)].filter(Boolean).length;
      if (k >= 2) {
        expect(present).toBe(0);
        continue;
      }
      const expected = waypointPaths(intersection, lane, 80, [], { spacingM: 2, count: horizon })[k];
      expect(present).toBe(expected.length);
      // Straight on through the junction (not the route's right turn): the last point is on east_out.
      expect(expected[expected.length - 1].laneId).toBe(`east_out_${k}`);
      expected.forEach((w, j) =>
        expectClose(points.subarray((k * horizon + j) * WP, (k * horizon + j) * WP + 2), [w.x - p.x, w.y - p.y], 3),
      );
    }
  });
});

describe("ObservationBuilder: signals", () => {
  const program = intersection.signals.get("centre")!;
  const stateAt = (phase: number) => new Map([["centre", program.phases[phase].state]]);
  const westIn = intersection.road("west_in")!;

  function signalOf(
    laneId: string,
    s: number,
    route: string[],
    signals: ReadonlyMap<string, string>,
    lookaheadM = 100,
  ) {
    const lane = intersection.lane(laneId)!;
    const p = lane.toWorld(s);
    const st = state(p.x, p.y, p.headingRad, 8);
    const frame = frameOf([{ id: "ego", x: p.x, y: p.y, h: p.headingRad }], signals);
    const b = new ObservationBuilder(config({ signals: { lookaheadM } }));
    return b.build(
      input(intersection, st, [], {
        frame,
        lane,
        laneS: s,
        laneT: 0,
        routeRoads: route.map((id) => intersection.road(id)!),
      }),
    );
  }

  it("reports the distance to the stop line and the state of the link the route takes", () => {
    // Phase 0: east–west green. west_in_1 → east_out_1 is link 14 ('G').
    const r = signalOf("west_in_1", 60, ["west_in", "east_out"], stateAt(0));
    expectClose(r.observation.signals!, [1, 40, 1, 0, 0, 0]);
    expect(r.info.signal).toEqual({ tlId: "centre", linkIndex: 14, state: "G" });
    expect(westIn.lanes[1].centreline.length).toBeCloseTo(100, 9);
  });

  it("maps yellow and red to stop, a permissive green to yield, and an unknown light to off", () => {
    expectClose(
      signalOf("west_in_1", 60, ["west_in", "east_out"], stateAt(1)).observation.signals!,
      [1, 40, 0, 0, 1, 0],
    );
    expectClose(
      signalOf("west_in_1", 60, ["west_in", "east_out"], stateAt(3)).observation.signals!,
      [1, 40, 0, 0, 1, 0],
    );
    // The left turn (link 15) is 'g' in phase 0: it must yield to oncoming traffic.
    const left = signalOf("west_in_1", 60, ["west_in", "north_out"], stateAt(0));
    expectClose(left.observation.signals!, [1, 40, 0, 1, 0, 0]);
    expect(left.info.signal?.linkIndex).toBe(15);
    expectClose(
      signalOf("west_in_1", 60, ["west_in", "east_out"], new Map()).observation.signals!,
      [1, 40, 0, 0, 0, 1],
    );
  });

  it("uses the lane's own straight link when the lane cannot take the route", () => {
    // west_in_0 has no link to north_out: its straight link 13 governs it.
    const r = signalOf("west_in_0", 10, ["west_in", "north_out"], stateAt(0));
    expectClose(r.observation.signals!, [1, 90, 1, 0, 0, 0]);
    expect(r.info.signal?.linkIndex).toBe(13);
  });

  it("reports none beyond the lookahead and none once inside the junction", () => {
    expectClose(
      signalOf("west_in_1", 60, ["west_in", "east_out"], stateAt(0), 39.5).observation.signals!,
      [0, 39.5, 0, 0, 0, 0],
    );
    const inside = signalOf(":centre_10_1", 3, ["west_in", "east_out"], stateAt(0));
    expectClose(inside.observation.signals!, [0, 100, 0, 0, 0, 0]);
    expect(inside.info.signal).toBeNull();
  });
});

describe("ObservationBuilder: events", () => {
  it("writes the flags as 0/1 and counts via points hit", () => {
    const st = state(20, 0, 0);
    const events = { ...emptyEvents(), collision: true, wrongWay: true, reachedMaxSteps: true, viaPointsHit: [0, 2] };
    const out = new ObservationBuilder(config({ events: {} })).build(input(straight, st, [], { events })).observation
      .events!;
    expect([...out]).toEqual([1, 0, 0, 0, 1, 0, 0, 1, 2]);
  });
});

describe("ObservationBuilder: vector", () => {
  it("has the layout's length, elements in [−1, 1], and the documented values", () => {
    const st = state(20, 0, 0, 15);
    const b = new ObservationBuilder(standardObservation());
    const { observation } = b.build(
      input(
        straight,
        st,
        [
          { id: "a", x: 45, y: 3.2, v: 9 },
          { id: "b", x: 200, y: 0 },
        ],
        {
          routeRoads: [straight.road("main")!],
          routePositionM: 20,
          routeLengthM: 200,
          goal: { x: 200, y: 0 },
          events: { ...emptyEvents(), offRoute: true },
          stepsTaken: 10,
          maxSteps: 40,
        },
      ),
    );
    const v = observation.vector!;
    expect(v.length).toBe(b.vectorLayout.length);
    expect(v.every((x) => x >= -1 && x <= 1)).toBe(true);
    const at = (name: string) => {
      const e = b.vectorLayout.find((el) => el.name === name);
      if (!e) throw new Error(`no element ${name}`);
      return v[e.offset];
    };
    expect(at("ego.speed")).toBeCloseTo(0.5, 6);
    expect(at("ego.laneIndex")).toBeCloseTo(0.25, 6);
    expect(at("ego.laneCount")).toBeCloseTo(0.6, 6);
    expect(at("route.progress")).toBeCloseTo(0.1, 6);
    expect(at("route.remaining")).toBeCloseTo(0.18, 6);
    expect(at("goal.dirX")).toBeCloseTo(1, 6);
    expect(at("goal.distance")).toBeCloseTo(0.18, 6);
    expect(at("steps.fraction")).toBeCloseTo(0.25, 6);
    expect(at("neighbours[0].present")).toBe(1);
    expect(at("neighbours[0].x")).toBeCloseTo(0.5, 6); // 25 m ahead / 50 m radius
    expect(at("neighbours[0].y")).toBeCloseTo(0.064, 6);
    expect(at("neighbours[0].relVx")).toBeCloseTo(-0.2, 6); // (9 − 15) / 30
    expect(at("neighbours[0].cosRelHeading")).toBeCloseTo(1, 6);
    expect(at("neighbours[0].length")).toBeCloseTo(0.4, 6);
    expect(at("neighbours[1].present")).toBe(0); // "b" is 180 m away
    expect(at("neighbours[1].cosRelHeading")).toBe(0);
    expect(at("waypoints[1][0].present")).toBe(1);
    expect(at("waypoints[1][9].x")).toBeCloseTo(1, 6); // point 49: 49 m ahead, scale 49 m
    expect(at("waypoints[2][9].y")).toBeCloseTo(3.2 / 49, 6);
    expect(at("waypoints[0][9].present")).toBe(1);
    expect(at("events.offRoute")).toBe(1);
    expect(at("events.collision")).toBe(0);
  });

  it("clips large values to ±1", () => {
    const st = state(20, 0, 0, 100, { accelerationMps2: -50 });
    const b = new ObservationBuilder(standardObservation());
    const v = b.build(input(straight, st, [])).observation.vector!;
    expect(v[b.vectorLayout.find((e) => e.name === "ego.speed")!.offset]).toBe(1);
    expect(v[b.vectorLayout.find((e) => e.name === "ego.acceleration")!.offset]).toBe(-1);
  });
});

describe("ObservationBuilder: spaces and buffers", () => {
  const map = new DrivableAreaMap(intersection);
  const full = fullObservation();
  for (const g of [full.drivableArea, full.occupancy, full.rgb])
    Object.assign(g, { width: 24, height: 16, resolutionM: 0.5 });
  full.lidar.rays = 32;
  full.roadWaypoints.horizon = 7;

  /** Random scenes with odd states: off lanes, extreme values, NaN physics, no ego in the frame. */
  function scenes(): ObservationInput[] {
    const rng = new Rng("observation-space");
    return benchmarkScenes(40, 40, intersection).map((inp, i) => {
      const st = {
        ...inp.ego.state,
        speedMps: rng.range(-5, 60),
        accelerationMps2: i % 7 === 0 ? Number.NaN : rng.range(-30, 30),
        yawRateRadps: rng.range(-3, 3),
        headingRad: rng.range(-10, 10),
      };
      return {
        ...inp,
        ego: { state: st, jerkMps3: rng.range(-500, 500) },
        drivableArea: map,
        lane: i % 5 === 0 ? undefined : inp.lane,
        laneT: rng.range(-3, 3),
        egoIndex: i % 9 === 0 ? -1 : 0,
        goal: i % 4 === 0 ? null : inp.goal,
        routePositionM: i % 3 === 0 ? Number.NaN : inp.routePositionM,
        maxSteps: i % 2 === 0 ? null : 50,
        events: { ...emptyEvents(), collision: i % 2 === 0, viaPointsHit: i % 6 === 0 ? [1] : [] },
      };
    });
  }

  it("every observation lies in observationSpace(config), for the standard and the full config", () => {
    for (const cfg of [standardObservation(), full]) {
      const space = observationSpace(cfg);
      const b = new ObservationBuilder(cfg);
      for (const inp of scenes()) {
        const { observation } = b.build(inp);
        expect(space.check(observation, "observation")).toBeUndefined();
      }
    }
  });

  it("samples of the space have the shapes and array types the builder emits", () => {
    const space = observationSpace(full);
    const built = new ObservationBuilder(full).build(scenes()[1]).observation as Record<string, unknown>;
    const sample = space.sample(new Rng("sample")) as Record<string, unknown>;
    const shape = (v: unknown): unknown =>
      ArrayBuffer.isView(v)
        ? `${v.constructor.name}[${(v as Float32Array).length}]`
        : Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, shape(x)]));
    expect(shape(sample)).toEqual(shape(built));
    expect(Object.keys(built)).toEqual(Object.keys(full));
  });

  it("with reuseBuffers returns the same arrays holding what a fresh builder computes", () => {
    const fresh = new ObservationBuilder(full);
    const reused = new ObservationBuilder(full, { reuseBuffers: true });
    let first: unknown;
    for (const inp of scenes().slice(0, 10)) {
      const a = fresh.build(inp).observation;
      const b = reused.build(inp).observation;
      first ??= b.waypoints;
      expect(b.waypoints).toBe(first);
      expect(b).toEqual(a);
    }
  });

  it("fresh builds never share arrays", () => {
    const b = new ObservationBuilder(standardObservation());
    const [s1, s2] = scenes();
    expect(b.build(s1).observation.vector).not.toBe(b.build(s2).observation.vector);
  });

  it("asks for the drivable-area map when a raster needs it", () => {
    const b = new ObservationBuilder(config({ rgb: { width: 8, height: 8, resolutionM: 1 } }));
    expect(() => b.build(input(straight, state(20, 0, 0), []))).toThrow(/drivableArea map/);
  });

  it("renders the grids and the lidar through the sensors (ego-centred: row 0 ahead, column 0 left)", () => {
    const cfg = config({
      drivableArea: { width: 8, height: 8, resolutionM: 1 },
      occupancy: { width: 8, height: 8, resolutionM: 1 },
      lidar: { rays: 4, rangeM: 20 },
    });
    const smap = new DrivableAreaMap(straight);
    // Ego on main_0 (y = −3.2) heading east; a vehicle 3 m ahead.
    const st = state(100, -3.2, 0);
    const { observation } = new ObservationBuilder(cfg).build(
      input(straight, st, [{ id: "a", x: 103, y: -3.2, lengthM: 2, widthM: 2 }], { drivableArea: smap }),
    );
    // Occupancy: the 2 × 2 m box spans forward 2..4 m, left −1..1 m: rows 4 − f ∈ [0, 2) → 0..1, columns 4 − l ∈ [3, 5) → 3..4.
    const occ = [...observation.occupancy!];
    const cells = occ.flatMap((v, i) => (v ? [`${Math.floor(i / 8)},${i % 8}`] : []));
    expect(cells).toEqual(["0,3", "0,4", "1,3", "1,4"]);
    // Drivable: the road spans y ∈ [−4.8, 4.8]; ego at y = −3.2: 1.6 m of road on the right, all of it on the left.
    const drivable = observation.drivableArea!;
    expect([...drivable.subarray(0, 8)]).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
    // Lidar: ray 0 ahead hits the box at 2 m; ray 3 (right) hits the road edge ~1.6 m away.
    const { distances, kinds } = observation.lidar!;
    expect(distances[0]).toBeCloseTo(2, 5);
    expect(kinds[0]).toBe(1);
    expect(kinds[3]).toBe(2);
    expect(distances[3]).toBeGreaterThan(1.4);
    expect(distances[3]).toBeLessThan(2.0);
  });
});
