import { describe, expect, it } from "vitest";
import { Polyline } from "./Polyline.js";

// An L-shaped centreline: 10 m east, then 10 m north.
const ell = new Polyline([
  [0, 0],
  [10, 0],
  [10, 10],
]);

describe("Polyline", () => {
  it("measures arc length", () => {
    expect(ell.length).toBe(20);
    expect([...ell.cum]).toEqual([0, 10, 20]);
  });

  it("maps (s, t) to world with t to the left", () => {
    expect(ell.toWorld(5, 1)).toEqual({ x: 5, y: 1, headingRad: 0 });
    const p = ell.toWorld(15, 2); // 5 m up the north leg, 2 m left = west
    expect(p.x).toBeCloseTo(8, 12);
    expect(p.y).toBeCloseTo(5, 12);
    expect(p.headingRad).toBeCloseTo(Math.PI / 2, 12);
  });

  it("round-trips (s, t) on straight parts and beyond the ends", () => {
    for (const [s, t] of [
      [0.5, -1.2],
      [3, 0],
      [9, 0.7],
      [12, -3],
      [19.9, 1.5],
      [-4, 1],
      [25, -2],
    ]) {
      const w = ell.toWorld(s, t);
      const back = ell.project(w.x, w.y);
      expect(back.s).toBeCloseTo(s, 9);
      expect(back.t).toBeCloseTo(t, 9);
    }
  });

  it("projects a point outside a bend onto the corner with a signed offset", () => {
    // (12, -2) lies outside (right of) the corner at (10, 0).
    const p = ell.project(12, -2);
    expect(p.s).toBeCloseTo(10, 12);
    expect(p.t).toBeCloseTo(-Math.hypot(2, 2), 12);
    expect(p.distanceM).toBeCloseTo(Math.hypot(2, 2), 12);
  });

  it("finds segments by arc length", () => {
    expect(ell.segmentAt(-1)).toBe(0);
    expect(ell.segmentAt(9.99)).toBe(0);
    expect(ell.segmentAt(10.01)).toBe(1);
    expect(ell.segmentAt(100)).toBe(1);
  });

  it("samples evenly", () => {
    const pts = ell.sample(0, 20, 1);
    expect(pts).toHaveLength(21);
    expect(pts[10]).toEqual({ x: 10, y: 0, headingRad: 0 }); // a vertex belongs to the segment it ends
    expect(pts[11].headingRad).toBeCloseTo(Math.PI / 2, 12);
  });

  it("rejects fewer than two points", () => {
    expect(() => new Polyline([[0, 0]])).toThrow(/at least 2 points/);
  });
});
