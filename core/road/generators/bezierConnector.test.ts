import { describe, expect, it } from "vitest";
import { bezierConnector } from "./bezierConnector.js";
import { endPose, startPose, vertexTurns, wrapAngle } from "./polylineMath.js";

const DEG = Math.PI / 180;

describe("bezierConnector", () => {
  it("is a straight two-point segment between collinear poses", () => {
    expect(bezierConnector({ x: 0, y: 0, headingRad: 0 }, { x: 10, y: 0, headingRad: 0 })).toEqual([
      [0, 0],
      [10, 0],
    ]);
  });

  it.each([
    ["right turn", { x: 0, y: 0, headingRad: 0 }, { x: 8, y: -8, headingRad: -Math.PI / 2 }],
    ["left turn", { x: 0, y: 0, headingRad: Math.PI }, { x: -12, y: -12, headingRad: -Math.PI / 2 }],
    ["lane shift", { x: 0, y: 0, headingRad: 0 }, { x: 20, y: 3.2, headingRad: 0 }],
    ["merge", { x: 0, y: -3, headingRad: 0.3 }, { x: 20, y: 0, headingRad: 0 }],
  ])("%s: exact ends, tangent within 0.5°, ≤ 1° per segment", (_, from, to) => {
    const pts = bezierConnector(from, to);
    expect(pts[0]).toEqual([from.x, from.y]);
    expect(pts[pts.length - 1]).toEqual([to.x, to.y]);
    expect(Math.abs(wrapAngle(startPose(pts).headingRad - from.headingRad))).toBeLessThan(0.5 * DEG);
    expect(Math.abs(wrapAngle(endPose(pts).headingRad - to.headingRad))).toBeLessThan(0.5 * DEG);
    expect(Math.max(...vertexTurns(pts).map(Math.abs))).toBeLessThanOrEqual(DEG);
  });

  it("approximates a circular arc for a symmetric quarter turn", () => {
    const pts = bezierConnector({ x: 10, y: 0, headingRad: Math.PI / 2 }, { x: 0, y: 10, headingRad: Math.PI });
    for (const p of pts) expect(Math.abs(Math.hypot(p[0], p[1]) - 10)).toBeLessThan(0.003);
  });
});
