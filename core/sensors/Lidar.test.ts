import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../road/RoadNetwork.js";
import { loadSumoNet } from "../road/sumo/loadSumoNet.js";
import { DrivableAreaMap } from "./DrivableAreaMap.js";
import { Lidar, LidarHit } from "./Lidar.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** Boxes `[x, y, headingRad, halfLength, halfWidth]`. */
function boxes(list: readonly (readonly number[])[]): VehicleBoxView {
  const col = (k: number) => Float64Array.from(list, (b) => b[k]);
  return { count: list.length, x: col(0), y: col(1), headingRad: col(2), halfLength: col(3), halfWidth: col(4) };
}

const N = 256;
const none = boxes([]);
// Road y ∈ [95.2, 104.8], x ∈ [0, 200], running east; map cells 0.25 m.
const straight = new DrivableAreaMap(
  buildRoadNetwork(
    loadSumoNet(join(import.meta.dirname, "../../maps/smarts/straight-3lane_cruise_agents_1/map.net.xml")),
  ),
);

function scan(lidar: Lidar, pose: { x: number; y: number; headingRad: number }, v: VehicleBoxView, skip = -1) {
  const d = new Float32Array(lidar.rays),
    k = new Uint8Array(lidar.rays);
  lidar.scan(pose, v, skip, d, k);
  return { d, k };
}

describe("Lidar", () => {
  const lidar = new Lidar(undefined);

  it("reports a vehicle 10 m ahead on the forward ray at 10 − halfLength", () => {
    for (const h of [0, Math.PI / 2, 0.7, -2.9]) {
      const ego = { x: 3, y: -4, headingRad: h };
      const v = boxes([
        [ego.x, ego.y, h, 2.1, 0.9],
        [ego.x + 10 * Math.cos(h), ego.y + 10 * Math.sin(h), h, 2.1, 0.9],
      ]);
      const { d, k } = scan(lidar, ego, v, 0);
      expect(Math.abs(d[0] - 7.9)).toBeLessThan(1e-6); // Float32 output
      expect(k[0]).toBe(LidarHit.vehicle);
      expect(k[N / 2]).toBe(LidarHit.none);
      expect(d[N / 2]).toBe(50);
    }
  });

  it("is exact to 1e-9 on the box face before the Float32 rounding", () => {
    const v = boxes([[10, 0, 0, 2, 1]]);
    const d = new Float32Array(N),
      k = new Uint8Array(N);
    lidar.scan({ x: 0, y: 0, headingRad: 0 }, v, -1, d, k);
    expect(Math.abs(d[0] - 8)).toBeLessThanOrEqual(1e-9);
    // A ray 5° left meets the same face at 8 / cos 5°.
    const lid = new Lidar(undefined, { rays: 72 });
    const d72 = new Float32Array(72),
      k72 = new Uint8Array(72);
    lid.scan({ x: 0, y: 0, headingRad: 0 }, v, -1, d72, k72);
    expect(Math.abs(d72[1] - 8 / Math.cos(Math.PI / 36))).toBeLessThan(1e-5);
  });

  it("matches brute-force ray–box tests on every ray (the angular broadphase misses nothing)", () => {
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const list: number[][] = [];
    while (list.length < 60) {
      const box = [(rand() - 0.5) * 110, (rand() - 0.5) * 110, rand() * 7, 0.5 + rand() * 5, 0.3 + rand() * 1.5];
      if (Math.hypot(box[0], box[1]) > 6) list.push(box); // keep the origin outside every box
    }
    const v = boxes(list);
    const pose = { x: 0.4, y: -0.3, headingRad: 1.1 };
    const { d, k } = scan(lidar, pose, v);
    let hits = 0;
    for (let r = 0; r < N; r++) {
      const a = pose.headingRad + (2 * Math.PI * r) / N;
      const ux = Math.cos(a),
        uy = Math.sin(a);
      let best = 50;
      // Intersect the ray with each box's four edges (no slabs).
      for (const [bx, by, bh, hl, hw] of list) {
        const c = Math.cos(bh),
          s = Math.sin(bh);
        const corners = [
          [hl, hw],
          [-hl, hw],
          [-hl, -hw],
          [hl, -hw],
        ].map(([p, q]) => [bx + p * c - q * s, by + p * s + q * c]);
        for (let e = 0; e < 4; e++) {
          const [x0, y0] = corners[e],
            [x1, y1] = corners[(e + 1) % 4];
          const ex = x1 - x0,
            ey = y1 - y0;
          const den = ux * ey - uy * ex;
          if (Math.abs(den) < 1e-12) continue;
          const t = ((x0 - pose.x) * ey - (y0 - pose.y) * ex) / den;
          const u = ((x0 - pose.x) * uy - (y0 - pose.y) * ux) / den;
          if (t >= 0 && u >= 0 && u <= 1 && t < best) best = t;
        }
      }
      if (best < 50) hits++;
      expect(Math.abs(d[r] - best), `ray ${r}: ${d[r]} vs ${best}`).toBeLessThan(1e-4);
      expect(k[r]).toBe(best < 50 ? LidarHit.vehicle : LidarHit.none);
    }
    expect(hits).toBeGreaterThan(20);
  });

  it("reports 0 when the origin is inside a box, and honours the mount offset", () => {
    expect(scan(lidar, { x: 0, y: 0, headingRad: 0 }, boxes([[0, 0, 0, 2, 1]])).d[0]).toBe(0);
    const mounted = new Lidar(undefined, { mountForwardM: 1.5, mountLeftM: 0 });
    expect(scan(mounted, { x: 0, y: 0, headingRad: 0 }, boxes([[10, 0, 0, 2, 1]])).d[0]).toBe(6.5);
  });

  it("hits the road edges at the expected lateral distance on a straight road", () => {
    const roadLidar = new Lidar(straight);
    const { d, k } = scan(roadLidar, { x: 100, y: 100, headingRad: 0 }, none);
    // Left edge 4.8 m away, right edge 4.8 m away; the bitmap (0.25 m) puts them within one cell.
    expect(k[N / 4]).toBe(LidarHit.roadEdge);
    expect(k[(3 * N) / 4]).toBe(LidarHit.roadEdge);
    expect(Math.abs(d[N / 4] - 4.8)).toBeLessThanOrEqual(0.25);
    expect(Math.abs(d[(3 * N) / 4] - 4.8)).toBeLessThanOrEqual(0.25);
    // Along the road nothing within 50 m.
    expect(k[0]).toBe(LidarHit.none);
    expect(d[0]).toBe(50);
    // An oblique ray (30° left) meets the left edge at 4.8 / sin 30°.
    const r30 = N / 12;
    expect(Math.abs(d[Math.round(r30)] - 4.8 / Math.sin((2 * Math.PI * Math.round(r30)) / N))).toBeLessThan(
      0.25 / Math.sin(Math.PI / 6),
    );
  });

  it("stops at a vehicle before the road edge, and at the edge before a vehicle beyond it", () => {
    const roadLidar = new Lidar(straight);
    const v = boxes([
      [110, 100, 0, 2, 1],
      [100, 110, 0, 2, 1],
    ]);
    const { d, k } = scan(roadLidar, { x: 100, y: 100, headingRad: 0 }, v);
    expect(k[0]).toBe(LidarHit.vehicle);
    expect(d[0]).toBe(8);
    expect(k[N / 4]).toBe(LidarHit.roadEdge);
    expect(d[N / 4]).toBeLessThan(5.1);
  });

  it("from off the road, reports where the road begins", () => {
    const roadLidar = new Lidar(straight);
    const { d, k } = scan(roadLidar, { x: 100, y: 85, headingRad: Math.PI / 2 }, none);
    expect(k[0]).toBe(LidarHit.roadEdge);
    expect(Math.abs(d[0] - 10.2)).toBeLessThanOrEqual(0.25);
  });

  it("is deterministic and fills the caller's buffers", () => {
    const roadLidar = new Lidar(straight, { rays: 64, rangeM: 30 });
    const v = boxes([
      [110, 101, 0.2, 2, 1],
      [95, 97, 3, 2, 1],
    ]);
    const a = scan(roadLidar, { x: 100, y: 99, headingRad: 0.3 }, v);
    const b = scan(roadLidar, { x: 100, y: 99, headingRad: 0.3 }, v);
    expect(a.d).toEqual(b.d);
    expect(a.k).toEqual(b.k);
    expect(a.d.every((x) => x >= 0 && x <= 30)).toBe(true);
    expect(() =>
      roadLidar.scan({ x: 0, y: 0, headingRad: 0 }, v, -1, new Float32Array(10), new Uint8Array(64)),
    ).toThrow(/need 64/);
  });
});
