import { describe, expect, it } from "vitest";
import { junctionNetwork } from "../../test/handNetworks.js";
import { Rng } from "../random/Rng.js";
import { buildRoadNetwork } from "./RoadNetwork.js";
import { planRoute } from "./planRoute.js";
import { waypointPaths } from "./waypointPaths.js";

const net = buildRoadNetwork(junctionNetwork());

describe("RoadNetwork", () => {
  it("indexes roads and lanes and links the lane graph through connectors", () => {
    expect(net.road("A")!.lanes.map((l) => l.id)).toEqual(["A_0", "A_1"]);
    expect(net.lane("A_1")!.successors.map((l) => l.id)).toEqual([":J1_1_0", ":J1_2_0"]);
    expect(net.lane(":J1_2_0")!.successors.map((l) => l.id)).toEqual(["C_0"]);
    expect(net.lane("C_0")!.predecessors.map((l) => l.id)).toEqual([":J1_2_0"]);
    expect(net.road("A")!.successors.map((r) => r.id)).toEqual(["B", "C"]);
    expect(net.lane("A_1")!.right!.id).toBe("A_0");
    expect(net.lane("A_1")!.left).toBeUndefined();
    expect(net.connectorPath(net.lane("A_1")!, net.lane("C_0")!)!.map((l) => l.id)).toEqual([":J1_2_0"]);
    expect(net.connectorPath(net.lane("A_0")!, net.lane("C_0")!)).toBeUndefined();
  });

  it("rejects connections to missing lanes, naming them", () => {
    const spec = junctionNetwork();
    spec.connections.push({ fromLane: "A_0", toLane: "Z_0" });
    expect(() => buildRoadNetwork(spec)).toThrow(/"Z_0" does not exist/);
  });

  it("answers nearest-lane queries with lane coordinates", () => {
    const q = net.nearestLane(40, 2.5)!;
    expect(q.lane.id).toBe("A_1");
    expect(q.s).toBeCloseTo(40, 9);
    expect(q.t).toBeCloseTo(0.9, 9);
    expect(net.nearestLane(40, -2.5)!.t).toBeCloseTo(-0.9, 9);
    expect(net.nearestLane(108, 60)!.lane.id).toBe("C_0");
    expect(net.nearestLane(105, -1.7, { includeInternal: false })!.lane.id).not.toMatch(/^:/);
    expect(net.nearestLane(105, -1.7)!.lane.id).toBe(":J1_0_0");
    expect(net.nearestLane(40, 2.5, { maxDistM: 0.5 })).toBeUndefined();
  });

  it("agrees with brute force on nearest-lane queries everywhere, including far outside", () => {
    const rng = new Rng(12345);
    const rand = () => rng.next();
    for (let i = 0; i < 3000; i++) {
      const x = -100 + rand() * 400;
      const y = -100 + rand() * 700;
      let best = Infinity;
      for (const lane of net.laneList) best = Math.min(best, lane.toLane(x, y).distanceM);
      expect(net.nearestLane(x, y)!.distanceM).toBeCloseTo(best, 9);
    }
  });
});

describe("planRoute", () => {
  it("finds routes through junctions and fails on unreachable roads", () => {
    expect(planRoute(net, "A", "C")!.roads.map((r) => r.id)).toEqual(["A", "C"]);
    const ab = planRoute(net, "A", "B")!;
    expect(ab.roads.map((r) => r.id)).toEqual(["A", "B"]);
    expect(ab.lengthM).toBeCloseTo(100 + 10 + 100, 9);
    expect(planRoute(net, "A", "D")).toBeUndefined();
    expect(planRoute(net, "B", "A")).toBeUndefined();
    expect(planRoute(net, "A", "A")!.roads.map((r) => r.id)).toEqual(["A"]);
    expect(() => planRoute(net, "A", ":J1_0")).toThrow(/not a road/);
  });
});

describe("waypointPaths", () => {
  it("gives one path per lane, evenly spaced across junction joints, following the route", () => {
    const route = planRoute(net, "A", "C")!.roads;
    const paths = waypointPaths(net, net.lane("A_0")!, 90, route, { count: 40 });
    expect(paths).toHaveLength(2);
    // Lane 0 cannot reach C: its path ends at the end of A.
    expect(paths[0].map((w) => w.laneId).at(-1)).toBe("A_0");
    expect(paths[0]).toHaveLength(11);
    // Lane 1 turns left through the connector onto C.
    const p1 = paths[1];
    expect(p1).toHaveLength(40);
    expect(new Set(p1.map((w) => w.laneId))).toEqual(new Set(["A_1", ":J1_2_0", "C_0"]));
    for (let i = 1; i < p1.length; i++) {
      expect(Math.hypot(p1[i].x - p1[i - 1].x, p1[i].y - p1[i - 1].y)).toBeGreaterThan(0.99);
      expect(Math.hypot(p1[i].x - p1[i - 1].x, p1[i].y - p1[i - 1].y)).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(p1.at(-1)!.headingRad).toBeCloseTo(Math.PI / 2, 9);
  });

  it("goes straight on without a route", () => {
    const [, p1] = waypointPaths(net, net.lane("A_1")!, 95, [], { count: 30 });
    expect(p1.at(-1)!.laneId).toBe("B_1");
  });
});
