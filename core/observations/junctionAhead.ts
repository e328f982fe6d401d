/**
 * The `junction` part of an observation: the next junction link on the ego's path that conflicts
 * with others (or the one the ego is crossing, unless the next one begins within `NEXT_LINK_M` of
 * its exit — a junction cluster split by a short road, where the next link is the one to yield at),
 * what the junction's right-of-way table says about it, the vehicles approaching or crossing its
 * foes, and which lanes of the current road lead on along the route. It is what a rule-based driver needs to yield as the table says, accept gaps at
 * merges and unprotected turns, and be on a lane that continues in time; a learned policy may read
 * it too.
 *
 * The path is walked as the `signals` part walks it (`signalAhead.ts`): the route's connection at
 * each lane end, else the lane's straight-on connection. Links without foes (a road joining the
 * next one) are passed over. Foes come from the frame: a vehicle whose lane is one of a foe link's
 * connector lanes (inside) or lies on its approach within `lookaheadM` of its stop line, unless that
 * foe link shows red (then only vehicles already inside count). A vehicle on a lane that leads to
 * several links counts for any conflicting one (the frame does not carry its route). Rows are sorted
 * by time to the entry (inside first), the nearest `maxFoes` kept.
 */
import { signalMeaning } from "../road/SignalSchedule.js";
import type { JunctionLink, JunctionLinks, LinkLane } from "../road/JunctionLinks.js";
import type { Lane } from "../road/Lane.js";
import { nextPathLane, pathConnection } from "../road/nextLaneOnRoute.js";
import type { Road } from "../road/Road.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { SimFrame } from "../simulation/SimFrame.js";
import type { EgoFrame } from "./EgoFrame.js";
import { JUNCTION_FOE_FEATURES, columns, junctionFeatures } from "./observationFeatures.js";

const J = columns(junctionFeatures(1));
const F = columns(JUNCTION_FOE_FEATURES);
const FOE_N = JUNCTION_FOE_FEATURES.length;
/** A link with foes whose entry lies within this of the exit of the link the ego crosses is reported instead (m). */
const NEXT_LINK_M = 20;

/** A lane watched for one ego link: the foe links it approaches or crosses. */
interface Watched {
  entries: { foe: JunctionLink; at: LinkLane }[];
}

/** Per ego link (and lookahead): the lanes to watch, by lane id. */
interface WatchTable {
  lookaheadM: number;
  lanes: Map<string, Watched>;
  /** The junction centre and a radius beyond which no watched vehicle can be (m), for a cheap first test. */
  cx: number;
  cy: number;
  radiusM: number;
}

/** Writes the `junction` part; one per observation builder (it caches per-link tables). */
export class JunctionAhead {
  private readonly tables = new Map<JunctionLink, WatchTable>();
  private table: JunctionLinks | undefined;
  // Scratch for the foe rows, sorted by time to entry.
  private readonly rowIndex: number[] = [];
  private readonly rowTime: number[] = [];
  private readonly rowDist: number[] = [];
  private readonly rowInside: boolean[] = [];
  private readonly rowYield: boolean[] = [];

  constructor(
    readonly lookaheadM: number,
    readonly maxFoes: number,
  ) {}

  /**
   * Fills `link` (junctionFeatures) and `foes`/`mask` (maxFoes × JUNCTION_FOE_FEATURES) for the ego
   * at `(lane, s)`; the arrays must be zeroed. `egoIndex` is the ego's position in `frame` (−1: none).
   */
  write(
    net: RoadNetwork,
    lane: Lane | undefined,
    s: number,
    route: readonly Road[],
    frame: SimFrame,
    egoIndex: number,
    ego: EgoFrame,
    link: Float32Array,
    foes: Float32Array,
    mask: Uint8Array,
  ): void {
    const L = this.lookaheadM;
    link[J.entryDistanceM] = L;
    link[J.exitDistanceM] = L;
    if (!lane) return;
    if (this.table?.network !== net) {
      this.table = net.junctionLinks();
      this.tables.clear();
    }
    this.writeRouteLanes(net, lane, s, route, link);
    const found = this.findLink(net, lane, s, route);
    if (!found) return;
    const { ahead, entryM, exitM, inside } = found;
    link[J.present] = 1;
    link[J.entryDistanceM] = entryM;
    link[J.exitDistanceM] = exitM;
    link[J.inside] = inside ? 1 : 0;
    link[J.mustYield] = ahead.yieldsTo.size > 0 ? 1 : 0;
    link[J.mustStop] = ahead.mustStop ? 1 : 0;
    this.writeFoes(ahead, frame, egoIndex, ego, foes, mask);
  }

  /** The first link with foes on the path within the lookahead, or the one the ego is on. */
  private findLink(
    net: RoadNetwork,
    lane: Lane,
    s: number,
    route: readonly Road[],
  ): { ahead: JunctionLink; entryM: number; exitM: number; inside: boolean } | undefined {
    if (lane.isInternal) {
      const on = this.table!.ofInsideLane(lane.id);
      if (on && on.foes.length > 0) {
        let rest = lane.centreline.length - s;
        let after = false;
        for (const v of on.via) {
          if (after) rest += v.centreline.length;
          if (v === lane) after = true;
        }
        // A junction close behind this one (a cluster split by a short road): its link is the one
        // to yield at now — the ego is committed to the link it is crossing.
        const last = on.via[on.via.length - 1];
        const exit = Math.max(0, rest);
        const next = last ? this.linkAfter(net, last, exit - last.centreline.length, route, -1) : undefined;
        if (next && next.entryM <= exit + NEXT_LINK_M) return next;
        return { ahead: on, entryM: 0, exitM: exit, inside: true };
      }
    }
    return this.linkAfter(net, lane, -s, route, route.indexOf(lane.road));
  }

  /** The first link with foes on the path from the start of `lane` (`travelled` m from the ego, negative behind it). */
  private linkAfter(
    net: RoadNetwork,
    lane: Lane,
    travelled: number,
    route: readonly Road[],
    routeIndex: number,
  ): { ahead: JunctionLink; entryM: number; exitM: number; inside: boolean } | undefined {
    const links = this.table!;
    let current: Lane | undefined = lane;
    let guard = 0;
    while (current && guard++ < 10_000) {
      const toEnd = travelled + current.centreline.length;
      if (toEnd > this.lookaheadM) return undefined;
      let next: Lane | undefined;
      if (current.isInternal) next = nextPathLane(net, current, route, routeIndex);
      else {
        const c =
          pathConnection(net, current, route, routeIndex) ??
          (route.length > 0 ? pathConnection(net, current, [], -1) : undefined);
        const ahead = c ? links.ofConnection(c) : undefined;
        if (ahead && ahead.foes.length > 0) {
          const entryM = Math.max(0, toEnd);
          return { ahead, entryM, exitM: entryM + ahead.lengthM, inside: false };
        }
        next = c ? (c.via ? net.lane(c.via) : net.lane(c.toLane)) : undefined;
      }
      if (next && !next.isInternal) routeIndex = route.indexOf(next.road);
      travelled = toEnd;
      current = next;
    }
    return undefined;
  }

  /** `routeLaneOffset` and `routeLaneDistanceM` for the ego's lane. */
  private writeRouteLanes(net: RoadNetwork, lane: Lane, s: number, route: readonly Road[], out: Float32Array): void {
    if (lane.isInternal) return;
    const routeIndex = route.indexOf(lane.road);
    if (route.length > 0 && (routeIndex < 0 || routeIndex + 1 >= route.length)) return;
    const leadsOn = (l: Lane) =>
      route.length > 0 ? pathConnection(net, l, route, routeIndex) !== undefined : net.connectionsFrom.has(l.id);
    if (leadsOn(lane)) return;
    const lanes = lane.road.lanes;
    let best = 0;
    for (let d = 1; d < lanes.length; d++) {
      const left = lanes[lane.index + d];
      const right = lane.index - d >= 0 ? lanes[lane.index - d] : undefined;
      if (left && leadsOn(left)) best = d;
      else if (right && leadsOn(right)) best = -d;
      if (best !== 0) break;
    }
    if (best === 0) return;
    out[J.routeLaneOffset] = best;
    out[J.routeLaneDistanceM] = Math.max(0, lane.centreline.length - s);
  }

  /** The foe rows of `ahead`, nearest in time first. */
  private writeFoes(
    ahead: JunctionLink,
    frame: SimFrame,
    egoIndex: number,
    ego: EgoFrame,
    out: Float32Array,
    mask: Uint8Array,
  ): void {
    const table = this.watchTable(ahead);
    const n = frame.count;
    const idx = this.rowIndex,
      time = this.rowTime,
      dist = this.rowDist,
      inside = this.rowInside,
      yields = this.rowYield;
    idx.length = time.length = dist.length = inside.length = yields.length = 0;
    const r2 = table.radiusM * table.radiusM;
    for (let i = 0; i < n; i++) {
      if (i === egoIndex) continue;
      const dx = frame.x[i] - table.cx,
        dy = frame.y[i] - table.cy;
      if (dx * dx + dy * dy > r2) continue;
      const watched = table.lanes.get(frame.laneIds[i]);
      if (!watched) continue;
      let best = Infinity;
      let isInside = false;
      let egoYields = false;
      for (const e of watched.entries) {
        if (!e.at.inside && redFor(e.foe, frame)) continue;
        const lane = e.at.lane;
        const p = lane.toLane(frame.x[i], frame.y[i]);
        const d = e.at.toEntryM + (lane.centreline.length - Math.min(Math.max(p.s, 0), lane.centreline.length));
        if (!e.at.inside && d > this.lookaheadM) continue;
        if (d < best) best = d;
        if (e.at.inside) isInside = true;
        if (ahead.yieldsTo.has(e.foe)) egoYields = true;
      }
      if (best === Infinity) continue;
      const speed = frame.speedMps[i];
      const t = isInside ? -1 : best / Math.max(speed, 1);
      // Insert sorted by time (ties: frame order), keep at most maxFoes.
      let k = idx.length;
      while (k > 0 && time[k - 1] > t) k--;
      if (k >= this.maxFoes) continue;
      idx.splice(k, 0, i);
      time.splice(k, 0, t);
      dist.splice(k, 0, best);
      inside.splice(k, 0, isInside);
      yields.splice(k, 0, egoYields);
      if (idx.length > this.maxFoes) {
        idx.length = time.length = dist.length = inside.length = yields.length = this.maxFoes;
      }
    }
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const o = k * FOE_N;
      out[o + F.x] = ego.forward(frame.x[i], frame.y[i]);
      out[o + F.y] = ego.left(frame.x[i], frame.y[i]);
      out[o + F.entryDistanceM] = dist[k];
      out[o + F.speedMps] = frame.speedMps[i];
      out[o + F.inside] = inside[k] ? 1 : 0;
      out[o + F.egoYields] = yields[k] ? 1 : 0;
      out[o + F.lengthM] = 2 * frame.halfLength[i];
      mask[k] = 1;
    }
  }

  /** The lanes to watch for `ahead`: its foes' connector lanes and approaches, minus the ego link's own approach. */
  private watchTable(ahead: JunctionLink): WatchTable {
    const cached = this.tables.get(ahead);
    if (cached) return cached;
    const links = this.table!;
    const own = links.approach(ahead, this.lookaheadM);
    const lanes = new Map<string, Watched>();
    let cx = 0,
      cy = 0,
      points = 0;
    const entry = ahead.fromLane.centreline;
    const ex = entry.xs[entry.xs.length - 1],
      ey = entry.ys[entry.ys.length - 1];
    for (const foe of ahead.foes) {
      for (const at of links.approach(foe, this.lookaheadM).values()) {
        if (!at.inside && own.has(at.lane.id)) continue;
        const w = lanes.get(at.lane.id);
        if (w) w.entries.push({ foe, at });
        else lanes.set(at.lane.id, { entries: [{ foe, at }] });
      }
      const c = foe.fromLane.centreline;
      cx += c.xs[c.xs.length - 1];
      cy += c.ys[c.ys.length - 1];
      points++;
    }
    cx = points > 0 ? (cx + ex) / (points + 1) : ex;
    cy = points > 0 ? (cy + ey) / (points + 1) : ey;
    // Every watched lane lies within lookahead (plus the lane's own length and the junction's size) of the centre.
    let radiusM = 0;
    for (const w of lanes.values()) {
      const lane = w.entries[0].at.lane;
      const [x0, y0, x1, y1] = lane.centreline.bounds();
      const far = Math.max(
        Math.hypot(x0 - cx, y0 - cy),
        Math.hypot(x1 - cx, y1 - cy),
        Math.hypot(x0 - cx, y1 - cy),
        Math.hypot(x1 - cx, y0 - cy),
      );
      if (far > radiusM) radiusM = far;
    }
    const t: WatchTable = { lookaheadM: this.lookaheadM, lanes, cx, cy, radiusM: radiusM + 5 };
    this.tables.set(ahead, t);
    return t;
  }
}

/** Whether `link`'s traffic light shows red now (a vehicle approaching it stops). */
function redFor(link: JunctionLink, frame: SimFrame): boolean {
  const c = link.connection;
  if (c.tlId === undefined || c.linkIndex === undefined) return false;
  const state = frame.signals.get(c.tlId);
  if (state === undefined || c.linkIndex >= state.length) return false;
  const ch = state[c.linkIndex];
  return signalMeaning(ch) === "stop" && ch !== "y" && ch !== "Y";
}
