/**
 * One `<geometry>` record of an OpenDRIVE `<planView>`: a piece of the road's reference line, from
 * its start pose `(x, y, hdg)` over `length` metres of arc length. Evaluated in closed form where one
 * exists — line, arc, and clothoid (`<spiral>`, curvature linear in s) through the Fresnel integrals —
 * and through an arc-length table for the cubics (`<poly3>`, `<paramPoly3>`), whose arc length has
 * no closed form.
 */
import { fresnel, type FresnelValues } from "./fresnel.js";

/** A pose on the reference line: world metres and heading (radians, counter-clockwise from +x). */
export interface Pose2 {
  x: number;
  y: number;
  hdg: number;
}

/** The shape of one geometry record, as read from the file. */
export type GeometryShape =
  | { kind: "line" }
  /** Constant curvature, 1/m, left positive. */
  | { kind: "arc"; curvature: number }
  /** Curvature changing linearly from `curvStart` to `curvEnd` (1/m) over the length. */
  | { kind: "spiral"; curvStart: number; curvEnd: number }
  /** Local `v(u) = a + b·u + c·u² + d·u³`, u along the start heading, v to its left. */
  | { kind: "poly3"; a: number; b: number; c: number; d: number }
  /**
   * Local `u(p)`, `v(p)` cubics; p runs over [0, 1] (`normalized`) or over [0, length]
   * (`arcLength`).
   */
  | {
      kind: "paramPoly3";
      aU: number;
      bU: number;
      cU: number;
      dU: number;
      aV: number;
      bV: number;
      cV: number;
      dV: number;
      pRange: "normalized" | "arcLength";
    };

/** A geometry record: where it starts along the road, its start pose, length and shape. */
export interface GeometryRecord {
  /** Start along the road's reference line, metres. */
  s: number;
  x: number;
  y: number;
  /** Start heading, radians. */
  hdg: number;
  /** Arc length, metres. */
  length: number;
  shape: GeometryShape;
}

/** A geometry record ready to evaluate. */
export interface GeometrySegment {
  readonly record: GeometryRecord;
  /** The pose `ds` metres after the start (`ds` may run a little past either end: extrapolated). */
  pose(ds: number, out: Pose2): Pose2;
  /** Largest |curvature| over the segment (1/m), a bound good enough to choose sample spacing. */
  readonly maxCurvature: number;
}

/** Curvature changes of a spiral below this (|Δκ|·L², dimensionless) are evaluated as an arc: the position error is below 1e-7 m per metre. */
const SPIRAL_AS_ARC = 1e-9;
/** Below this half turn (radians) the arc's chord is its length to double precision. */
const ARC_AS_LINE = 1e-9;

/** Makes the evaluator of one record. */
export function makeGeometrySegment(record: GeometryRecord): GeometrySegment {
  const shape = record.shape;
  switch (shape.kind) {
    case "line":
      return { record, maxCurvature: 0, pose: (ds, out) => arcPose(record, 0, ds, out) };
    case "arc":
      return {
        record,
        maxCurvature: Math.abs(shape.curvature),
        pose: (ds, out) => arcPose(record, shape.curvature, ds, out),
      };
    case "spiral":
      return spiralSegment(record, shape.curvStart, shape.curvEnd);
    case "poly3":
      return ParametricCubic.poly3(record, shape.a, shape.b, shape.c, shape.d);
    case "paramPoly3":
      return ParametricCubic.paramPoly3(record, shape);
  }
}

/**
 * A circular arc (or a line for curvature 0) from the record's start pose, written with the chord
 * (2/k)·sin(k·ds/2) at half the turn so that it stays exact as k goes to 0.
 */
function arcPose(r: GeometryRecord, k: number, ds: number, out: Pose2): Pose2 {
  const half = (k * ds) / 2;
  const chord = Math.abs(half) < ARC_AS_LINE ? ds : (2 * Math.sin(half)) / k;
  const mid = r.hdg + half;
  out.x = r.x + chord * Math.cos(mid);
  out.y = r.y + chord * Math.sin(mid);
  out.hdg = r.hdg + k * ds;
  return out;
}

/**
 * A clothoid: heading θ(u) = hdg + k₀u + (c/2)u², c = (k₁ − k₀)/L. Completing the square,
 * θ = φ + (c/2)(u + k₀/c)² with φ = hdg − k₀²/(2c); with τ = (u + k₀/c)·√(|c|/π) the position is
 * e^{iφ}·√(π/|c|)·[ΔC(τ) + i·sign(c)·ΔS(τ)].
 */
function spiralSegment(r: GeometryRecord, k0: number, k1: number): GeometrySegment {
  const L = r.length;
  const maxCurvature = Math.max(Math.abs(k0), Math.abs(k1));
  const rate = L > 0 ? (k1 - k0) / L : 0;
  if (Math.abs(rate) * L * L * L < SPIRAL_AS_ARC || L <= 0) {
    // Nearly constant curvature: an arc of the mean curvature is within |c|·L³/24 of it.
    const k = (k0 + k1) / 2;
    return { record: r, maxCurvature, pose: (ds, out) => arcPose(r, k, ds, out) };
  }
  const sign = Math.sign(rate);
  const scale = Math.sqrt(Math.PI / Math.abs(rate));
  const shift = k0 / rate;
  const phi = r.hdg - (k0 * k0) / (2 * rate);
  const cosPhi = Math.cos(phi);
  const sinPhi = Math.sin(phi);
  const tau0 = shift / scale;
  const f0 = fresnel(tau0);
  const f: FresnelValues = { c: 0, s: 0 };
  return {
    record: r,
    maxCurvature,
    pose(ds, out) {
      fresnel((ds + shift) / scale, f);
      const dc = scale * (f.c - f0.c);
      const dsn = sign * scale * (f.s - f0.s);
      out.x = r.x + cosPhi * dc - sinPhi * dsn;
      out.y = r.y + sinPhi * dc + cosPhi * dsn;
      out.hdg = r.hdg + k0 * ds + (rate * ds * ds) / 2;
      return out;
    },
  };
}

/** Gauss–Legendre nodes and weights on [−1, 1], 5 points (exact for polynomials of degree 9). */
const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908];
/** Arc-length table intervals per cubic. */
const TABLE_INTERVALS = 64;

/**
 * A cubic curve `(u(p), v(p))` in the record's local frame (u along the start heading, v to its
 * left), p in [0, pEnd], with an arc-length table to find p for a given distance along it. The
 * record's `length` is stretched onto the curve's true arc length, so that s and the curve agree
 * at both ends even where the file's length is a little off.
 */
class ParametricCubic implements GeometrySegment {
  readonly record: GeometryRecord;
  readonly maxCurvature: number;
  private readonly u: readonly number[];
  private readonly v: readonly number[];
  private readonly pEnd: number;
  /** Arc length at p = i·pEnd/TABLE_INTERVALS. */
  private readonly cum: Float64Array;
  private readonly arcPerS: number;
  private readonly cosH: number;
  private readonly sinH: number;

  private constructor(record: GeometryRecord, u: number[], v: number[], pEnd: number) {
    this.record = record;
    this.u = u;
    this.v = v;
    this.pEnd = pEnd;
    this.cosH = Math.cos(record.hdg);
    this.sinH = Math.sin(record.hdg);
    this.cum = new Float64Array(TABLE_INTERVALS + 1);
    const dp = pEnd / TABLE_INTERVALS;
    let maxK = 0;
    for (let i = 0; i < TABLE_INTERVALS; i++) {
      this.cum[i + 1] = this.cum[i] + this.arcBetween(i * dp, (i + 1) * dp);
      for (const q of [0, 0.5]) maxK = Math.max(maxK, Math.abs(this.curvatureAt((i + q) * dp)));
    }
    maxK = Math.max(maxK, Math.abs(this.curvatureAt(pEnd)));
    this.maxCurvature = maxK;
    const total = this.cum[TABLE_INTERVALS];
    this.arcPerS = record.length > 0 ? total / record.length : 1;
  }

  static paramPoly3(record: GeometryRecord, sh: Extract<GeometryShape, { kind: "paramPoly3" }>): ParametricCubic {
    const pEnd = sh.pRange === "arcLength" ? record.length : 1;
    return new ParametricCubic(record, [sh.aU, sh.bU, sh.cU, sh.dU], [sh.aV, sh.bV, sh.cV, sh.dV], pEnd);
  }

  /** `v(u)` with u as the parameter; u's end is where the arc length reaches the record's length. */
  static poly3(record: GeometryRecord, a: number, b: number, c: number, d: number): ParametricCubic {
    const u = [0, 1, 0, 0];
    const v = [a, b, c, d];
    const arc = (p: number): number => {
      let sum = 0;
      const n = 16;
      for (let i = 0; i < n; i++) sum += gaussArc(u, v, (i * p) / n, ((i + 1) * p) / n);
      return sum;
    };
    // Newton on arc(uEnd) = length (arc' = |r'(uEnd)| ≥ 1), from uEnd = length (the straight case).
    let uEnd = record.length;
    for (let it = 0; it < 50 && record.length > 0; it++) {
      const f = arc(uEnd) - record.length;
      const dv = b + 2 * c * uEnd + 3 * d * uEnd * uEnd;
      const step = f / Math.sqrt(1 + dv * dv);
      uEnd -= step;
      if (Math.abs(step) < 1e-12 * Math.max(1, record.length)) break;
    }
    return new ParametricCubic(record, u, v, uEnd);
  }

  pose(ds: number, out: Pose2): Pose2 {
    const target = ds * this.arcPerS;
    const p = this.paramAt(target);
    let lu = cubic(this.u, p);
    let lv = cubic(this.v, p);
    const du = dCubic(this.u, p);
    const dv = dCubic(this.v, p);
    const total = this.cum[TABLE_INTERVALS];
    // Past either end: straight on along the end tangent.
    const beyond = target < 0 ? target : target > total ? target - total : 0;
    const len = Math.hypot(du, dv) || 1;
    lu += (beyond * du) / len;
    lv += (beyond * dv) / len;
    out.x = this.record.x + this.cosH * lu - this.sinH * lv;
    out.y = this.record.y + this.sinH * lu + this.cosH * lv;
    out.hdg = this.record.hdg + Math.atan2(dv, du);
    return out;
  }

  /** The parameter at arc length `target` (clamped to the curve). */
  private paramAt(target: number): number {
    const cum = this.cum;
    if (target <= 0) return 0;
    if (target >= cum[TABLE_INTERVALS]) return this.pEnd;
    let lo = 0;
    let hi = TABLE_INTERVALS;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= target) lo = mid;
      else hi = mid;
    }
    const dp = this.pEnd / TABLE_INTERVALS;
    const p0 = lo * dp;
    const p1 = p0 + dp;
    // Start from linear interpolation in the interval, then Newton on ∫|r'| = target − cum[lo].
    const span = cum[lo + 1] - cum[lo];
    let p = span > 0 ? p0 + ((target - cum[lo]) / span) * dp : p0;
    for (let it = 0; it < 8; it++) {
      const f = this.arcBetween(p0, p) - (target - cum[lo]);
      const speed = Math.hypot(dCubic(this.u, p), dCubic(this.v, p));
      if (speed === 0) break;
      const next = Math.min(p1, Math.max(p0, p - f / speed));
      if (Math.abs(next - p) < 1e-14 * Math.max(1, this.pEnd)) {
        p = next;
        break;
      }
      p = next;
    }
    return p;
  }

  private arcBetween(p0: number, p1: number): number {
    return gaussArc(this.u, this.v, p0, p1);
  }

  private curvatureAt(p: number): number {
    const du = dCubic(this.u, p);
    const dv = dCubic(this.v, p);
    const ddu = 2 * this.u[2] + 6 * this.u[3] * p;
    const ddv = 2 * this.v[2] + 6 * this.v[3] * p;
    const speed2 = du * du + dv * dv;
    return speed2 > 0 ? (du * ddv - dv * ddu) / Math.pow(speed2, 1.5) : 0;
  }
}

/** ∫ |r'(p)| dp over [p0, p1] by 5-point Gauss–Legendre. */
function gaussArc(u: readonly number[], v: readonly number[], p0: number, p1: number): number {
  const half = (p1 - p0) / 2;
  const mid = (p1 + p0) / 2;
  let sum = 0;
  for (let i = 0; i < 5; i++) {
    const p = mid + half * GL_X[i];
    sum += GL_W[i] * Math.hypot(dCubic(u, p), dCubic(v, p));
  }
  return sum * half;
}

function cubic(k: readonly number[], p: number): number {
  return k[0] + p * (k[1] + p * (k[2] + p * k[3]));
}

function dCubic(k: readonly number[], p: number): number {
  return k[1] + p * (2 * k[2] + 3 * p * k[3]);
}
