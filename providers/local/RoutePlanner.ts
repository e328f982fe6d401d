/**
 * Routes and lane paths. A vehicle's route is a list of normal roads; its *path* is the lanes it
 * will drive from its current lane on: along the lane, through the junction link towards the next
 * route road that leaves the lane's end with the longest onward continuation, and so on, a few
 * hundred metres ahead. The path is what leaders, stop lines and junction links are looked up along.
 *
 * Random (endless) routes are extended one random next road at a time with the provider's RNG, only
 * from the deterministic planning calls (creation, road entry, lane change, path top-up). They keep to
 * the roads from which a vehicle can drive for ever (the network less everything that can only end
 * at a dead end or a map exit), so endless traffic stays in the town instead of draining out at its
 * edges; a vehicle that starts outside that set drives towards it if it can.
 *
 * Strategic lane choice rests on the *continuation* of each lane of the current road: how far the
 * vehicle can drive on its route from the lane's start without changing lanes (capped at
 * {@link CONTINUATION_CAP_M}, looking at most three roads ahead).
 */
import type { Rng } from "../../core/random/Rng.js";
import type { Road } from "../../core/road/Road.js";
import type { JunctionLink, LaneData, LocalNetwork } from "./LocalNetwork.js";
import { PATH_CAPACITY, PathEnd, type TrafficVehicle } from "./TrafficVehicle.js";

/** How far ahead a path is planned (m). */
export const PLAN_AHEAD_M = 400;
/** Re-plan when less than this is planned ahead (m). */
export const PLAN_TOPUP_M = 250;
/** Continuations at least this long count as unlimited (m). */
export const CONTINUATION_CAP_M = 1000;
/** Roads of a route kept behind the vehicle before the list is trimmed. */
const ROUTE_KEEP_BEHIND = 16;

export class RoutePlanner {
  private readonly net: LocalNetwork;
  private readonly rng: Rng;

  /** Per vehicle class: the onward choices of each road for endless routes (see {@link randomOptions}). */
  private readonly endlessOptions = new Map<string, Map<Road, Road[]>>();
  /** Per vehicle class: the roads from which driving can go on for ever. */
  private readonly endlessRoads = new Map<string, Set<Road>>();

  constructor(net: LocalNetwork, rng: Rng) {
    this.net = net;
    this.rng = rng;
  }

  /** Appends one random next road to an endless route; false at a dead end. */
  extendRandom(v: TrafficVehicle): boolean {
    const next = this.randomNext(v.route[v.route.length - 1], v.vClass);
    if (next === null) return false;
    v.route.push(next);
    return true;
  }

  /** A random road to continue onto from `road` (uniform over {@link randomOptions}), or null at a dead end. */
  randomNext(road: Road, vClass: string): Road | null {
    const options = this.randomOptions(road, vClass);
    if (options.length === 0) return null;
    return options.length === 1 ? options[0] : options[this.rng.int(options.length)];
  }

  /**
   * The roads an endless route may continue onto from `road`: those of {@link nextRoads} from which
   * driving can go on for ever; failing that, the turnarounds that can; failing that, all of
   * {@link nextRoads} (the vehicle will leave the network).
   */
  randomOptions(road: Road, vClass: string): Road[] {
    return this.endless(vClass).options.get(road) ?? [];
  }

  /** Whether a vehicle of `vClass` on `road` can drive on for ever. */
  drivesForever(road: Road, vClass: string): boolean {
    return this.endless(vClass).live.has(road);
  }

  private endless(vClass: string): { options: Map<Road, Road[]>; live: Set<Road> } {
    let options = this.endlessOptions.get(vClass);
    let live = this.endlessRoads.get(vClass);
    if (!options || !live) {
      ({ options, live } = this.buildEndlessOptions(vClass));
      this.endlessOptions.set(vClass, options);
      this.endlessRoads.set(vClass, live);
    }
    return { options, live };
  }

  /** Prunes, until nothing changes, every road none of whose continuations is left; the rest can be driven for ever. */
  private buildEndlessOptions(vClass: string): { options: Map<Road, Road[]>; live: Set<Road> } {
    const roads = this.net.net.normalRoads();
    const ahead = new Map<Road, Road[]>();
    const all = new Map<Road, Road[]>();
    for (const road of roads) {
      ahead.set(road, this.nextRoads(road, vClass));
      all.set(road, this.continuations(road, vClass));
    }
    const live = new Set(roads);
    for (let changed = true; changed;) {
      changed = false;
      for (const road of roads) {
        if (live.has(road) && !all.get(road)!.some((r) => live.has(r))) {
          live.delete(road);
          changed = true;
        }
      }
    }
    const options = new Map<Road, Road[]>();
    for (const road of roads) {
      const preferred = ahead.get(road)!.filter((r) => live.has(r));
      const any = preferred.length > 0 ? preferred : all.get(road)!.filter((r) => live.has(r));
      options.set(road, any.length > 0 ? any : ahead.get(road)!);
    }
    return { options, live };
  }

  /** Every road a vehicle of `vClass` can continue onto from `road`, turnarounds included, in successor order. */
  private continuations(road: Road, vClass: string): Road[] {
    return road.successors.filter((next) =>
      road.lanes.some((lane) => this.net.of(lane).outLinks.some((l) => l.to.road === next && l.to.lane.allows(vClass))),
    );
  }

  /**
   * Roads a vehicle of `vClass` can continue onto from `road`, in successor order; turnarounds only
   * when nothing else is possible.
   */
  nextRoads(road: Road, vClass: string): Road[] {
    const ahead: Road[] = [];
    const turns: Road[] = [];
    for (const next of road.successors) {
      let reachable = false;
      let turnOnly = true;
      for (const lane of road.lanes) {
        for (const link of this.net.of(lane).outLinks) {
          if (link.to.road !== next || !link.to.lane.allows(vClass)) continue;
          reachable = true;
          if (link.conn.dir !== "t") turnOnly = false;
        }
      }
      if (reachable) (turnOnly ? turns : ahead).push(next);
    }
    return ahead.length > 0 ? ahead : turns;
  }

  /** Drops roads far behind the vehicle, so endless routes do not grow without bound. */
  trimRoute(v: TrafficVehicle): void {
    if (v.routeIndex > 2 * ROUTE_KEEP_BEHIND) {
      const drop = v.routeIndex - ROUTE_KEEP_BEHIND;
      v.route.splice(0, drop);
      v.routeIndex -= drop;
    }
  }

  /** The link from normal lane `lane` towards route road `ri + 1` with the longest continuation, or null. */
  bestLink(lane: LaneData, v: TrafficVehicle, ri: number): JunctionLink | null {
    if (ri + 1 >= v.route.length) return null;
    const nextRoad = v.route[ri + 1];
    let best: JunctionLink | null = null;
    let bestScore = -1;
    for (const link of lane.outLinks) {
      if (link.to.road !== nextRoad || !link.to.lane.allows(v.vClass)) continue;
      const score = link.viaLengthM + this.continuation(link.to, v, ri + 1, 2);
      if (score > bestScore) {
        bestScore = score;
        best = link;
      }
    }
    return best;
  }

  /** Distance drivable on the route from the start of normal lane `lane` (route road `ri`) without a lane change (m). */
  continuation(lane: LaneData, v: TrafficVehicle, ri: number, depth: number): number {
    if (ri + 1 >= v.route.length) return CONTINUATION_CAP_M + lane.lengthM; // arrives (or is extended later)
    if (depth === 0) return CONTINUATION_CAP_M + lane.lengthM;
    const nextRoad = v.route[ri + 1];
    let best = lane.lengthM;
    for (const link of lane.outLinks) {
      if (link.to.road !== nextRoad || !link.to.lane.allows(v.vClass)) continue;
      const c = lane.lengthM + link.viaLengthM + this.continuation(link.to, v, ri + 1, depth - 1);
      if (c > best) best = c;
    }
    return best > CONTINUATION_CAP_M ? CONTINUATION_CAP_M : best;
  }

  /** Fills `v.contM` for the lanes of the vehicle's current (normal) road. */
  updateStrategy(v: TrafficVehicle): void {
    const lanes = v.lane.road.lanes;
    let best = 0;
    for (let i = 0; i < lanes.length && i < v.contM.length; i++) {
      const d = this.net.of(lanes[i]);
      const c = d.lane.allows(v.vClass) ? this.continuation(d, v, v.routeIndex, 3) : 0;
      v.contM[i] = c;
      if (c > best) best = c;
    }
    v.bestContM = best;
  }

  /** Re-plans `v.path` from its current lane; `extend`: extend an endless route as needed (draws from the RNG). */
  plan(v: TrafficVehicle, extend: boolean): void {
    const path = v.path;
    const links = v.pathLinks;
    let cur = v.lane;
    path[0] = cur;
    links[0] = null;
    let n = 1;
    let ri = v.routeIndex;
    let dist = cur.lengthM;
    let end: PathEnd = PathEnd.Horizon;
    for (;;) {
      if (dist - v.s > PLAN_AHEAD_M || n >= PATH_CAPACITY) break;
      let next: LaneData | null;
      let link: JunctionLink | null = null;
      if (cur.internal) {
        next = nextConnector(cur);
        if (next === null) {
          end = PathEnd.Dead;
          break;
        }
      } else {
        if (ri + 1 >= v.route.length && !(extend && v.endless && this.extendRandom(v))) {
          end = PathEnd.RouteEnd;
          break;
        }
        link = this.bestLink(cur, v, ri);
        if (link === null) {
          end = PathEnd.Dead;
          break;
        }
        next = link.first;
      }
      if (!next.internal) ri++;
      path[n] = next;
      links[n] = link;
      n++;
      dist += next.lengthM;
      cur = next;
    }
    for (let i = n; i < v.pathLen; i++) links[i] = null;
    v.pathLen = n;
    v.pathDistM = dist;
    v.pathEnd = end;
  }

  /**
   * The lanes after normal lane `lane` (route road `ri`) a vehicle would drive if it were on it, into
   * `out` from index `at` (at most `max`); returns the count and sets `scratch.dead` when the sequence ends at a lane
   * without a connection. For lane-change decisions: never extends the route.
   */
  continueFrom(
    lane: LaneData,
    v: TrafficVehicle,
    ri: number,
    out: LaneData[],
    max: number,
    scratch: { dead: boolean },
    at = 0,
  ): number {
    let cur = lane;
    let n = 0;
    scratch.dead = false;
    while (n < max) {
      let next: LaneData | null;
      if (cur.internal) next = nextConnector(cur);
      else {
        if (ri + 1 >= v.route.length) return n;
        const link = this.bestLink(cur, v, ri);
        next = link ? link.first : null;
      }
      if (next === null) {
        scratch.dead = true;
        return n;
      }
      if (!next.internal) ri++;
      out[at + n++] = next;
      cur = next;
    }
    return n;
  }
}

/** The lane after connector lane `lane` within its link. */
export function nextConnector(lane: LaneData): LaneData | null {
  const link = lane.link;
  if (link) {
    const i = link.vias.indexOf(lane);
    if (i >= 0) return i + 1 < link.vias.length ? link.vias[i + 1] : link.to;
  }
  return lane.successors.length > 0 ? lane.successors[0] : null;
}
