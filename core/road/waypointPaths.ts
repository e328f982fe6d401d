/**
 * Waypoint paths: evenly spaced points along lane centrelines ahead of a position, one path per
 * candidate lane of the current road, each following the route through junction connectors.
 * These are what lane-following controllers track and what observations carry (SMARTS's
 * `waypoint_paths`).
 */
import type { Lane } from "./Lane.js";
import type { Road } from "./Road.js";
import type { RoadNetwork } from "./RoadNetwork.js";
import { nextPathLane } from "./nextLaneOnRoute.js";

/** One point of a waypoint path. */
export interface Waypoint {
  x: number;
  y: number;
  /** Lane direction at the point, radians. */
  headingRad: number;
  laneId: string;
  laneIndex: number;
  /** Arc length along the lane (metres). */
  s: number;
  widthM: number;
  speedLimitMps: number;
}

/** Options for {@link waypointPaths}. */
export interface WaypointPathOptions {
  /**
   * Distance between successive points along the path (metres).
   * @default 1
   */
  spacingM?: number;
  /**
   * Points per path at most.
   * @default 50
   */
  count?: number;
}

/**
 * Waypoint paths ahead of lane coordinate `s` on `lane`, one per lane of `lane`'s road (rightmost
 * first; a single path inside a junction). Each path follows `route` (normal roads, in order; the
 * current road may be anywhere in it, or absent for "follow the lane"): at a lane's end it takes the
 * connection onto the route's next road nearest in lane index, and it ends where its lane cannot
 * reach the next road or the route ends.
 */
export function waypointPaths(
  net: RoadNetwork,
  lane: Lane,
  s: number,
  route: readonly Road[] = [],
  options: WaypointPathOptions = {},
): Waypoint[][] {
  const spacing = options.spacingM ?? 1;
  const count = options.count ?? 50;
  const candidates = lane.isInternal ? [lane] : lane.road.lanes;
  const p = lane.toWorld(s);
  return candidates.map((start) => {
    const s0 = start === lane ? s : start.toLane(p.x, p.y).s;
    return walk(net, start, Math.max(0, s0), route, spacing, count);
  });
}

function walk(
  net: RoadNetwork,
  startLane: Lane,
  s0: number,
  route: readonly Road[],
  spacing: number,
  count: number,
): Waypoint[] {
  const out: Waypoint[] = [];
  let lane: Lane | undefined = startLane;
  let s = s0;
  // Index in the route of the last normal road visited (−1: not on the route yet).
  let routeIndex = route.indexOf(startLane.road);
  let guard = 0;
  while (lane && out.length < count && guard++ < 10_000) {
    const len = lane.centreline.length;
    while (s <= len + 1e-9 && out.length < count) {
      const pose = lane.centreline.poseAt(s);
      out.push({
        x: pose.x,
        y: pose.y,
        headingRad: pose.headingRad,
        laneId: lane.id,
        laneIndex: lane.index,
        s,
        widthM: lane.widthM,
        speedLimitMps: lane.speedLimitMps,
      });
      s += spacing;
    }
    s -= len;
    // `s` now carries the spacing left over into the next lane, so spacing stays even across joints.
    const next = nextPathLane(net, lane, route, routeIndex);
    if (next && !next.isInternal) routeIndex = route.indexOf(next.road);
    lane = next;
  }
  return out;
}
