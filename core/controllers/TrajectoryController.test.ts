import { describe, expect, it } from "vitest";
import { checkTrajectory, TrajectoryController, type TrajectoryPoint } from "./TrajectoryController.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

/** A circle of radius 20 m at 10 m/s, counter-clockwise from (20, 0): state at absolute time t (s). */
function circle(t: number): Omit<TrajectoryPoint, "tS"> {
  const a = (10 / 20) * t;
  return { xM: 20 * Math.cos(a), yM: 20 * Math.sin(a), headingRad: wrapAngleRad(a + Math.PI / 2), speedMps: 10 };
}

describe("TrajectoryController", () => {
  it("tracks a trajectory given at 0.5 s intervals (circle) to within 1 cm", () => {
    const c = new TrajectoryController();
    const p = { ...circle(0) };
    let maxErr = 0;
    for (let k = 1; k <= 200; k++) {
      const now = (k - 1) / 10;
      // Points 0.25 s, 0.75 s, … ahead: never on a step, so every step interpolates.
      const points = [0.25, 0.75, 1.25, 1.75].map((dt) => ({ tS: dt, ...circle(now + dt) }));
      c.step(p, points, p);
      const want = circle(k / 10);
      maxErr = Math.max(maxErr, Math.hypot(p.xM - want.xM, p.yM - want.yM));
      expect(Math.abs(wrapAngleRad(p.headingRad - want.headingRad))).toBeLessThan(0.01);
    }
    expect(maxErr).toBeLessThan(0.01);
  });

  it("passes exactly through a point one step ahead and stays at the last point", () => {
    const c = new TrajectoryController();
    const from = { xM: 0, yM: 0, headingRad: 0, speedMps: 0 };
    const points = [
      { tS: 0.1, xM: 1, yM: 2, headingRad: 0.3, speedMps: 4 },
      { tS: 0.2, xM: 2, yM: 2, headingRad: 0.4, speedMps: 5 },
    ];
    expect(c.step(from, points, { ...from })).toEqual({ xM: 1, yM: 2, headingRad: 0.3, speedMps: 4 });
    expect(c.step(from, [{ tS: 0.05, xM: 7, yM: 8, headingRad: 1, speedMps: 0 }], { ...from })).toEqual({
      xM: 7,
      yM: 8,
      headingRad: 1,
      speedMps: 0,
    });
  });

  it("checks trajectories", () => {
    expect(checkTrajectory([])).toMatch(/at least one/);
    expect(
      checkTrajectory([
        { tS: 1, xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
        { tS: 1, xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
      ]),
    ).toMatch(/increase/);
    expect(checkTrajectory([{ tS: 1, xM: NaN, yM: 0, headingRad: 0, speedMps: 0 }])).toMatch(/non-finite/);
    expect(checkTrajectory([{ tS: 1, xM: 0, yM: 0, headingRad: 0, speedMps: 0 }])).toBeUndefined();
  });
});
