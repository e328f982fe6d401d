/**
 * Allocation-free waypoint paths for observations: the same points as `core/road/waypointPaths`
 * (same lanes, same connections, same arc lengths, same floating-point arithmetic), written
 * straight into a typed array in the ego frame instead of one object per point. The walk along a
 * lane advances a segment cursor rather than searching for every point.
 */
import type { Lane } from "../road/Lane.js";
import { nextPathLane } from "../road/nextLaneOnRoute.js";
import type { Road } from "../road/Road.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { EgoFrame } from "./EgoFrame.js";
import { WAYPOINT_FEATURES } from "./observationFeatures.js";

/** Floats per written point, `WAYPOINT_FEATURES`: x, y (ego frame, m), relative heading (rad), speed limit (m/s), lane width (m). */
export const POINT_FLOATS = WAYPOINT_FEATURES.length;

/**
 * Writes up to `count` points, `spacingM` apart, from arc length `s0` of `startLane` onwards,
 * following `route` (or the lane, for an empty route), in `ego`'s frame: point `n` goes to
 * `points[(first + n) · POINT_FLOATS …]` and sets `mask[first + n] = 1`. Slots past the path's end
 * are left as they are (zero them beforehand). Returns the number of points written.
 */
export function writeLanePath(
  net: RoadNetwork,
  startLane: Lane,
  s0: number,
  route: readonly Road[],
  spacingM: number,
  count: number,
  ego: EgoFrame,
  points: Float32Array,
  mask: Uint8Array,
  first: number,
): number {
  let n = 0;
  let lane: Lane | undefined = startLane;
  let s = s0;
  // Index in the route of the last normal road visited (−1: not on the route yet).
  let routeIndex = route.indexOf(startLane.road);
  let guard = 0;
  const ex = ego.x,
    ey = ego.y,
    ec = ego.cos,
    es = ego.sin;
  while (lane && n < count && guard++ < 10_000) {
    const cl = lane.centreline;
    const len = cl.length,
      cum = cl.cum,
      xs = cl.xs,
      ys = cl.ys;
    const last = cum.length - 2;
    const limit = lane.speedLimitMps,
      width = lane.widthM;
    let seg = 0;
    let cachedSeg = -1;
    let ux = 1,
      uy = 0,
      relHeading = 0;
    while (s <= len + 1e-9 && n < count) {
      // Polyline.segmentAt(s), incrementally: s only grows along a lane.
      while (seg < last && cum[seg + 1] <= s) seg++;
      const i = s <= cum[1] ? 0 : seg;
      if (i !== cachedSeg) {
        const dx = xs[i + 1] - xs[i],
          dy = ys[i + 1] - ys[i];
        const segLen = cum[i + 1] - cum[i];
        ux = segLen > 0 ? dx / segLen : 1;
        uy = segLen > 0 ? dy / segLen : 0;
        relHeading = ego.relativeHeading(Math.atan2(uy, ux));
        cachedSeg = i;
      }
      const u = s - cum[i];
      const wx = xs[i] + ux * u - ex,
        wy = ys[i] + uy * u - ey;
      const o = (first + n) * POINT_FLOATS;
      points[o] = wx * ec + wy * es;
      points[o + 1] = -wx * es + wy * ec;
      points[o + 2] = relHeading;
      points[o + 3] = limit;
      points[o + 4] = width;
      mask[first + n] = 1;
      n++;
      s += spacingM;
    }
    s -= len;
    // `s` now carries the spacing left over into the next lane, so spacing stays even across joints.
    const next = nextPathLane(net, lane, route, routeIndex);
    if (next && !next.isInternal) routeIndex = route.indexOf(next.road);
    lane = next;
  }
  return n;
}
