/** Smooth connector curves between two lane ends. */
import type { Point2 } from "../RoadNetworkSpec.js";
import { vertexTurns, wrapAngle, type Pose } from "./polylineMath.js";

/** Largest heading change between successive connector segments, radians (1°). */
const MAX_STEP_RAD = Math.PI / 180;
/** Longest connector segment, metres. */
const MAX_SEGMENT_M = 1;

/**
 * A cubic Bézier from `from` to `to`, tangent to both headings, sampled so that successive
 * segments turn by at most 1° and are at most 1 m long. The control arms follow the circular-arc
 * approximation (4/3·tan(θ/4)·R for a turn of θ over chord d, R = d / (2 sin(θ/2))), which gives
 * d/3 for straight connections and a near-circular arc for symmetric turns.
 */
export function bezierConnector(from: Pose, to: Pose): Point2[] {
  const p0: Point2 = [from.x, from.y];
  const p3: Point2 = [to.x, to.y];
  const d = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
  if (d < 1e-9) return [p0, p3];
  const theta = Math.abs(wrapAngle(to.headingRad - from.headingRad));
  const arm = theta < 1e-6 ? d / 3 : (4 / 3) * Math.tan(theta / 4) * (d / (2 * Math.sin(theta / 2)));
  const p1: Point2 = [p0[0] + arm * Math.cos(from.headingRad), p0[1] + arm * Math.sin(from.headingRad)];
  const p2: Point2 = [p3[0] - arm * Math.cos(to.headingRad), p3[1] - arm * Math.sin(to.headingRad)];
  // Straight (collinear) connection: two points are exact.
  const cross = (a: Point2): number => (a[0] - p0[0]) * (p3[1] - p0[1]) - (a[1] - p0[1]) * (p3[0] - p0[0]);
  if (Math.abs(cross(p1)) < 1e-9 * d && Math.abs(cross(p2)) < 1e-9 * d && theta < 1e-9) return [p0, p3];

  const at = (t: number): Point2 => {
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const e = t * t * t;
    return [a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]];
  };
  let n = Math.max(4, Math.ceil((d + 2 * arm) / MAX_SEGMENT_M));
  for (;;) {
    const pts: Point2[] = [];
    for (let i = 0; i <= n; i++) pts.push(at(i / n));
    pts[0] = p0;
    pts[n] = p3;
    const maxTurn = Math.max(0, ...vertexTurns(pts).map(Math.abs));
    if (maxTurn <= MAX_STEP_RAD || n >= 4096) return pts;
    n *= 2;
  }
}
