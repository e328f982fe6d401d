import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { generateMap } from "../road/generators/mapGenerators.js";
import type { Road } from "../road/Road.js";
import { buildRoadNetwork, type RoadNetwork } from "../road/RoadNetwork.js";
import { waypointPaths } from "../road/waypointPaths.js";
import { junctionNetwork } from "../../test/handNetworks.js";
import { EgoFrame } from "./EgoFrame.js";
import { POINT_FLOATS, writeLanePath } from "./writeLanePath.js";

/** A route from `road` taking random successors, `length` roads at most. */
function randomRoute(road: Road, length: number, rng: Rng): Road[] {
  const route = [road];
  while (route.length < length) {
    const next = route[route.length - 1].successors;
    if (next.length === 0) break;
    route.push(next[rng.int(next.length)]);
  }
  return route;
}

function compareWithWaypointPaths(net: RoadNetwork, rng: Rng, trials: number): void {
  const ego = new EgoFrame(); // identity: ego frame = world frame
  const lanes = net.laneList.filter((l) => l.road.kind === "normal" || l.road.kind === "internal");
  for (let t = 0; t < trials; t++) {
    const lane = lanes[rng.int(lanes.length)];
    const s = rng.range(0, lane.centreline.length);
    const route = lane.isInternal || rng.chance(0.2) ? [] : randomRoute(lane.road, 1 + rng.int(4), rng);
    const spacingM = rng.chance(0.5) ? 1 : rng.range(0.5, 3);
    const count = 1 + rng.int(80);
    const expected = waypointPaths(net, lane, s, route, { spacingM, count })[0];
    // waypointPaths starts the first candidate lane (the rightmost) at its own projection; start that lane here.
    const start = lane.isInternal ? lane : lane.road.lanes[0];
    const s0 = start === lane ? s : start.toLane(lane.toWorld(s).x, lane.toWorld(s).y).s;
    const points = new Float32Array(count * POINT_FLOATS);
    const mask = new Uint8Array(count);
    const n = writeLanePath(net, start, Math.max(0, s0), route, spacingM, count, ego, points, mask, 0);
    expect(n).toBe(expected.length);
    for (let j = 0; j < n; j++) {
      const w = expected[j];
      const o = j * POINT_FLOATS;
      expect(Math.abs(points[o] - w.x)).toBeLessThan(1e-4 * Math.max(1, Math.abs(w.x)));
      expect(Math.abs(points[o + 1] - w.y)).toBeLessThan(1e-4 * Math.max(1, Math.abs(w.y)));
      const dh = Math.abs(Math.atan2(Math.sin(points[o + 2] - w.headingRad), Math.cos(points[o + 2] - w.headingRad)));
      expect(dh).toBeLessThan(1e-6);
      expect(points[o + 3]).toBeCloseTo(w.speedLimitMps, 5);
      expect(points[o + 4]).toBeCloseTo(w.widthM, 5);
      expect(mask[j]).toBe(1);
    }
    for (let j = n; j < count; j++) expect(mask[j]).toBe(0);
  }
}

describe("writeLanePath", () => {
  it("writes the points of waypointPaths (generated maps, random lanes, routes, spacings)", () => {
    const rng = new Rng("write-lane-path");
    for (const [name, params] of [
      ["intersection", { lanes: 2, signals: true }],
      ["roundabout", {}],
      ["double_merge", {}],
      ["t_junction", { lanes: 3 }],
    ] as const) {
      compareWithWaypointPaths(buildRoadNetwork(generateMap(name, params)), rng, 60);
    }
    compareWithWaypointPaths(buildRoadNetwork(junctionNetwork()), rng, 60);
  });

  it("writes points in the ego frame (x forward, y left)", () => {
    const net = buildRoadNetwork(generateMap("straight", { lanes: 1, length: 100 }));
    const lane = net.lane("main_0")!;
    const ego = new EgoFrame();
    ego.set(10, 2, Math.PI / 2); // facing north, 2 m north of the lane (which runs east along y = 0)
    const points = new Float32Array(3 * POINT_FLOATS);
    const mask = new Uint8Array(3);
    expect(writeLanePath(net, lane, 10, [], 1, 3, ego, points, mask, 0)).toBe(3);
    // World (10 + j, 0): forward = (y − 2) = −2, left = −(x − 10) = −j; lane heading 0 is −π/2 relative.
    const h = -Math.PI / 2;
    const expected = [-2, 0, h, 13.888889, 3.2, -2, -1, h, 13.888889, 3.2, -2, -2, h, 13.888889, 3.2];
    expected.forEach((v, i) => expect(points[i]).toBeCloseTo(v, 5));
    expect([...mask]).toEqual([1, 1, 1]);
  });
});
