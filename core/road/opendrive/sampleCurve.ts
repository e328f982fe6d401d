/**
 * Samples a smooth plane curve `s ↦ (x, y)` into a polyline whose chords stay within
 * {@link MAX_CHORD_ERROR_M} of the curve: each chord is checked at a quarter, half and three
 * quarters of its parameter span and halved while any of those points lies farther than the
 * tolerance from it. Chords are also no longer than {@link MAX_CHORD_M}, so that no bend shorter
 * than that can hide between the probes. Breaks (geometry record and lane section boundaries, where
 * the curve's curvature may jump) are always vertices.
 */
import type { Point2 } from "../RoadNetworkSpec.js";

/** The largest distance between a sampled lane centreline and the exact curve, metres. */
export const MAX_CHORD_ERROR_M = 0.02;
/** The longest chord, metres. */
export const MAX_CHORD_M = 25;
/** Halving stops after this many levels (a chord of MAX_CHORD_M / 2²⁴ ≈ 1.5 µm). */
const MAX_DEPTH = 24;

/**
 * The polyline of `f` over [breaks[0], breaks[last]].
 * @param f the curve, world metres
 * @param breaks ascending parameters to keep as vertices, the first and last the ends
 * @param toleranceM the largest distance allowed between chord and curve at the probes
 */
export function sampleCurve(
  f: (s: number) => Point2,
  breaks: readonly number[],
  toleranceM: number = MAX_CHORD_ERROR_M,
): Point2[] {
  const out: Point2[] = [f(breaks[0])];
  const push = (p: Point2): void => {
    const last = out[out.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-9) out.push(p);
  };
  const refine = (a: number, pa: Point2, b: number, pb: Point2, depth: number): void => {
    if (depth < MAX_DEPTH) {
      let worst = 0;
      const probes: Point2[] = [];
      for (const q of [0.25, 0.5, 0.75]) {
        const p = f(a + (b - a) * q);
        probes.push(p);
        worst = Math.max(worst, distanceToSegment(p, pa, pb));
      }
      if (worst > toleranceM) {
        const m = (a + b) / 2;
        refine(a, pa, m, probes[1], depth + 1);
        refine(m, probes[1], b, pb, depth + 1);
        return;
      }
    }
    push(pb);
  };
  for (let i = 0; i + 1 < breaks.length; i++) {
    const a = breaks[i];
    const b = breaks[i + 1];
    if (!(b > a)) continue;
    const n = Math.max(1, Math.ceil((b - a) / MAX_CHORD_M));
    let prevS = a;
    let prev = f(a);
    for (let j = 1; j <= n; j++) {
      const s = j === n ? b : a + ((b - a) * j) / n;
      const p = f(s);
      refine(prevS, prev, s, p, 0);
      prevS = s;
      prev = p;
    }
  }
  return out;
}

/** Distance from `p` to the segment a–b, metres. */
export function distanceToSegment(p: Point2, a: Point2, b: Point2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let u = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  u = Math.max(0, Math.min(1, u));
  return Math.hypot(p[0] - a[0] - u * dx, p[1] - a[1] - u * dy);
}
