/**
 * An open 2-D polyline with arc-length parameterisation: the centreline of a lane.
 *
 * Lane coordinates `(s, t)`: `s` is the distance along the polyline from its first point (metres),
 * `t` the lateral offset, positive to the left of the driving direction (metres). Points beyond the
 * ends extrapolate along the first / last segment, so `toWorld` and `project` are inverse of each
 * other everywhere, not only between the ends.
 */
import type { Point2 } from "../road/RoadNetworkSpec.js";

/** A point on a polyline with the direction of travel there. */
export interface PolylinePose {
  x: number;
  y: number;
  /** Direction of the segment, radians counter-clockwise from +x. */
  headingRad: number;
}

/** Result of projecting a world point onto a polyline. */
export interface PolylineProjection {
  /** Arc length of the foot point (metres); may be < 0 or > length beyond the ends. */
  s: number;
  /** Signed lateral offset, left positive (metres). */
  t: number;
  /** Euclidean distance from the point to the polyline (clamped to the ends), metres. */
  distanceM: number;
  /** Index of the segment the foot point lies on. */
  segment: number;
}

export class Polyline {
  /** Vertex x coordinates (metres). */
  readonly xs: Float64Array;
  /** Vertex y coordinates (metres). */
  readonly ys: Float64Array;
  /** Cumulative arc length at each vertex; `cum[0] = 0`, `cum[n-1] = length` (metres). */
  readonly cum: Float64Array;
  /** Total length (metres). */
  readonly length: number;

  constructor(points: readonly Point2[]) {
    if (points.length < 2) throw new Error(`Polyline needs at least 2 points, got ${points.length}`);
    const n = points.length;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.cum = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.xs[i] = points[i][0];
      this.ys[i] = points[i][1];
      if (i > 0) this.cum[i] = this.cum[i - 1] + Math.hypot(this.xs[i] - this.xs[i - 1], this.ys[i] - this.ys[i - 1]);
    }
    this.length = this.cum[n - 1];
  }

  /** Number of vertices. */
  get size(): number {
    return this.xs.length;
  }

  /** Index of the segment containing arc length `s` (clamped to the first/last segment). */
  segmentAt(s: number): number {
    const cum = this.cum;
    let lo = 0;
    let hi = cum.length - 2;
    if (s <= cum[1]) return 0;
    if (s >= cum[hi]) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cum[mid] <= s) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Heading of segment `i`, radians. */
  segmentHeading(i: number): number {
    return Math.atan2(this.ys[i + 1] - this.ys[i], this.xs[i + 1] - this.xs[i]);
  }

  /** Pose at arc length `s` (extrapolated beyond the ends). */
  poseAt(s: number): PolylinePose {
    return this.toWorld(s, 0);
  }

  /** World point of lane coordinates `(s, t)`; `t` left positive. */
  toWorld(s: number, t: number): PolylinePose {
    const i = this.segmentAt(s);
    const x0 = this.xs[i];
    const y0 = this.ys[i];
    const dx = this.xs[i + 1] - x0;
    const dy = this.ys[i + 1] - y0;
    const len = this.cum[i + 1] - this.cum[i];
    // Zero-length segments occur in real maps (duplicated vertices); treat them as a point.
    const ux = len > 0 ? dx / len : 1;
    const uy = len > 0 ? dy / len : 0;
    const u = s - this.cum[i];
    return { x: x0 + ux * u - uy * t, y: y0 + uy * u + ux * t, headingRad: Math.atan2(uy, ux) };
  }

  /**
   * Projects a world point onto the polyline. Interior segments clamp their foot point; the first
   * and last segments extend beyond the ends so that `project(toWorld(s, t))` returns `(s, t)`.
   */
  project(x: number, y: number): PolylineProjection {
    const n = this.xs.length;
    let best = Infinity;
    let bestSeg = 0;
    for (let i = 0; i < n - 1; i++) {
      const d2 = this.segmentDistance2(i, x, y);
      if (d2 < best) {
        best = d2;
        bestSeg = i;
      }
    }
    return this.projectOnSegment(bestSeg, x, y);
  }

  /** Squared distance from a point to segment `i` (clamped to the segment). */
  segmentDistance2(i: number, x: number, y: number): number {
    const x0 = this.xs[i];
    const y0 = this.ys[i];
    const dx = this.xs[i + 1] - x0;
    const dy = this.ys[i + 1] - y0;
    const l2 = dx * dx + dy * dy;
    let u = l2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / l2 : 0;
    if (u < 0) u = 0;
    else if (u > 1) u = 1;
    const ex = x0 + u * dx - x;
    const ey = y0 + u * dy - y;
    return ex * ex + ey * ey;
  }

  /** Lane coordinates of a point relative to segment `i` (see {@link project}). */
  projectOnSegment(i: number, x: number, y: number): PolylineProjection {
    const last = this.xs.length - 2;
    const x0 = this.xs[i];
    const y0 = this.ys[i];
    const dx = this.xs[i + 1] - x0;
    const dy = this.ys[i + 1] - y0;
    const len = this.cum[i + 1] - this.cum[i];
    const ux = len > 0 ? dx / len : 1;
    const uy = len > 0 ? dy / len : 0;
    const px = x - x0;
    const py = y - y0;
    const along = px * ux + py * uy;
    let u = along;
    // Clamp along interior segments; extend the first segment backwards and the last forwards.
    if (u < 0 && i > 0) u = 0;
    if (u > len && i < last) u = len;
    const ex = px - ux * u;
    const ey = py - uy * u;
    // Unclamped: the perpendicular offset. Clamped at an interior vertex (outside of a bend): the
    // distance to that vertex, signed by side.
    const t = u === along ? ux * py - uy * px : signedLateral(ex, ey, ux, uy);
    const cu = u < 0 ? 0 : u > len ? len : u;
    const distanceM = Math.hypot(px - ux * cu, py - uy * cu);
    return { s: this.cum[i] + u, t, distanceM, segment: i };
  }

  /** Points every `stepM` metres from `s0` to `s1` inclusive (s1 ≥ s0), with headings. */
  sample(s0: number, s1: number, stepM: number): PolylinePose[] {
    const out: PolylinePose[] = [];
    const n = Math.max(1, Math.round((s1 - s0) / stepM));
    for (let k = 0; k <= n; k++) out.push(this.poseAt(s0 + ((s1 - s0) * k) / n));
    return out;
  }

  /** Axis-aligned bounds `[minX, minY, maxX, maxY]`. */
  bounds(): [number, number, number, number] {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      if (this.xs[i] < minX) minX = this.xs[i];
      if (this.xs[i] > maxX) maxX = this.xs[i];
      if (this.ys[i] < minY) minY = this.ys[i];
      if (this.ys[i] > maxY) maxY = this.ys[i];
    }
    return [minX, minY, maxX, maxY];
  }
}

/** Signed lateral offset of vector (ex, ey) from direction (ux, uy): the perpendicular distance with the side's sign, left positive. */
function signedLateral(ex: number, ey: number, ux: number, uy: number): number {
  const cross = ux * ey - uy * ex;
  const d = Math.hypot(ex, ey);
  return cross >= 0 ? d : -d;
}
