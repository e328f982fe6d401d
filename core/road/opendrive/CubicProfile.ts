/**
 * A piecewise cubic function of s, the form OpenDRIVE uses for lane offsets, lane widths and lane
 * borders: records `(s, a, b, c, d)`, each valid from its `s` to the next record's, with value
 * `a + b·ds + c·ds² + d·ds³`, ds = s − record.s. Before the first record the first one applies
 * (extrapolated); an empty profile is 0 everywhere.
 */

/** One polynomial record; `s` is where it starts, in the caller's frame (metres). */
export interface CubicRecord {
  s: number;
  a: number;
  b: number;
  c: number;
  d: number;
}

export class CubicProfile {
  /** Records sorted by `s` (a stable sort: records at the same s keep file order, the last wins). */
  readonly records: readonly CubicRecord[];

  constructor(records: readonly CubicRecord[]) {
    this.records = [...records].sort((p, q) => p.s - q.s);
  }

  /** The record in force at `s`, or undefined for an empty profile. */
  recordAt(s: number): CubicRecord | undefined {
    const r = this.records;
    if (r.length === 0) return undefined;
    let lo = 0;
    let hi = r.length - 1;
    // Last record with r.s ≤ s (the first one when s is before all).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid].s <= s) lo = mid;
      else hi = mid - 1;
    }
    return r[lo];
  }

  /** Value at `s`. */
  value(s: number): number {
    const r = this.recordAt(s);
    if (!r) return 0;
    const ds = s - r.s;
    return r.a + ds * (r.b + ds * (r.c + ds * r.d));
  }

  /** Where records start strictly inside (from, to): the breaks of the function. */
  breaksIn(from: number, to: number): number[] {
    return this.records.map((r) => r.s).filter((s) => s > from && s < to);
  }
}

/** Value of one record at `s`. */
export function cubicValue(r: CubicRecord, s: number): number {
  const ds = s - r.s;
  return r.a + ds * (r.b + ds * (r.c + ds * r.d));
}

/**
 * The points in (from, to) where the record's cubic crosses `level`, ascending: the real roots of
 * a + b·x + c·x² + d·x³ = level, found by bracketing between the cubic's turning points.
 */
export function levelCrossings(r: CubicRecord, level: number, from: number, to: number): number[] {
  const x0 = from - r.s;
  const x1 = to - r.s;
  if (!(x1 > x0)) return [];
  const f = (x: number) => r.a - level + x * (r.b + x * (r.c + x * r.d));
  // Turning points: roots of b + 2c·x + 3d·x².
  const cuts = [x0];
  const qa = 3 * r.d;
  const qb = 2 * r.c;
  const qc = r.b;
  if (Math.abs(qa) > 1e-15) {
    const disc = qb * qb - 4 * qa * qc;
    if (disc > 0) {
      const sq = Math.sqrt(disc);
      cuts.push((-qb - sq) / (2 * qa), (-qb + sq) / (2 * qa));
    }
  } else if (Math.abs(qb) > 1e-15) cuts.push(-qc / qb);
  const inside = cuts.filter((x) => x > x0 && x < x1).sort((a, b) => a - b);
  const pts = [x0, ...inside.filter((x, i) => i === 0 || x !== inside[i - 1]), x1];
  const out: number[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    let a = pts[i];
    let b = pts[i + 1];
    let fa = f(a);
    const fb = f(b);
    if (fa === 0) {
      if (a > x0) out.push(a + r.s);
      continue;
    }
    if (fa * fb > 0) continue;
    if (fb === 0) continue; // counted as the next interval's start (or not at all at x1)
    for (let it = 0; it < 200 && b - a > 1e-12; it++) {
      const m = (a + b) / 2;
      const fm = f(m);
      if (fa * fm <= 0) b = m;
      else {
        a = m;
        fa = fm;
      }
    }
    out.push((a + b) / 2 + r.s);
  }
  return out;
}
