import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../../core/road/sumo/loadSumoNet.js";
import { bendsOf, BEND_MAX_RADIUS_M, LaneData } from "../LocalNetwork.js";
import { flow, makeSetup, Runner } from "../testing.js";
import { bendBraking } from "./bends.js";

/** Cumulative lengths and segment headings of `points`. */
function polyline(points: [number, number][]): { cum: Float64Array; heading: Float64Array } {
  const cum = new Float64Array(points.length);
  const heading = new Float64Array(points.length - 1);
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    cum[i] = cum[i - 1] + Math.hypot(x1 - x0, y1 - y0);
    heading[i - 1] = Math.atan2(y1 - y0, x1 - x0);
  }
  return { cum, heading };
}

/**
 * The largest v²/r of the vehicles round the SMARTS loop (its bends are down to about 10 m radius),
 * taken where a vehicle's centre is within 1 m of a bend's vertex, from 5 s after it appeared (m/s²).
 */
function largestLateral(options: { bendLateralAccelMps2: number }): number {
  const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../../maps/smarts/loop/map.net.xml")));
  const lanes = new Map<string, LaneData>();
  const r = new Runner(makeSetup(net, { flows: [flow({ spawn: { kind: "rate", ratePerHour: 900 } })] }), options);
  const since = new Map<string, number>();
  let most = 0;
  r.run(900, () => {
    for (const v of r.vehicles) {
      // Insertion does not look at bends: a vehicle put in at speed just before one brakes at b.
      if (!since.has(v.id)) since.set(v.id, r.tick);
      if (r.tick - since.get(v.id)! < 50) continue;
      const lane = net.lane(v.laneId);
      if (!lane) continue;
      let d = lanes.get(lane.id);
      if (d === undefined) lanes.set(lane.id, (d = new LaneData(lane)));
      const s = lane.toLane(v.x, v.y).s;
      for (let i = 0; i < d.bendS.length; i++) {
        if (Math.abs(d.bendS[i] - s) > 1) continue;
        const a = (v.speedMps * v.speedMps) / d.bendRadiusM[i];
        if (a > most) most = a;
      }
    }
  });
  return most;
}

describe("curve speed", () => {
  it("measures a bend's radius over the vertices around it", () => {
    // A quarter circle of radius 10 m sampled every 3°, between two straights.
    const pts: [number, number][] = [
      [-30, 10],
      [0, 10],
    ];
    for (let k = 1; k < 30; k++) pts.push([10 * Math.sin((k * Math.PI) / 60), 10 * Math.cos((k * Math.PI) / 60)]);
    pts.push([10, 0], [10, -30]);
    const { cum, heading } = polyline(pts);
    const b = bendsOf(cum, heading);
    expect(b.s.length).toBeGreaterThan(20);
    // Inside the arc, away from the straights the window reaches: 10 m.
    const inner = Array.from(b.radius).filter((_, i) => b.s[i] > 36 && b.s[i] < 40);
    expect(inner.length).toBeGreaterThan(3);
    for (const r of inner) expect(r).toBeCloseTo(10, 0);
    for (const r of b.radius) expect(r).toBeLessThan(BEND_MAX_RADIUS_M);
    // A straight line has no bends.
    const straight = polyline([
      [0, 0],
      [50, 0],
      [100, 0],
    ]);
    expect(bendsOf(straight.cum, straight.heading).s.length).toBe(0);
  });

  it("brakes towards a bend's curve speed √(a·r), and not for one it is slow enough for", () => {
    const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../../maps/smarts/loop/map.net.xml")));
    const lane = new LaneData(net.lane("445633931_0")!);
    const first = lane.bendS[0];
    const r = lane.bendRadiusM[0];
    // 10 m before the first bend at 20 m/s with 4 m/s² sideways: (4r − 400) / 20.
    const a = bendBraking(lane, first - 1, first + 1, 10 - first, 20, 4, Infinity);
    expect(a).toBeCloseTo((4 * r - 400) / 20, 9);
    expect(bendBraking(lane, first - 1, first + 1, 10 - first, Math.sqrt(4 * r) - 0.01, 4, Infinity)).toBe(Infinity);
    expect(bendBraking(lane, first - 1, first + 1, 10 - first, 20, 0, Infinity)).toBe(Infinity);
  });

  it("keeps traffic round the SMARTS loop's tight bends within its lateral acceleration", () => {
    expect(largestLateral({ bendLateralAccelMps2: 0 })).toBeGreaterThan(10);
    expect(largestLateral({ bendLateralAccelMps2: 3 })).toBeLessThan(4.5);
  });
});
