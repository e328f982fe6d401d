/**
 * Small planar helpers for lane polylines (world metres, headings in radians, counter-clockwise
 * from +x). Shared by the generators and by {@link checkNetworkGeometry}; kept free of the runtime
 * geometry classes so that generated specs do not depend on them.
 */
import type { Point2 } from "../RoadNetworkSpec.js";

/** A position with a heading: metres, radians counter-clockwise from +x. */
export interface Pose {
  x: number;
  y: number;
  headingRad: number;
}

/** Wraps an angle into (-π, π], radians. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Heading of the segment a→b, radians. */
export function segmentHeading(a: Point2, b: Point2): number {
  return Math.atan2(b[1] - a[1], b[0] - a[0]);
}

/** Euclidean distance between two points, metres. */
export function distance(a: Point2, b: Point2): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Sum of segment lengths, metres. */
export function polylineLength(points: readonly Point2[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distance(points[i - 1], points[i]);
  return sum;
}

/** Pose at the first point, heading along the first segment. */
export function startPose(points: readonly Point2[]): Pose {
  const [a, b] = [points[0], points[1]];
  return { x: a[0], y: a[1], headingRad: segmentHeading(a, b) };
}

/** Pose at the last point, heading along the last segment. */
export function endPose(points: readonly Point2[]): Pose {
  const a = points[points.length - 2];
  const b = points[points.length - 1];
  return { x: b[0], y: b[1], headingRad: segmentHeading(a, b) };
}

/**
 * Heading change at each interior vertex (radians, signed, left positive): element i is the turn
 * between segment i and segment i + 1.
 */
export function vertexTurns(points: readonly Point2[]): number[] {
  const turns: number[] = [];
  for (let i = 1; i + 1 < points.length; i++) {
    turns.push(wrapAngle(segmentHeading(points[i], points[i + 1]) - segmentHeading(points[i - 1], points[i])));
  }
  return turns;
}

/**
 * Left and right edge points of a lane of the given width: each vertex moved by ±width/2 along the
 * normal of the mean heading of its adjacent segments. Good enough for outlines, not for exact
 * offset curves (generators offset their reference paths analytically instead).
 */
export function laneEdges(points: readonly Point2[], widthM: number): { left: Point2[]; right: Point2[] } {
  const left: Point2[] = [];
  const right: Point2[] = [];
  const half = widthM / 2;
  for (let i = 0; i < points.length; i++) {
    const h0 = segmentHeading(points[Math.max(0, i - 1)], points[Math.max(1, i)]);
    const h1 = segmentHeading(points[Math.min(points.length - 2, i)], points[Math.min(points.length - 1, i + 1)]);
    const h = h0 + wrapAngle(h1 - h0) / 2;
    const nx = -Math.sin(h);
    const ny = Math.cos(h);
    const [x, y] = points[i];
    left.push([x + half * nx, y + half * ny]);
    right.push([x - half * nx, y - half * ny]);
  }
  return { left, right };
}

/** Nearest point of the polyline to p, with its distance (metres) and the heading of the segment it lies on. */
export function nearestOnPolyline(
  p: Point2,
  points: readonly Point2[],
): { point: Point2; distanceM: number; headingRad: number } {
  let best = { point: points[0], distanceM: Infinity, headingRad: 0 };
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const u = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2)) : 0;
    const q: Point2 = [ax + u * dx, ay + u * dy];
    const d = Math.hypot(p[0] - q[0], p[1] - q[1]);
    if (d < best.distanceM) best = { point: q, distanceM: d, headingRad: Math.atan2(dy, dx) };
  }
  return best;
}
