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
