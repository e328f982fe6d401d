import { describe, expect, it } from "vitest";
import { integrate } from "../../../test/quadrature.js";
import { makeGeometrySegment, type GeometryRecord, type GeometryShape, type Pose2 } from "./GeometrySegment.js";

const at = (shape: GeometryShape, length: number, start: Partial<GeometryRecord> = {}) =>
  makeGeometrySegment({ s: 0, x: 0, y: 0, hdg: 0, length, shape, ...start });

const pose = (g: ReturnType<typeof at>, ds: number): Pose2 => g.pose(ds, { x: 0, y: 0, hdg: 0 });

/** Position after integrating heading θ(u) from 0 to L (quadrature, an independent reference). */
function integrateHeading(theta: (u: number) => number, L: number): [number, number] {
  return [integrate((u) => Math.cos(theta(u)), 0, L), integrate((u) => Math.sin(theta(u)), 0, L)];
}

describe("plan-view geometry", () => {
  it("line: straight along the start heading", () => {
    const g = at({ kind: "line" }, 50, { x: 3, y: 4, hdg: Math.PI / 6 });
    const p = pose(g, 50);
    expect(p.x).toBeCloseTo(3 + 50 * Math.cos(Math.PI / 6), 12);
    expect(p.y).toBeCloseTo(4 + 50 * Math.sin(Math.PI / 6), 12);
    expect(p.hdg).toBeCloseTo(Math.PI / 6, 15);
  });

  it("arc: every point at the radius from the centre, heading turned by k·s", () => {
    for (const k of [1 / 25, -1 / 40, 1 / 3000]) {
      const g = at({ kind: "arc", curvature: k }, 120, { x: 10, y: -5, hdg: 0.4 });
      // Centre: a radius to the left of the start (right for negative curvature).
      const cx = 10 - Math.sin(0.4) / k;
      const cy = -5 + Math.cos(0.4) / k;
      for (const ds of [0, 17.3, 60, 120]) {
        const p = pose(g, ds);
        expect(Math.hypot(p.x - cx, p.y - cy)).toBeCloseTo(Math.abs(1 / k), 8);
        expect(p.hdg).toBeCloseTo(0.4 + k * ds, 12);
      }
    }
  });

  it("spiral: end point and heading of the clothoid in closed form (Fresnel) match integration", () => {
    const cases: [number, number, number][] = [
      [0, 1 / 50, 60], // from straight into a 50 m radius
      [1 / 50, 0, 60], // and out of it
      [-1 / 80, 1 / 30, 150], // through an inflection
      [0.02, 0.0200001, 90], // nearly constant curvature (evaluated as an arc)
      [1e-4, -2e-4, 400], // very gentle
    ];
    for (const [k0, k1, L] of cases) {
      const g = at({ kind: "spiral", curvStart: k0, curvEnd: k1 }, L, { x: 100, y: 50, hdg: -0.7 });
      const rate = (k1 - k0) / L;
      const theta = (u: number) => -0.7 + k0 * u + (rate * u * u) / 2;
      for (const ds of [L / 3, L]) {
        const [dx, dy] = integrateHeading(theta, ds);
        const p = pose(g, ds);
        expect(Math.abs(p.x - (100 + dx))).toBeLessThan(1e-7);
        expect(Math.abs(p.y - (50 + dy))).toBeLessThan(1e-7);
        expect(p.hdg).toBeCloseTo(theta(ds), 12);
      }
    }
  });

  it("spiral from curvature 0: the standard clothoid L·(C(1), S(1)) and heading k·L/2", () => {
    // With k₁ = π/L the clothoid's end is at Fresnel argument t = √(L·k₁/π) = 1: (x, y) = L·(C(1), S(1)).
    const L = 100;
    const g = at({ kind: "spiral", curvStart: 0, curvEnd: Math.PI / L }, L);
    const p = pose(g, L);
    expect(p.x).toBeCloseTo(L * 0.7798934003768228, 10);
    expect(p.y).toBeCloseTo(L * 0.4382591473903548, 10);
    expect(p.hdg).toBeCloseTo(Math.PI / 2, 14);
  });

  it("paramPoly3 (normalized): a parabola's arc length in closed form, end point and tangent", () => {
    // u = 40p, v = 10p²: y = x²/160; arc length of y = a·x² over [0, X] = X/2·√(1+4a²X²) + asinh(2aX)/(4a).
    const a = 1 / 160;
    const X = 40;
    const exact = (X / 2) * Math.sqrt(1 + 4 * a * a * X * X) + Math.asinh(2 * a * X) / (4 * a);
    const shape: GeometryShape = {
      kind: "paramPoly3",
      aU: 0,
      bU: 40,
      cU: 0,
      dU: 0,
      aV: 0,
      bV: 0,
      cV: 10,
      dV: 0,
      pRange: "normalized",
    };
    const g = at(shape, exact, { x: 1, y: 2, hdg: Math.PI / 2 });
    const end = pose(g, exact);
    // Local (40, 10) rotated by 90°: (−10, 40).
    expect(end.x).toBeCloseTo(1 - 10, 10);
    expect(end.y).toBeCloseTo(2 + 40, 10);
    expect(end.hdg).toBeCloseTo(Math.PI / 2 + Math.atan(2 * a * X), 12);
    // Half the arc length lands where the parabola's own arc length is half.
    const half = pose(g, exact / 2);
    const xh = half.y - 2;
    const lengthTo = (x: number) => (x / 2) * Math.sqrt(1 + 4 * a * a * x * x) + Math.asinh(2 * a * x) / (4 * a);
    expect(lengthTo(xh)).toBeCloseTo(exact / 2, 9);
    expect(-(half.x - 1)).toBeCloseTo(a * xh * xh, 9);
  });

  it("paramPoly3 (arcLength): p runs over [0, length]", () => {
    const L = 30;
    const shape: GeometryShape = {
      kind: "paramPoly3",
      aU: 0,
      bU: 1,
      cU: 0,
      dU: 0,
      aV: 0,
      bV: 0,
      cV: 0.002,
      dV: -0.00003,
      pRange: "arcLength",
    };
    const g = at(shape, L);
    const end = pose(g, L);
    expect(end.x).toBeCloseTo(L, 10);
    expect(end.y).toBeCloseTo(0.002 * L * L - 0.00003 * L * L * L, 10);
  });

  it("poly3: v(u) in the start frame, u's end where the arc length reaches the record's length", () => {
    const c = 0.004;
    const a = c;
    const X = 25;
    const exact = (X / 2) * Math.sqrt(1 + 4 * a * a * X * X) + Math.asinh(2 * a * X) / (4 * a);
    const g = at({ kind: "poly3", a: 0, b: 0, c, d: 0 }, exact, { x: -3, y: 7, hdg: 0 });
    const end = pose(g, exact);
    expect(end.x).toBeCloseTo(-3 + X, 8);
    expect(end.y).toBeCloseTo(7 + c * X * X, 8);
    expect(end.hdg).toBeCloseTo(Math.atan(2 * c * X), 10);
  });
});
