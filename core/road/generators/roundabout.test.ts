import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";
import { wrapAngle } from "./polylineMath.js";
import { polygonArea } from "./convexHull.js";
import type { Point2 } from "../RoadNetworkSpec.js";

/** Even–odd ray casting. */
function insidePolygon(poly: readonly Point2[], p: Point2): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe("roundabout", () => {
  const spec = generateMap("roundabout", { arms: 4, radius: 20, ring_lanes: 2, lanes: 1, lane_width: 3.5 });
  const road = (id: string) => spec.roads.find((r) => r.id === id)!;

  it("has arms arm<k>_in / arm<k>_out, ring roads ring<k> from rb<k> to rb<k+1>, and their junctions", () => {
    expect(
      spec.roads
        .filter((r) => r.kind === "normal")
        .map((r) => r.id)
        .sort(),
    ).toEqual([0, 1, 2, 3].flatMap((k) => [`arm${k}_in`, `arm${k}_out`, `ring${k}`]).sort());
    for (let k = 0; k < 4; k++) {
      expect(road(`ring${k}`)).toMatchObject({ fromJunction: `rb${k}`, toJunction: `rb${(k + 1) % 4}` });
      expect(road(`ring${k}`).lanes).toHaveLength(2);
      expect(road(`arm${k}_in`)).toMatchObject({ fromJunction: `arm${k}_end`, toJunction: `rb${k}` });
    }
    expect(spec.junctions.filter((j) => j.type === "priority").map((j) => j.id)).toEqual(["rb0", "rb1", "rb2", "rb3"]);
  });

  it("circulates counter-clockwise with lane 0 outermost, at the requested radius", () => {
    const [outer, inner] = road("ring1").lanes;
    for (const p of outer.shape) expect(Math.hypot(p[0], p[1])).toBeCloseTo(20 + 1.75, 9);
    for (const p of inner.shape) expect(Math.hypot(p[0], p[1])).toBeCloseTo(20 - 1.75, 9);
    const [a, b] = outer.shape;
    const heading = Math.atan2(b[1] - a[1], b[0] - a[0]);
    expect(Math.abs(wrapAngle(heading - (Math.atan2(a[1], a[0]) + Math.PI / 2)))).toBeLessThan(0.02);
  });

  it("points arm 1 north", () => {
    const [a, b] = road("arm1_out").lanes[0].shape;
    expect(Math.atan2(b[1] - a[1], b[0] - a[0])).toBeCloseTo(Math.PI / 2, 9);
  });

  it("gives circulating traffic priority over entering traffic", () => {
    const viaConnections = spec.connections.filter((c) => c.via);
    const entries = viaConnections.filter((c) => c.fromLane.startsWith("arm"));
    expect(entries.length).toBe(4);
    expect(entries.every((c) => c.state === "m" && c.dir === "r")).toBe(true);
    expect(viaConnections.filter((c) => c.fromLane.startsWith("ring")).every((c) => c.state === "M")).toBe(true);
  });

  it("reaches every exit from every entry", () => {
    for (let k = 0; k < 4; k++) {
      const reach = reachableRoads(spec, `arm${k}_in`);
      for (let e = 0; e < 4; e++) expect(reach.has(`arm${e}_out`)).toBe(true);
    }
  });

  it("outlines each ring junction without covering the central island, around all its connectors", () => {
    const islandR = 20 - 3.5; // inner edge of the ring
    for (const j of spec.junctions.filter((x) => x.type === "priority")) {
      expect(polygonArea(j.shape)).toBeGreaterThan(0);
      for (const p of j.shape) expect(Math.hypot(p[0], p[1])).toBeGreaterThan(islandR - 1e-6);
      for (const lane of spec.roads
        .filter((r) => r.kind === "internal" && r.fromJunction === j.id)
        .flatMap((r) => r.lanes)) {
        for (const p of lane.shape.slice(1, -1)) expect(insidePolygon(j.shape, p)).toBe(true);
      }
    }
  });

  it("scales with the arm count", () => {
    const s = generateMap("roundabout", { arms: 7, radius: 40 });
    expect(s.roads.filter((r) => r.id.startsWith("ring") && r.kind === "normal")).toHaveLength(7);
    expect(s.junctions).toHaveLength(14);
  });

  it("rejects a ring too small for its arms, naming radius", () => {
    expect(() => generateMap("roundabout", { radius: 8, arms: 8, lanes: 2 })).toThrow(/radius/);
  });
});
