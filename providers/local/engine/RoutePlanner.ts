/**
 * Routes and lane paths. A vehicle's route is a list of normal roads; its *path* is the lanes it will
 * drive from its current lane on: along the lane, through the junction link towards the next route
 * road that leaves the lane's end with the longest onward continuation, and so on, a few hundred
 * metres ahead. The path is what leaders, stop lines and junction links are looked up along.
 *
 * Random (endless) routes are extended one random next road at a time with the engine's RNG, only
 * from the sequential phases (insertion, road entry, lane change, path top-up), so the draws come in
 * a fixed order. They keep to the roads from which a vehicle can drive for ever (the network less
 * everything that can only end at a dead end or a map exit), so endless traffic stays in the town
 * instead of draining out at its edges; a vehicle that starts outside that set drives towards it.
 *
 * Strategic lane choice rests on the *continuation* of each lane of the current road: how far the
 * vehicle can drive on its route from the lane's start without changing lanes (capped at
 * {@link CONTINUATION_CAP_M}, looking at most three roads ahead).
 */
import type { Rng } from "../../../core/random/Rng.js";
import type { Road } from "../../../core/road/Road.js";
import type { JunctionLink, LaneData, LocalNetwork } from "../LocalNetwork.js";
import type { TrafficState } from "./TrafficState.js";
import { CONT_LANES, PATH_CAPACITY, PathEnd } from "./VehicleColumns.js";

/** How far ahead a path is planned (m). */
export const PLAN_AHEAD_M = 400;
/** Re-plan when less than this is planned ahead (m). */
export const PLAN_TOPUP_M = 250;
/** Continuations at least this long count as unlimited (m). */
export const CONTINUATION_CAP_M = 1000;
/** Lanes of roads shorter than this are too short to change lanes on (m): the shortest lateral motion. */
export const NO_CHANGE_ROAD_M = 20;
/** Roads of a route kept behind the vehicle before the list is trimmed. */
const ROUTE_KEEP_BEHIND = 16;

export class RoutePlanner {
  /** Per vehicle class: the onward choices of each road for endless routes, and the roads driven for ever. */
  private readonly endlessOptions = new Map<string, Map<Road, Road[]>>();
  private readonly endlessRoads = new Map<string, Set<Road>>();

  constructor(
    private readonly net: LocalNetwork,
    private readonly rng: Rng,
  ) {}

  /** Appends one random next road to slot `v`'s endless route; false at a dead end. */
  extendRandom(st: TrafficState, v: number): boolean {
    const route = st.routes[v];
    const next = this.randomNext(route[route.length - 1], st.vClasses[v]);
    if (next === null) return false;
    route.push(next);
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

  /** Drops roads far behind slot `v`, so endless routes do not grow without bound. */
  trimRoute(st: TrafficState, v: number): void {
    const ri = st.cols.routeIndex[v];
    if (ri > 2 * ROUTE_KEEP_BEHIND) {
      const drop = ri - ROUTE_KEEP_BEHIND;
      st.routes[v].splice(0, drop);
      st.cols.routeIndex[v] = ri - drop;
    }
  }

  /** The link from normal lane `lane` towards route road `ri + 1` with the longest continuation, or null. */
  bestLink(lane: LaneData, route: readonly Road[], ri: number, vClass: string): JunctionLink | null {
    if (ri + 1 >= route.length) return null;
    const nextRoad = route[ri + 1];
    let best: JunctionLink | null = null;
    let bestScore = -1;
    for (const link of lane.outLinks) {
      if (link.to.road !== nextRoad || !link.to.lane.allows(vClass)) continue;
      const score = link.viaLengthM + this.continuation(link.to, route, ri + 1, 2, vClass);
      if (score > bestScore) {
        bestScore = score;
        best = link;
      }
    }
    return best;
  }

  /**
   * Whether taking `link` (towards route road `ri + 1`) would strand a vehicle: the lane it leads to
   * has no way on towards road `ri + 2`, and its road is too short to change lanes on
   * ({@link NO_CHANGE_ROAD_M}) — netgenerate's turn-lane splits put a junction and a road of 0.8 m
   * before the crossing, so the lane for a turn must be taken before the split. The path then ends
   * before the link, where the vehicle can still change lanes.
   */
  strands(link: JunctionLink, route: readonly Road[], ri: number, vClass: string): boolean {
    const to = link.to;
    if (to.lengthM >= NO_CHANGE_ROAD_M || ri + 2 >= route.length) return false;
    const after = route[ri + 2];
    for (const out of to.outLinks) if (out.to.road === after && out.to.lane.allows(vClass)) return false;
    return true;
  }

  /** Distance drivable on the route from the start of normal lane `lane` (route road `ri`) without a lane change (m). */
  continuation(lane: LaneData, route: readonly Road[], ri: number, depth: number, vClass: string): number {
    if (ri + 1 >= route.length || depth === 0) return CONTINUATION_CAP_M + lane.lengthM;
    const nextRoad = route[ri + 1];
    let best = lane.lengthM;
    for (const link of lane.outLinks) {
      if (link.to.road !== nextRoad || !link.to.lane.allows(vClass)) continue;
      const c = lane.lengthM + link.viaLengthM + this.continuation(link.to, route, ri + 1, depth - 1, vClass);
      if (c > best) best = c;
    }
    return best > CONTINUATION_CAP_M ? CONTINUATION_CAP_M : best;
  }

  /** Fills slot `v`'s continuation per lane of its current (normal) road. */
  updateStrategy(st: TrafficState, v: number): void {
    const c = st.cols;
    const here = st.index.lane(c.lane[v]);
    const lanes = here.road.lanes;
    const route = st.routes[v];
    const ri = c.routeIndex[v];
    const vClass = st.vClasses[v];
    const base = v * CONT_LANES;
    let best = 0;
    for (let i = 0; i < lanes.length && i < CONT_LANES; i++) {
      const d = this.net.of(lanes[i]);
      const cont = d.lane.allows(vClass) ? this.continuation(d, route, ri, 3, vClass) : 0;
      c.contM[base + i] = cont;
      if (cont > best) best = cont;
    }
    c.bestContM[v] = best;
    const i = here.lane.index;
    c.contHereM[v] = i < CONT_LANES ? c.contM[base + i] : CONTINUATION_CAP_M;
  }

  /** Re-plans slot `v`'s path from its current lane; `extend`: extend an endless route as needed (draws from the RNG). */
  plan(st: TrafficState, v: number, extend: boolean): void {
    const c = st.cols;
    const base = v * PATH_CAPACITY;
    const route = st.routes[v];
    const vClass = st.vClasses[v];
    const s = c.s[v];
    let cur = st.index.lane(c.lane[v]);
    c.pathLane[base] = cur.ordinal;
    c.pathLink[base] = -1;
    let n = 1;
    let ri = c.routeIndex[v];
    let dist = cur.lengthM;
    let end: PathEnd = PathEnd.Horizon;
    for (;;) {
      if (dist - s > PLAN_AHEAD_M || n >= PATH_CAPACITY) break;
      let next: LaneData | null;
      let link: JunctionLink | null = null;
      if (cur.internal) {
        next = nextConnector(cur);
        if (next === null) {
          end = PathEnd.Dead;
          break;
        }
      } else {
        if (ri + 1 >= route.length && !(extend && c.endless[v] === 1 && this.extendRandom(st, v))) {
          end = PathEnd.RouteEnd;
          break;
        }
        link = this.bestLink(cur, route, ri, vClass);
        if (link === null || this.strands(link, route, ri, vClass)) {
          end = PathEnd.Dead;
          break;
        }
        next = link.first;
      }
      if (!next.internal) ri++;
      c.pathLane[base + n] = next.ordinal;
      c.pathLink[base + n] = link === null ? -1 : link.index;
      n++;
      dist += next.lengthM;
      cur = next;
    }
    c.pathLen[v] = n;
    c.pathDistM[v] = dist;
    c.pathEnd[v] = end;
    c.poseDirty[v] = 1;
  }

  /**
   * The lanes after normal lane `lane` (route road `ri`) a vehicle of slot `v` would drive if it were
   * on it, into `out` from index `at` (at most `max`); returns the count and whether the sequence ends
   * at a lane without a connection (`dead.dead`). Never extends the route.
   */
  continueFrom(
    st: TrafficState,
    v: number,
    lane: LaneData,
    ri: number,
    out: Int32Array | number[],
    at: number,
    max: number,
    dead: { dead: boolean },
  ): number {
    const route = st.routes[v];
    const vClass = st.vClasses[v];
    let cur = lane;
    let n = 0;
    dead.dead = false;
    while (n < max) {
      let next: LaneData | null;
      if (cur.internal) next = nextConnector(cur);
      else {
        if (ri + 1 >= route.length) return n;
        const link = this.bestLink(cur, route, ri, vClass);
        next = link !== null && !this.strands(link, route, ri, vClass) ? link.first : null;
      }
      if (next === null) {
        dead.dead = true;
        return n;
      }
      if (!next.internal) ri++;
      out[at + n++] = next.ordinal;
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
