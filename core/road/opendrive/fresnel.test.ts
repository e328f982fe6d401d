import { describe, expect, it } from "vitest";
import { integrate } from "../../../test/quadrature.js";
import { fresnel } from "./fresnel.js";

/** ∫₀ˣ (cos, sin)(πt²/2) dt by quadrature (a slow, independent reference). */
function quadrature(x: number): { c: number; s: number } {
  return {
    c: integrate((t) => Math.cos((Math.PI * t * t) / 2), 0, x, 4000),
    s: integrate((t) => Math.sin((Math.PI * t * t) / 2), 0, x, 4000),
  };
}

describe("fresnel", () => {
  it("matches tabulated values (Abramowitz & Stegun, Cephes)", () => {
    const table: [number, number, number][] = [
      [0.5, 0.4923442258714464, 0.0647324328599993],
      [1, 0.7798934003768228, 0.4382591473903548],
      [10, 0.4998986942055157, 0.4681699785848822],
    ];
    for (const [x, c, s] of table) {
      const f = fresnel(x);
      expect(f.c).toBeCloseTo(c, 14);
      expect(f.s).toBeCloseTo(s, 14);
    }
  });

  it("agrees with quadrature on both sides of the series / continued-fraction switch", () => {
    for (const x of [0.01, 0.3, 1.2, 1.4999, 1.5001, 2, 2.7, 4, 6.5]) {
      const f = fresnel(x);
      const q = quadrature(x);
      expect(Math.abs(f.c - q.c)).toBeLessThan(1e-12);
      expect(Math.abs(f.s - q.s)).toBeLessThan(1e-12);
    }
  });

  it("is odd, zero at zero and tends to one half", () => {
    expect(fresnel(0)).toEqual({ c: 0, s: 0 });
    const a = fresnel(2.3);
    const b = fresnel(-2.3);
    expect([b.c, b.s]).toEqual([-a.c, -a.s]);
    const far = fresnel(1e4);
    expect(far.c).toBeCloseTo(0.5, 4);
    expect(far.s).toBeCloseTo(0.5, 4);
  });
});
