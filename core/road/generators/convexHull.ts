/** Convex hull of a point set (Andrew's monotone chain). */
import type { Point2 } from "../RoadNetworkSpec.js";

/**
 * Convex hull of `points`, counter-clockwise, first point not repeated at the end; collinear points
 * are dropped, so a degenerate (collinear) input yields its two extreme points.
 */
export function convexHull(points: readonly Point2[]): Point2[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: Point2, a: Point2, b: Point2): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  // A tolerance (m²) so that float noise on nearly collinear points does not create sliver vertices.
  const eps = 1e-9;
  const lower: Point2[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= eps) lower.pop();
    lower.push(p);
  }
  const upper: Point2[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= eps) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper].map((p): Point2 => [p[0], p[1]]);
}

/** Signed area of a polygon (m², positive when counter-clockwise). */
export function polygonArea(polygon: readonly Point2[]): number {
  let a = 0;
  for (let i = 0; i < polygon.length; i++) {
    const p = polygon[i];
    const q = polygon[(i + 1) % polygon.length];
    a += p[0] * q[1] - q[0] * p[1];
  }
  return a / 2;
}
