/**
 * The next traffic signal on the ego's path: walk from the ego's lane position along the lanes its
 * waypoint path takes (the route where there is one), and at each normal lane's end look at the
 * connection the path takes into the junction; the first one with a traffic light (`tlId` +
 * `linkIndex`) within the lookahead is the signal ahead. Its distance is measured to the end of the
 * incoming lane (SUMO's stop line). Where the route gives no connection from a lane (the lane does
 * not lead to the route's next road, the vehicle is off its route, or the route ends there), the
 * connection a lane follower takes (straight on, else nearest lane index) stands in: the light that
 * governs the lane the vehicle is on.
 *
 * Inside a junction the vehicle has passed its stop line, so the search starts with the next
 * junction.
 */
import type { ConnectionSpec } from "../road/RoadNetworkSpec.js";
import type { Lane } from "../road/Lane.js";
import type { Road } from "../road/Road.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { nextPathLane, pathConnection } from "../road/nextLaneOnRoute.js";

/** Result of {@link signalAhead} (a reusable scratch record). */
export interface SignalAheadResult {
  /** The controlling connection, or undefined when no signal lies within the lookahead. */
  connection: ConnectionSpec | undefined;
  /** Distance from the ego's lane position to the stop line (m, ≥ 0). */
  distanceM: number;
}

/** Fills `out` with the first signalised connection within `lookaheadM` of `(lane, s)` along the path; returns `out`. */
export function signalAhead(
  net: RoadNetwork,
  lane: Lane,
  s: number,
  route: readonly Road[],
  lookaheadM: number,
  out: SignalAheadResult,
): SignalAheadResult {
  out.connection = undefined;
  out.distanceM = 0;
  let current: Lane | undefined = lane;
  let travelled = -s;
  let routeIndex = route.indexOf(lane.road);
  let guard = 0;
  while (current && guard++ < 10_000) {
    const toEnd = travelled + current.centreline.length;
    if (toEnd > lookaheadM) return out;
    let next: Lane | undefined;
    if (current.isInternal) {
      next = nextPathLane(net, current, route, routeIndex);
    } else {
      const c =
        pathConnection(net, current, route, routeIndex) ??
        (route.length > 0 ? pathConnection(net, current, [], -1) : undefined);
      if (c && c.tlId !== undefined && c.linkIndex !== undefined) {
        out.connection = c;
        out.distanceM = Math.max(0, toEnd);
        return out;
      }
      next = c ? (c.via ? net.lane(c.via) : net.lane(c.toLane)) : undefined;
    }
    if (next && !next.isInternal) routeIndex = route.indexOf(next.road);
    travelled = toEnd;
    current = next;
  }
  return out;
}
