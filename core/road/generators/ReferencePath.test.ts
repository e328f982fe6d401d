import { describe, expect, it } from "vitest";
import { MAX_ARC_STEP_RAD, ReferencePath } from "./ReferencePath.js";
import { polylineLength, vertexTurns } from "./polylineMath.js";

describe("ReferencePath", () => {
  const path = ReferencePath.from({ x: 0, y: 0, headingRad: 0 })
    .line(10)
    .arc(Math.PI * 5, 1 / 10)
    .line(5);

  it("chains lines and arcs: a quarter circle of radius 10 after 10 m", () => {
    expect(path.lengthM).toBeCloseTo(15 + 5 * Math.PI, 12);
    const end = path.poseAt(10 + 5 * Math.PI);
    expect(end.x).toBeCloseTo(20, 12);
    expect(end.y).toBeCloseTo(10, 12);
    expect(end.headingRad).toBeCloseTo(Math.PI / 2, 12);
    expect(path.end.y).toBeCloseTo(15, 12);
  });

  it("offsets to the left for positive offsets, exactly along the normal", () => {
    expect(path.pointAt(5, 2)).toEqual([5, 2]);
    const p = path.pointAt(10 + 5 * Math.PI, -3);
    expect(p[0]).toBeCloseTo(23, 12);
    expect(p[1]).toBeCloseTo(10, 12);
  });

  it("samples arcs at ≤ 1° per segment and lines by their end points only", () => {
    const shape = path.sample(0);
    expect(shape.length).toBe(2 + 90 + 1);
    expect(Math.max(...vertexTurns(shape).map(Math.abs))).toBeLessThanOrEqual(MAX_ARC_STEP_RAD + 1e-12);
    expect(polylineLength(shape)).toBeCloseTo(path.lengthM, 2);
  });

  it("samples sub-ranges, with matching vertices for every offset", () => {
    const a = path.sample(1, 12, 20);
    const b = path.sample(-1, 12, 20);
    expect(a.length).toBe(b.length);
    a.forEach((p, i) => expect(Math.hypot(p[0] - b[i][0], p[1] - b[i][1])).toBeCloseTo(2, 12));
  });
});
