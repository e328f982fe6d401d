import { describe, expect, it } from "vitest";
import { RelativeTargetPoseController } from "./RelativeTargetPoseController.js";

describe("RelativeTargetPoseController", () => {
  it("reaches the displaced pose exactly in one step, in the vehicle frame", () => {
    const c = new RelativeTargetPoseController();
    const out = c.step(
      { xM: 10, yM: 5, headingRad: Math.PI / 2, speedMps: 3 },
      { dxM: 2, dyM: 1, dHeadingRad: 0.1 },
      { xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
    );
    expect(out.xM).toBe(10 + Math.cos(Math.PI / 2) * 2 - Math.sin(Math.PI / 2) * 1);
    expect(out.xM).toBeCloseTo(9, 12);
    expect(out.yM).toBeCloseTo(7, 12);
    expect(out.headingRad).toBe(Math.PI / 2 + 0.1);
    expect(out.speedMps).toBeCloseTo(Math.sqrt(5) / 0.1, 12);
  });

  it("wraps the heading and reports backward motion as negative speed", () => {
    const out = new RelativeTargetPoseController().step(
      { xM: 0, yM: 0, headingRad: 3, speedMps: 0 },
      { dxM: -1, dyM: 0, dHeadingRad: 0.5 },
      { xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
    );
    expect(out.headingRad).toBeCloseTo(3.5 - 2 * Math.PI, 12);
    expect(out.speedMps).toBeCloseTo(-10, 12);
    expect(out.xM).toBeCloseTo(-Math.cos(3), 12);
  });
});
