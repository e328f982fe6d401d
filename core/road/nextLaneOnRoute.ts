/**
 * How a path continues from the end of a lane, following a route (or the lane when the route is
 * empty): the one rule that `waypointPaths`, the observations' waypoint writer and the signal
 * look-ahead share. Allocation-free, for the step loop.
 */
import type { ConnectionSpec } from "./RoadNetworkSpec.js";
import type { Lane } from "./Lane.js";
import type { Road } from "./Road.js";
import type { RoadNetwork } from "./RoadNetwork.js";

/**
 * The connection a path takes from the end of normal lane `lane`: onto `route[routeIndex + 1]`
 * when the route is not empty (none when `lane`'s road is not on the route or is its last road),
 * else straight on (any connection when none goes straight); among those, the one whose target
 * lane index is nearest `lane`'s, first in spec order on ties.
 */
export function pathConnection(
  net: RoadNetwork,
  lane: Lane,
  route: readonly Road[],
  routeIndex: number,
): ConnectionSpec | undefined {
  const list = net.connectionsFrom.get(lane.id);
  if (!list) return undefined;
  let target: Road | undefined;
  if (route.length > 0) {
    if (routeIndex < 0 || routeIndex + 1 >= route.length) return undefined;
    target = route[routeIndex + 1];
  }
  let straightExists = false;
  if (!target) for (const c of list) if (c.dir === "s") straightExists = true;
  let best: ConnectionSpec | undefined;
  let bestGap = Infinity;
  for (const c of list) {
    const to = net.lane(c.toLane)!;
    if (target ? to.road !== target : straightExists && c.dir !== "s") continue;
    const gap = Math.abs(to.index - lane.index);
    if (gap < bestGap) {
      best = c;
      bestGap = gap;
    }
  }
  return best;
}

/** The lane a path continues on from the end of `lane` (see {@link pathConnection}; junction connectors follow their chain). */
export function nextPathLane(
  net: RoadNetwork,
  lane: Lane,
  route: readonly Road[],
  routeIndex: number,
): Lane | undefined {
  if (lane.isInternal) {
    const succ = lane.successors;
    for (const l of succ) if (!l.isInternal && (route.length === 0 || route.includes(l.road))) return l;
    for (const l of succ) if (l.isInternal) return l;
    return succ[0];
  }
  const c = pathConnection(net, lane, route, routeIndex);
  if (!c) return undefined;
  return c.via ? net.lane(c.via) : net.lane(c.toLane);
}
