import { describe, expect, it } from "vitest";
import { TargetPoseController } from "./TargetPoseController.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

describe("TargetPoseController", () => {
  const cases = [
    {
      name: "ahead, turning left",
      from: { xM: 0, yM: 0, headingRad: 0, speedMps: 10 },
      target: { xM: 30, yM: 10, headingRad: Math.PI / 4, tS: 3 },
    },
    {
      name: "from rest",
      from: { xM: 5, yM: 5, headingRad: 1, speedMps: 0 },
      target: { xM: 10, yM: 20, headingRad: 2, tS: 2.5 },
    },
    {
      name: "lane-change-like",
      from: { xM: 0, yM: 0, headingRad: 0, speedMps: 15 },
      target: { xM: 45, yM: 3.2, headingRad: 0, tS: 3 },
    },
  ];
  for (const { name, from, target } of cases) {
    it(`reaches the target pose at the requested time (${name})`, () => {
      const c = new TargetPoseController();
      const p = { ...from };
      const steps = Math.round(target.tS / c.dtS);
      let maxJumpM = 0;
      for (let k = 0; k < steps; k++) {
        const x = p.xM;
        const y = p.yM;
        c.step(p, target, p);
        maxJumpM = Math.max(maxJumpM, Math.hypot(p.xM - x, p.yM - y));
        if (k < steps - 1) expect(Math.hypot(p.xM - target.xM, p.yM - target.yM)).toBeGreaterThan(0.05);
      }
      expect(Math.hypot(p.xM - target.xM, p.yM - target.yM)).toBeLessThan(0.1);
      expect(Math.abs(wrapAngleRad(p.headingRad - target.headingRad))).toBeLessThan(0.02);
      // Smooth: no step moves much more than the average distance per step would.
      const chord = Math.hypot(target.xM - from.xM, target.yM - from.yM);
      expect(maxJumpM).toBeLessThan(Math.max(2.5 * (chord / steps), from.speedMps * c.dtS * 1.5));
      // Then it holds the pose at rest.
      c.step(p, target, p);
      expect([p.xM, p.yM, p.speedMps]).toEqual([target.xM, target.yM, 0]);
    });
  }

  it("follows the initial heading and speed at the start (no kink)", () => {
    const c = new TargetPoseController();
    const p = { xM: 0, yM: 0, headingRad: 0, speedMps: 10 };
    c.step(p, { xM: 30, yM: 0, headingRad: 0, tS: 3 }, p);
    expect(p.xM).toBeCloseTo(1, 9);
    expect(p.yM).toBeCloseTo(0, 12);
    expect(p.speedMps).toBeCloseTo(10, 9);
  });

  it("restarts the count when the action changes, and can be snapshotted as plain data", () => {
    const c = new TargetPoseController();
    const p = { xM: 0, yM: 0, headingRad: 0, speedMps: 5 };
    for (let k = 0; k < 5; k++) c.step(p, { xM: 20, yM: 0, headingRad: 0, tS: 4 }, p);
    expect(c.state.remainingSteps).toBe(35);
    const saved = { ...c.state };
    const q = { ...p };
    const ref = { ...p };
    c.step(ref, { xM: 20, yM: 0, headingRad: 0, tS: 4 }, ref);
    c.state = { ...saved };
    c.step(q, { xM: 20, yM: 0, headingRad: 0, tS: 4 }, q);
    expect(q).toEqual(ref);
    c.step(p, { xM: 20, yM: 5, headingRad: 0, tS: 1 }, p);
    expect(c.state.remainingSteps).toBe(9);
  });
});
