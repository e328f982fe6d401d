import { describe, expect, it } from "vitest";
import { DirectController } from "./DirectController.js";
import type { KinematicPose } from "../../spec/KinematicPose.js";

/** Reference: 10 000 midpoint substeps of the same constant-acceleration, constant-yaw-rate motion. */
function reference(from: KinematicPose, a: number, w: number, dtS: number): KinematicPose {
  const n = 10_000;
  const h = dtS / n;
  let { xM: x, yM: y, headingRad: hd, speedMps: v } = from;
  for (let i = 0; i < n; i++) {
    const vm = v + (a * h) / 2;
    const hm = hd + (w * h) / 2;
    x += vm * Math.cos(hm) * h;
    y += vm * Math.sin(hm) * h;
    v += a * h;
    hd += w * h;
  }
  return { xM: x, yM: y, headingRad: hd, speedMps: v };
}

describe("DirectController", () => {
  it("integrates acceleration and yaw rate exactly over a step", () => {
    const c = new DirectController();
    for (const [a, w] of [
      [2, 0.5],
      [-3, -1.2],
      [0, 0],
      [1.5, 1e-7],
      [0, 2],
    ]) {
      const from = { xM: 3, yM: -2, headingRad: 0.7, speedMps: 10 };
      const got = c.step(from, { accelerationMps2: a, yawRateRadps: w }, { xM: 0, yM: 0, headingRad: 0, speedMps: 0 });
      const ref = reference(from, a, w, 0.1);
      expect(got.xM).toBeCloseTo(ref.xM, 8);
      expect(got.yM).toBeCloseTo(ref.yM, 8);
      expect(got.headingRad).toBeCloseTo(ref.headingRad, 9);
      expect(got.speedMps).toBeCloseTo(ref.speedMps, 9);
    }
  });

  it("drives a full circle with a constant yaw rate and ends where it started", () => {
    const c = new DirectController();
    const p = { xM: 0, yM: 0, headingRad: 0, speedMps: 10 };
    const w = (2 * Math.PI) / 10; // one turn in 100 steps
    for (let k = 0; k < 100; k++) c.step(p, { accelerationMps2: 0, yawRateRadps: w }, p);
    expect(p.xM).toBeCloseTo(0, 9);
    expect(p.yM).toBeCloseTo(0, 9);
    expect(p.speedMps).toBe(10);
  });

  it("accelerates along a line: v = a t, x = a t² / 2", () => {
    const c = new DirectController();
    const p = { xM: 0, yM: 0, headingRad: 0, speedMps: 0 };
    for (let k = 0; k < 50; k++) c.step(p, { accelerationMps2: 2, yawRateRadps: 0 }, p);
    expect(p.speedMps).toBeCloseTo(10, 12);
    expect(p.xM).toBeCloseTo(25, 9);
  });

  it("stops instead of reversing unless allowed", () => {
    const from = { xM: 0, yM: 0, headingRad: 0, speedMps: 0.5 };
    const stop = new DirectController().step(
      from,
      { accelerationMps2: -10, yawRateRadps: 0 },
      { xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
    );
    expect(stop.speedMps).toBe(0);
    expect(stop.xM).toBeCloseTo(0.0125, 12); // v² / 2a
    const rev = new DirectController({ allowReverse: true }).step(
      from,
      { accelerationMps2: -10, yawRateRadps: 0 },
      { xM: 0, yM: 0, headingRad: 0, speedMps: 0 },
    );
    expect(rev.speedMps).toBeCloseTo(-0.5, 12);
    expect(rev.xM).toBeCloseTo(0, 12);
  });
});
