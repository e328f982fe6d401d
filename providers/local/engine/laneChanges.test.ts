import { describe, expect, it } from "vitest";
import { generateMap } from "../../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../../../core/road/RoadNetwork.js";
import type { Driver, Flow, Trip } from "../../../spec/CompiledScenario.js";
import { maxLateralAngle } from "./integrate.js";
import { driver, flow, makeSetup, route, Runner, vehicleAt } from "../testing.js";

const twoLanes = buildRoadNetwork(generateMap("straight", { lanes: 2, length: 1000 }));

function trip(
  name: string,
  lane: number,
  offsetM: number,
  speed: number,
  driverName: string,
  vehicle = "passenger",
): Trip {
  return {
    name,
    route: route(["main"], lane, offsetM),
    departS: 0,
    vehicle,
    driver: driverName,
    departSpeedMps: speed,
  };
}

/** Position along the (straight, eastward) road of vehicle `id` (m). */
function sOf(r: Runner, net: RoadNetwork, id: string): number {
  const v = r.vehicle(id)!;
  return net.lane("main_0")!.toLane(v.x, v.y).s;
}

describe("MOBIL lane changes", () => {
  it("a fast car overtakes a slow one on a two-lane road, then keeps right again", () => {
    const drivers: Driver[] = [driver("slow", { speedFactor: 0.4 })];
    const r = new Runner(
      makeSetup(
        twoLanes,
        { trips: [trip("slow", 0, 150, 5.5, "slow"), trip("fast", 0, 30, 13, "default")] },
        { drivers },
      ),
    );
    const lanes: string[] = [];
    r.run(600, () => {
      const lane = r.vehicle("fast")?.laneId;
      if (lane && lanes[lanes.length - 1] !== lane) lanes.push(lane);
      expect(r.overlaps()).toEqual([]);
    });
    expect(lanes).toEqual(["main_0", "main_1", "main_0"]); // out to pass, back in after
    expect(sOf(r, twoLanes, "fast")).toBeGreaterThan(sOf(r, twoLanes, "slow") + 20);
  });

  it("a long body turns less while it changes lanes: its tail stays out of the lane on its other side", () => {
    // A bus overtakes a slow car at walking pace (its lateral motion spread over the shortest
    // distance, so the steepest angle the profile asks for), then keeps right again.
    const drivers: Driver[] = [driver("slow", { speedFactor: 0.1 })];
    const r = new Runner(
      makeSetup(
        twoLanes,
        { trips: [trip("slow", 0, 60, 1, "slow"), trip("bus", 0, 30, 3, "default", "bus")] },
        { drivers },
      ),
    );
    let worst = 0;
    const lanes = new Set<string>();
    r.run(900, () => {
      const bus = r.vehicle("bus");
      if (!bus) return;
      lanes.add(bus.laneId);
      worst = Math.max(worst, Math.abs(bus.headingRad)); // the road runs east: heading 0
    });
    expect(lanes).toEqual(new Set(["main_0", "main_1"]));
    expect(worst).toBeGreaterThan(0.05);
    expect(worst).toBeLessThanOrEqual(maxLateralAngle(3.5) + 1e-9);
    // 0.5 m of swing at the far end: a bus (3.5 m each way) about 8°, a car about 16°, capped at 20°.
    expect(maxLateralAngle(3.5)).toBeCloseTo(Math.asin(0.5 / 3.5), 12);
    expect(maxLateralAngle(1.84)).toBeCloseTo(Math.asin(0.5 / 1.84), 12);
    expect(maxLateralAngle(1)).toBe(0.35);
  });

  /**
   * Car C follows a slow car on lane 0; fast car F comes up on lane 1. C changing now would make F
   * brake (about −2 m/s², within b_safe = 4): a selfish driver (p = 0) changes anyway, a
   * polite one (p = 1) waits until F has passed.
   */
  function politenessRun(politeness: number): { changedBeforeFPassed: boolean; minAccelF: number } {
    const drivers: Driver[] = [
      driver("slow", { speedFactor: 0.43 }),
      driver("fast", { speedFactor: 1.5 }),
      driver("c", { politeness }),
    ];
    const r = new Runner(
      makeSetup(
        twoLanes,
        { trips: [trip("S", 0, 120, 6, "slow"), trip("C", 0, 80, 13, "c"), trip("F", 1, 15, 20, "fast")] },
        { drivers },
      ),
    );
    let changedBeforeFPassed: boolean | null = null;
    let minAccelF = 0;
    r.run(400, () => {
      expect(r.overlaps()).toEqual([]);
      const c = r.vehicle("C")!;
      minAccelF = Math.min(minAccelF, r.vehicle("F")!.accelerationMps2);
      if (changedBeforeFPassed === null && c.laneId === "main_1")
        changedBeforeFPassed = sOf(r, twoLanes, "F") < sOf(r, twoLanes, "C");
    });
    expect(changedBeforeFPassed).not.toBeNull(); // C overtakes S either way
    return { changedBeforeFPassed: changedBeforeFPassed!, minAccelF };
  }

  it("a selfish driver (politeness 0) cuts in front of a faster car, which brakes", () => {
    const selfish = politenessRun(0);
    expect(selfish.changedBeforeFPassed).toBe(true);
    expect(selfish.minAccelF).toBeLessThan(-1);
    expect(selfish.minAccelF).toBeGreaterThanOrEqual(-4 - 1e-9); // never beyond b_safe
  });

  it("a polite driver (politeness 1) lets the faster car pass first", () => {
    const polite = politenessRun(1);
    expect(polite.changedBeforeFPassed).toBe(false);
    expect(polite.minAccelF).toBeGreaterThan(-0.5);
  });
});

describe("strategic lane changes", () => {
  /** Runs a flow and records, per vehicle, the roads it was seen on; checks no overlaps on the way. */
  function roadsSeen(net: RoadNetwork, flows: Flow[], steps: number): Map<string, Set<string>> {
    const r = new Runner(makeSetup(net, { flows }, { seed: 4 }));
    const seen = new Map<string, Set<string>>();
    r.run(steps, () => {
      expect(r.overlaps()).toEqual([]);
      for (const v of r.vehicles) {
        const road = net.lane(v.laneId)!.road.id;
        if (!seen.has(v.id)) seen.set(v.id, new Set());
        seen.get(v.id)!.add(road);
      }
    });
    return seen;
  }

  it("ramp traffic leaves the ending acceleration lane for the main road (merge)", () => {
    const net = buildRoadNetwork(generateMap("merge", {}));
    const seen = roadsSeen(
      net,
      [
        flow({
          name: "main",
          route: route(["main_in", "merge", "main_out"], "random", 0),
          spawn: { kind: "rate", ratePerHour: 1200 },
          endS: 60,
        }),
        flow({
          name: "ramp",
          route: route(["ramp_in", "merge", "main_out"], 0, 0),
          spawn: { kind: "rate", ratePerHour: 600 },
          endS: 60,
        }),
      ],
      1200,
    );
    const ramp = [...seen].filter(([id]) => id.startsWith("ramp-"));
    expect(ramp.length).toBeGreaterThanOrEqual(9);
    for (const [id, roads] of ramp) expect(roads.has("main_out"), `${id} reached main_out`).toBe(true);
  });

  it("weaving traffic crosses over to its exit (double merge)", () => {
    const net = buildRoadNetwork(generateMap("double_merge", {}));
    const seen = roadsSeen(
      net,
      [
        flow({
          name: "to_exit",
          route: route(["main_in", "weave", "ramp_out"], 1, 0),
          spawn: { kind: "rate", ratePerHour: 600 },
          endS: 60,
        }),
        flow({
          name: "to_main",
          route: route(["ramp_in", "weave", "main_out"], 0, 0),
          spawn: { kind: "rate", ratePerHour: 600 },
          endS: 60,
        }),
      ],
      1500,
    );
    expect(seen.size).toBeGreaterThanOrEqual(18);
    for (const [id, roads] of seen)
      expect(roads.has(id.startsWith("to_exit") ? "ramp_out" : "main_out"), `${id} reached its exit`).toBe(true);
  });

  it("does not change lanes into the gap in front of an agent close behind (agents may not yield)", () => {
    /** Lanes of traffic car "a", standing behind a standing agent, with another agent `behindM` behind it on the free lane. */
    const lanesOfA = (behindM: number): Set<string> => {
      const r = new Runner(makeSetup(twoLanes, { trips: [trip("a", 1, 100, 0, "default")] }));
      const len = 3.68;
      r.extra = [
        vehicleAt(twoLanes, "main_1", 100 + len + 2, { id: "stopped" }),
        vehicleAt(twoLanes, "main_0", 100 - len - behindM, { id: "learner" }),
      ];
      const lanes = new Set<string>();
      r.run(60, () => lanes.add(r.vehicle("a")!.laneId));
      return lanes;
    };
    expect(lanesOfA(3)).toEqual(new Set(["main_1"]));
    // With the agent further back, the same car goes round the standing one.
    expect(lanesOfA(30).has("main_0")).toBe(true);
  });
});
