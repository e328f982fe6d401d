import { describe, expect, it } from "vitest";
import {
  ballisticStep,
  idmAcceleration,
  idmDesiredGap,
  idmEquilibriumGap,
  idmEquilibriumSpeed,
  idmFreeAcceleration,
  timeToCover,
  type IdmParams,
} from "./IdmModel.js";

// Treiber's textbook city parameters: a = 1 m/s², b = 1.5 m/s², T = 1.5 s, s0 = 2 m; v0 = 20 m/s.
const P: IdmParams = { accelMps2: 1, decelMps2: 1.5, headwayS: 1.5, minGapM: 2 };
const V0 = 20;

describe("IDM", () => {
  it("accelerates on a free road by a·(1 − (v/v0)⁴)", () => {
    expect(idmFreeAcceleration(0, V0, P)).toBe(1);
    expect(idmFreeAcceleration(10, V0, P)).toBeCloseTo(0.9375, 12);
    expect(idmFreeAcceleration(20, V0, P)).toBeCloseTo(0, 12);
  });

  it("bounds the braking above the desired speed by b", () => {
    expect(idmFreeAcceleration(40, V0, P)).toBe(-1.5);
    expect(idmAcceleration(40, V0, 1e6, 40, P)).toBeCloseTo(-1.5, 6);
  });

  it("brakes when approaching a standing leader", () => {
    // s* = 2 + 10·1.5 + 10·10 / (2√1.5) = 57.8248290…; a = 1 − 0.0625 − (s*/50)²
    expect(idmDesiredGap(10, 10, P)).toBeCloseTo(57.824829046386306, 12);
    expect(idmAcceleration(10, V0, 50, 0, P)).toBeCloseTo(-0.3999843416975206, 12);
  });

  it("is in equilibrium at the equilibrium gap", () => {
    // s_e(10) = (2 + 15) / √(1 − 1/16) = 17.5575245…
    const gap = idmEquilibriumGap(10, V0, P);
    expect(gap).toBeCloseTo(17.557524502806956, 12);
    expect(idmAcceleration(10, V0, gap, 10, P)).toBeCloseTo(0, 12);
    expect(idmEquilibriumSpeed(gap, V0, P)).toBeCloseTo(10, 9);
    expect(idmEquilibriumSpeed(1.5, V0, P)).toBe(0);
  });

  it("keeps a standstill gap of s0 behind a standing leader", () => {
    expect(idmAcceleration(0, V0, 2, 0, P)).toBeCloseTo(0, 12);
    expect(idmAcceleration(0, V0, 1, 0, P)).toBeLessThan(0);
    expect(idmAcceleration(0, V0, 1, 0, P, 0.5)).toBeGreaterThan(0); // a smaller standstill gap for stop lines
  });
});

describe("ballistic integration", () => {
  it("moves by v·dt + ½·a·dt²", () => {
    const r = ballisticStep(10, 2, 0.1, { advanceM: 0, speedMps: 0 });
    expect(r.advanceM).toBeCloseTo(1.01, 12);
    expect(r.speedMps).toBeCloseTo(10.2, 12);
  });

  it("stops within the step instead of reversing", () => {
    const r = ballisticStep(1, -5, 0.5, { advanceM: 0, speedMps: 0 });
    expect(r.speedMps).toBe(0);
    expect(r.advanceM).toBeCloseTo(0.1, 12); // v² / (2|a|)
    expect(ballisticStep(0, -3, 0.1, r)).toEqual({ advanceM: 0, speedMps: 0 });
  });
});

describe("timeToCover", () => {
  it("accelerates then cruises", () => {
    expect(timeToCover(0, 5, 1, 10)).toBe(0);
    expect(timeToCover(8, 0, 1, 10)).toBeCloseTo(4, 12); // ½·1·4² = 8
    expect(timeToCover(50 + 20, 0, 1, 10)).toBeCloseTo(10 + 2, 12); // 50 m to reach 10 m/s, then 2 s
    expect(timeToCover(30, 10, 1, 10)).toBeCloseTo(3, 12);
  });
});
