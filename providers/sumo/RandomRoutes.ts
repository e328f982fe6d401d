/**
 * Random routes over a network's normal roads, drawn from an injected RNG (never `Math.random`):
 * whole random trips for `route random` flows, and random continuations for vehicles handed to SUMO
 * without a route. Every route is drivable by the vehicle class: each road has a lane it may use, and
 * consecutive roads are joined by a connection between such lanes (what SUMO checks).
 */
import type { Rng } from "../../core/random/Rng.js";
import type { Road } from "../../core/road/Road.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { planRoute } from "../../core/road/planRoute.js";

/** How many origin–destination pairs to try before giving up on a random trip. */
const TRIP_ATTEMPTS = 20;

/** Random routes on one network, with per-class caches. */
export class RandomRoutes {
  private readonly network: RoadNetwork;
  private readonly startsByClass = new Map<string, Road[]>();

  constructor(network: RoadNetwork) {
    this.network = network;
  }

  /**
   * Road ids of a random trip: origin and destination drawn uniformly from the roads `vClass` may
   * use, the shortest route between them. Undefined when no drivable pair was found in a few attempts.
   */
  trip(vClass: string, rng: Rng): string[] | undefined {
    const roads = this.roadsFor(vClass);
    if (roads.length < 2) return undefined;
    for (let i = 0; i < TRIP_ATTEMPTS; i++) {
      const from = rng.pick(roads);
      const to = rng.pick(roads);
      if (from === to) continue;
      const route = planRoute(this.network, from.id, to.id);
      if (route && this.drivable(route.roads, vClass)) return route.roads.map((r) => r.id);
    }
    return undefined;
  }

  /**
   * `fromRoadId` followed by a random walk over its successors (no road twice) until the route is at
   * least `minLengthM` long or reaches a dead end.
   */
  continuation(fromRoadId: string, vClass: string, rng: Rng, minLengthM = 1000): string[] {
    const start = this.network.road(fromRoadId);
    if (!start) return [fromRoadId];
    const route = [start];
    const seen = new Set<Road>(route);
    let lengthM = start.lengthM;
    let road = start;
    while (lengthM < minLengthM) {
      const next = road.successors.filter((r) => !seen.has(r) && this.connected(road, r, vClass));
      if (next.length === 0) break;
      road = rng.pick(next);
      seen.add(road);
      route.push(road);
      lengthM += road.lengthM;
    }
    return route.map((r) => r.id);
  }

  /** Whether `vClass` can drive `roads` in order. */
  drivable(roads: readonly Road[], vClass: string): boolean {
    if (roads.length === 0 || !roads[0].lanes.some((l) => l.allows(vClass))) return false;
    for (let i = 0; i + 1 < roads.length; i++) if (!this.connected(roads[i], roads[i + 1], vClass)) return false;
    return true;
  }

  /** Whether some lane of `a` that `vClass` may use connects to such a lane of `b`. */
  private connected(a: Road, b: Road, vClass: string): boolean {
    for (const la of a.lanes) {
      if (!la.allows(vClass)) continue;
      for (const c of this.network.connectionsFrom.get(la.id) ?? []) {
        const lb = this.network.lane(c.toLane);
        if (lb && lb.road === b && lb.allows(vClass)) return true;
      }
    }
    return false;
  }

  private roadsFor(vClass: string): Road[] {
    let roads = this.startsByClass.get(vClass);
    if (!roads) {
      roads = this.network.normalRoads().filter((r) => r.lanes.some((l) => l.allows(vClass)));
      this.startsByClass.set(vClass, roads);
    }
    return roads;
  }
}
