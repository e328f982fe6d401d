/**
 * Clearance between two oriented boxes (m): 0 when they touch or overlap, else the shortest
 * distance between their outlines (the smallest corner-to-edge distance either way, exact for
 * rectangles).
 */

/** An oriented box: centre (m), heading (rad), half length and half width (m). */
export interface OrientedBox {
  x: number;
  y: number;
  headingRad: number;
  halfLengthM: number;
  halfWidthM: number;
}

const _a = new Float64Array(8);
const _b = new Float64Array(8);

/** Corners of `b` into `out` as x0, y0, …, x3, y3 (counter-clockwise). */
function corners(b: OrientedBox, out: Float64Array): void {
  const c = Math.cos(b.headingRad);
  const s = Math.sin(b.headingRad);
  const signs = [1, 1, -1, 1, -1, -1, 1, -1];
  for (let k = 0; k < 4; k++) {
    const l = signs[2 * k] * b.halfLengthM;
    const w = signs[2 * k + 1] * b.halfWidthM;
    out[2 * k] = b.x + l * c - w * s;
    out[2 * k + 1] = b.y + l * s + w * c;
  }
}

/** Whether the convex polygons `p` and `q` (4 corners each) overlap (separating axis test). */
function overlap(p: Float64Array, q: Float64Array): boolean {
  for (const poly of [p, q]) {
    for (let k = 0; k < 4; k++) {
      const ax = -(poly[(2 * k + 3) % 8] - poly[2 * k + 1]);
      const ay = poly[(2 * k + 2) % 8] - poly[2 * k];
      let pMin = Infinity,
        pMax = -Infinity,
        qMin = Infinity,
        qMax = -Infinity;
      for (let j = 0; j < 4; j++) {
        const dp = p[2 * j] * ax + p[2 * j + 1] * ay;
        const dq = q[2 * j] * ax + q[2 * j + 1] * ay;
        if (dp < pMin) pMin = dp;
        if (dp > pMax) pMax = dp;
        if (dq < qMin) qMin = dq;
        if (dq > qMax) qMax = dq;
      }
      if (pMax < qMin || qMax < pMin) return false;
    }
  }
  return true;
}

/** Distance from point (px, py) to segment (ax, ay)–(bx, by). */
function pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Clearance between boxes `a` and `b` (m). */
export function boxGapM(a: OrientedBox, b: OrientedBox): number {
  corners(a, _a);
  corners(b, _b);
  if (overlap(_a, _b)) return 0;
  let best = Infinity;
  for (const [p, q] of [
    [_a, _b],
    [_b, _a],
  ] as const) {
    for (let i = 0; i < 4; i++) {
      for (let k = 0; k < 4; k++) {
        const d = pointSegment(p[2 * i], p[2 * i + 1], q[2 * k], q[2 * k + 1], q[(2 * k + 2) % 8], q[(2 * k + 3) % 8]);
        if (d < best) best = d;
      }
    }
  }
  return best;
}
