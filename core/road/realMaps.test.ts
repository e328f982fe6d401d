/**
 * The runtime network's queries on the real SMARTS maps: lane coordinates, nearest lanes, routes
 * and waypoint paths where geometry is messy (curves, internal lanes, overlapping connectors).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { buildRoadNetwork } from "./RoadNetwork.js";
import { planRoute } from "./planRoute.js";
import { loadSumoNet } from "./sumo/loadSumoNet.js";
import { waypointPaths } from "./waypointPaths.js";

const load = (name: string) =>
  buildRoadNetwork(loadSumoNet(join(import.meta.dirname, `../../maps/smarts/${name}/map.net.xml`)));

function uniform(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

describe("real maps", () => {
  const minicity = load("minicity");

  it("round-trips lane coordinates on every minicity lane", () => {
    const rand = uniform(7);
    let tried = 0;
    let checked = 0;
    for (const lane of minicity.laneList) {
      if (lane.centreline.length < 0.5) continue;
      // Stay clear of bends: on a polyline's outer corner several (s, t) map to one point.
      for (let k = 0; k < 3; k++) {
        const seg = Math.floor(rand() * (lane.centreline.size - 1));
        const s0 = lane.centreline.cum[seg];
        const segLen = lane.centreline.cum[seg + 1] - s0;
        if (segLen < 1) continue;
        const s = s0 + segLen * (0.25 + 0.5 * rand());
        const t = (rand() - 0.5) * 0.2 * segLen;
        const w = lane.toWorld(s, t);
        const back = lane.toLane(w.x, w.y);
        tried++;
        // Where another part of a tightly bent lane is nearer, the point belongs to that part.
        if (back.segment === seg) {
          checked++;
          expect(back.s).toBeCloseTo(s, 6);
          expect(back.t).toBeCloseTo(t, 6);
        }
      }
    }
    expect(checked).toBeGreaterThan(0.95 * tried);
  });

  it("answers nearest-lane queries exactly as brute force does", () => {
    const rand = uniform(99);
    for (let i = 0; i < 400; i++) {
      const lane = minicity.laneList[Math.floor(rand() * minicity.laneList.length)];
      const p = lane.toWorld(rand() * lane.centreline.length, (rand() - 0.5) * 10);
      let best = Infinity;
      for (const l of minicity.laneList) best = Math.min(best, l.toLane(p.x, p.y).distanceM);
      expect(minicity.nearestLane(p.x, p.y)!.distanceM).toBeCloseTo(best, 9);
    }
  });

  it("routes the Double Merge missions and lays waypoints along them", () => {
    const net = load("paper-double_merge-cross");
    const route = planRoute(net, "gneE17", "gneE5")!;
    expect(route.roads[0].id).toBe("gneE17");
    expect(route.roads.at(-1)!.id).toBe("gneE5");
    expect(route.lengthM).toBeGreaterThan(net.road("gneE17")!.lengthM);
    const start = net.lane("gneE17_0")!;
    const paths = waypointPaths(net, start, 10, route.roads, { count: 400 });
    expect(paths).toHaveLength(start.road.lanes.length);
    const longest = paths.reduce((a, b) => (b.length > a.length ? b : a));
    // The path reaches the destination road, evenly spaced throughout.
    expect(longest.some((w) => w.laneId.startsWith("gneE5_"))).toBe(true);
    for (let i = 1; i < longest.length; i++) {
      const d = Math.hypot(longest[i].x - longest[i - 1].x, longest[i].y - longest[i - 1].y);
      expect(d).toBeLessThanOrEqual(1 + 1e-6);
      expect(d).toBeGreaterThan(0.9);
    }
  });

  it("routes across minicity and every consecutive road pair is connected", () => {
    const roads = minicity.normalRoads();
    const rand = uniform(3);
    let found = 0;
    for (let i = 0; i < 50; i++) {
      const a = roads[Math.floor(rand() * roads.length)];
      const b = roads[Math.floor(rand() * roads.length)];
      const route = planRoute(minicity, a.id, b.id);
      if (!route) continue;
      found++;
      for (let k = 0; k + 1 < route.roads.length; k++) expect(route.roads[k].successors).toContain(route.roads[k + 1]);
    }
    expect(found).toBeGreaterThan(25);
  });
});
