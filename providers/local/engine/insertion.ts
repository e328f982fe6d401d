/**
 * Insertion without overlap: a pending vehicle goes in only where its box fits and both it and the
 * vehicle behind can keep their IDM deceleration within the comfortable one — with the leader ahead
 * along its planned path (across lane and junction boundaries), and with the follower behind on the
 * lane or the lanes leading into it. Its speed is also low enough to stop comfortably before the
 * first junction link ahead that might be closed, and near a lane's start its box keeps clear of
 * vehicles still turning onto that lane or the lanes beside it (a bus swinging out of a U-turn).
 * Otherwise it waits at the head of its queue and is tried again next step.
 *
 * The insertion speed follows the pending vehicle's rule: `max` takes the highest of a few speeds
 * (desired, ¾, ½, ¼ of it, 0) that is safe; a fixed speed, `desired` and `speedLimit` wait until
 * that speed is safe.
 */
import { orientedBoxesOverlap } from "../../../core/events/orientedBoxesOverlap.js";
import type { Road } from "../../../core/road/Road.js";
import { idmAcceleration, type IdmParams } from "../IdmModel.js";
import type { LaneData, LocalNetwork } from "../LocalNetwork.js";
import type { PendingVehicle } from "../PendingVehicle.js";
import { STOP_LINE_GAP_M } from "./integrate.js";
import { aheadOnLane, followerOf, found, leaderAlong } from "./leaders.js";
import { pointOn, writePose } from "./poses.js";
import { NO_CHANGE_ROAD_M, type RoutePlanner } from "./RoutePlanner.js";
import type { TrafficState } from "./TrafficState.js";
import { CONT_LANES, PATH_CAPACITY, PathEnd, SlotKind } from "./VehicleColumns.js";

/** Boxes never go in closer than this to another (m). */
const MIN_CLEARANCE_M = 0.5;
/** Bodies whose rear is this close to their lane's start are checked against vehicles turning in… (m) */
const SWING_CHECK_M = 15;
/** …on the lanes into it and beside it, up to this far back (m): a bus's length and more. */
const SWING_BACK_M = 12;
/** How far ahead / behind insertion looks (m). */
const LOOK_AHEAD_M = 250;
const LOOK_BACK_M = 150;
const SPEED_STEPS = [1, 0.75, 0.5, 0.25, 0];

/** IDM parameters of a slot (a reused view). */
class Params implements IdmParams {
  headwayS = 0;
  minGapM = 0;
  accelMps2 = 0;
  decelMps2 = 0;
  of(st: TrafficState, v: number): this {
    const c = st.cols;
    this.headwayS = c.headwayS[v];
    this.minGapM = c.minGapM[v];
    this.accelMps2 = c.accelMps2[v];
    this.decelMps2 = c.decelMps2[v];
    return this;
  }
}

export class Inserter {
  private readonly ahead = found();
  private readonly behind = found();
  private readonly own = new Params();
  private readonly other = new Params();
  private readonly at = { x: 0, y: 0 };
  /** Resolved routes of pending vehicles (they are tried again and again while they wait). */
  private readonly routes = new WeakMap<PendingVehicle, Road[]>();

  constructor(
    private readonly net: LocalNetwork,
    private readonly planner: RoutePlanner,
  ) {}

  /** Fills slot `v` with pending vehicle `p` (not placed: no lane yet). */
  fill(st: TrafficState, v: number, p: PendingVehicle, seq: number): void {
    const c = st.cols;
    let route = this.routes.get(p);
    if (route === undefined) {
      route = p.route.map((id) => {
        const road = this.net.net.road(id);
        if (!road) throw new Error(`local traffic: vehicle "${p.id}" has unknown road "${id}" in its route`);
        return road;
      });
      this.routes.set(p, route);
    }
    st.ids[v] = p.id;
    st.typeIds[v] = p.typeId;
    st.vClasses[v] = p.vClass;
    st.routes[v] = route.slice();
    c.kind[v] = SlotKind.Driven;
    c.seq[v] = seq;
    c.lengthM[v] = p.lengthM;
    c.halfLengthM[v] = p.lengthM / 2;
    c.widthM[v] = p.widthM;
    c.maxSpeedMps[v] = p.maxSpeedMps;
    c.maxDecelMps2[v] = p.maxDecelMps2;
    st.setDriver(v, p.driver);
    c.routeIndex[v] = 0;
    c.endless[v] = p.endless ? 1 : 0;
    c.arrivalS[v] = p.arrivalS ?? Infinity;
    resetMotion(st, v);
  }

  /**
   * Whether `p`'s one possible spot (a given lane or the first allowed one, a given position) is taken
   * by a vehicle there now: the first test {@link tryPlace} would make, without filling a slot.
   * False when `p` has several candidate spots, or when the spot is free (then try it properly).
   */
  spotTaken(st: TrafficState, p: PendingVehicle): boolean {
    if (typeof p.lane !== "number" && p.lane !== "first") return false;
    const pos = p.pos;
    if (pos.kind !== "centre" && pos.kind !== "front") return false;
    const road = this.net.net.road(p.route[0]);
    if (road === undefined || (p.lane === "first" && road.lengthM < NO_CHANGE_ROAD_M)) return false;
    let laneObj = typeof p.lane === "number" ? road.lanes[Math.min(p.lane, road.lanes.length - 1)] : undefined;
    if (laneObj === undefined) for (const l of road.lanes) if (laneObj === undefined && l.allows(p.vClass)) laneObj = l;
    if (laneObj === undefined) return false;
    const lane = this.net.of(laneObj);
    if (lane.lengthM < p.lengthM + MIN_CLEARANCE_M) return false; // starts on the road before (tryPlace)
    const hl = p.lengthM / 2;
    const len = lane.lengthM;
    const s = clampOnLane(lane, pos.kind === "centre" ? pos.sM : (pos.sM < 0 ? len + pos.sM : pos.sM) - hl, hl);
    const first = aheadOnLane(st, lane.ordinal, s, st.nextSeq, -1);
    return first >= 0 && st.lists.occS[first] - st.cols.halfLengthM[(first / 3) | 0] - s - hl < MIN_CLEARANCE_M;
  }

  /**
   * Places slot `v` (filled from `p`) if there is room now: sets its lane, position and speed and
   * plans its path; false (leaving it unplaced) when it must wait.
   */
  tryPlace(st: TrafficState, v: number, p: PendingVehicle): boolean {
    const c = st.cols;
    for (const lane of this.candidateLanes(st, v, p)) {
      // A first road shorter than the vehicle (netgenerate's 0.8 m turn-lane roads, minicity's 0.2 m
      // pieces between junctions): the vehicle starts on the road before (or the first long enough of
      // those before it), its front at that road's end — never with its body over a junction, across
      // crossing traffic.
      let before: LaneData | null = null;
      let added = 0;
      for (let at: LaneData | null = lane; at !== null && at.lengthM < c.lengthM[v] + MIN_CLEARANCE_M && added < 6;) {
        at = entryLane(at, p.vClass);
        if (at === null) break;
        before = at;
        st.routes[v].unshift(at.road);
        added++;
      }
      if (before !== null && before.lengthM < c.lengthM[v] + MIN_CLEARANCE_M) before = null; // none long enough
      if (before === null) st.routes[v].splice(0, added);
      const at = before ?? lane;
      const positions =
        before !== null
          ? [clampOnLane(before, before.lengthM, c.halfLengthM[v])]
          : this.candidatePositions(st, v, p, lane);
      for (const s of positions) {
        const speed = this.fits(st, v, p, at, s);
        if (speed < 0) continue;
        c.lane[v] = at.ordinal;
        c.s[v] = s;
        c.speedMps[v] = speed;
        this.planner.plan(st, v, true);
        this.planner.updateStrategy(st, v);
        return true;
      }
      if (before !== null) st.routes[v].splice(0, added);
    }
    return false;
  }

  private candidateLanes(st: TrafficState, v: number, p: PendingVehicle): LaneData[] {
    const road = st.routes[v][0];
    const vClass = p.vClass;
    if (typeof p.lane === "number") return [this.net.of(road.lanes[Math.min(p.lane, road.lanes.length - 1)])];
    const allowed = road.lanes.filter((l) => l.allows(vClass)).map((l) => this.net.of(l));
    if (allowed.length === 0) return [];
    if (p.lane === "first") {
      // The rightmost lane — of those that lead on, on a road too short to change lanes on.
      if (road.lengthM >= NO_CHANGE_ROAD_M || allowed.length === 1) return [allowed[0]];
      st.cols.lane[v] = allowed[0].ordinal;
      st.cols.s[v] = 0;
      this.planner.updateStrategy(st, v);
      const best = st.cols.bestContM[v];
      const base = v * CONT_LANES;
      return [allowed.find((d) => st.cols.contM[base + d.lane.index] >= best - 1e-6) ?? allowed[0]];
    }
    let pool = allowed;
    if (p.lane === "best") {
      st.cols.lane[v] = allowed[0].ordinal;
      st.cols.s[v] = 0;
      this.planner.updateStrategy(st, v);
      const best = st.cols.bestContM[v];
      const base = v * CONT_LANES;
      pool = allowed.filter((d) => st.cols.contM[base + d.lane.index] >= best - 1e-6);
    }
    const count = st.lists.count;
    return [...pool].sort((a, b) => count[a.ordinal] - count[b.ordinal] || a.lane.index - b.lane.index);
  }

  private candidatePositions(st: TrafficState, v: number, p: PendingVehicle, lane: LaneData): number[] {
    const c = st.cols;
    const lists = st.lists;
    const hl = c.halfLengthM[v];
    const len = lane.lengthM;
    const clampS = (s: number) => clampOnLane(lane, s, hl);
    const pos = p.pos;
    if (pos.kind === "centre") return [clampS(pos.sM)];
    if (pos.kind === "front") return [clampS((pos.sM < 0 ? len + pos.sM : pos.sM) - hl)];
    const back = lists.back[lane.ordinal];
    if (pos.kind === "last") {
      if (back < 0) return [clampS(hl)];
      const s = lists.occS[back] - c.halfLengthM[(back / 3) | 0] - c.minGapM[v] - hl;
      return s >= hl ? [s] : [];
    }
    // free: the lane start, then the middle of each gap between vehicles, from the start on;
    // centreOrFree: its own spot first, then those.
    const out = [clampS(hl)];
    if (pos.kind === "centreOrFree" && clampS(pos.sM) !== out[0]) out.unshift(clampS(pos.sM));
    for (let o = back; o >= 0; o = lists.occNext[o]) {
      const rear = lists.occS[o] + c.halfLengthM[(o / 3) | 0];
      const n = lists.occNext[o];
      const next = n >= 0 ? lists.occS[n] - c.halfLengthM[(n / 3) | 0] : len;
      if (next - rear > c.lengthM[v] + 2 * c.minGapM[v]) out.push(clampS((rear + next) / 2));
    }
    return out;
  }

  /** The insertion speed that is safe at (lane, s), or −1. */
  private fits(st: TrafficState, v: number, p: PendingVehicle, lane: LaneData, s: number): number {
    const c = st.cols;
    const hl = c.halfLengthM[v];
    const seq = c.seq[v];
    // The spot itself first (most waiting vehicles wait for it): no search behind and no path for a taken spot.
    const first = aheadOnLane(st, lane.ordinal, s, seq, v);
    if (first >= 0 && st.lists.occS[first] - c.halfLengthM[(first / 3) | 0] - s - hl < MIN_CLEARANCE_M) return -1;
    if (this.siblingOverlap(st, lane, s, hl)) return -1;
    const back = followerOf(st, lane.ordinal, s, seq, hl, v, LOOK_BACK_M, this.behind);
    if (back.gapM < MIN_CLEARANCE_M) return -1;
    c.lane[v] = lane.ordinal;
    c.s[v] = s;
    this.planner.plan(st, v, false);
    const lead = leaderAlong(st, v, s, c.pathLane, v * PATH_CAPACITY, c.pathLen[v], LOOK_AHEAD_M, false, this.ahead);
    if (lead.gapM < MIN_CLEARANCE_M) return -1;
    if (s - hl < SWING_CHECK_M && this.behindOverlap(st, v, lane, s)) return -1;
    let gapAhead = lead.gapM;
    let speedAhead = lead.speedMps;
    if (c.pathEnd[v] === PathEnd.Dead) {
      const toEnd = c.pathDistM[v] - s - hl;
      if (toEnd < gapAhead) {
        gapAhead = toEnd;
        speedAhead = 0;
      }
    }
    const v0 = st.desiredSpeed(v, lane.ordinal);
    const own = this.own.of(st, v);
    // Never faster than lets it stop comfortably before the first junction link that may be closed.
    const stopMax = Math.sqrt(
      2 * own.decelMps2 * Math.max(0, this.distanceToContestedLink(st, v, s) - STOP_LINE_GAP_M),
    );
    const rule = p.speed;
    const fixed =
      typeof rule === "number" ? rule : rule === "desired" ? v0 : rule === "speedLimit" ? lane.speedLimitMps : -1;
    if (fixed > stopMax) return -1;
    const steps = fixed >= 0 ? 1 : SPEED_STEPS.length;
    for (let k = 0; k < steps; k++) {
      const speed = fixed >= 0 ? fixed : Math.min(v0 * SPEED_STEPS[k], stopMax);
      if (gapAhead < Infinity && idmAcceleration(speed, v0, gapAhead, speedAhead, own) < -own.decelMps2) continue;
      if (back.occ >= 0) {
        const w = (back.occ / 3) | 0;
        const fp = this.other.of(st, w);
        if (idmAcceleration(back.speedMps, st.desiredSpeed(w, c.lane[w]), back.gapM, speed, fp) < -fp.decelMps2)
          continue;
      }
      return speed;
    }
    return -1;
  }

  /** Distance from the front of slot `v` centred at `s` to the first contested junction link on its path (m). */
  private distanceToContestedLink(st: TrafficState, v: number, s: number): number {
    const c = st.cols;
    const base = v * PATH_CAPACITY;
    let entry = -s;
    for (let k = 1; k < c.pathLen[v]; k++) {
      entry += st.index.laneLength[c.pathLane[base + k - 1]];
      if (entry - c.halfLengthM[v] > LOOK_AHEAD_M) break;
      const link = c.pathLink[base + k];
      if (link >= 0 && st.index.linkContested[link] === 1) return entry - c.halfLengthM[v];
    }
    return Infinity;
  }

  /**
   * Whether a body of slot `v` at (lane, s) near the lane's start would touch a vehicle behind that
   * start — on the lanes leading into this lane or the lanes beside it, up to {@link SWING_BACK_M}
   * back, through junctions and short pieces of road: a bus swinging out of a U-turn or a tight turn
   * reaches over the neighbouring lanes' starts (boxes as reported, {@link MIN_CLEARANCE_M} apart).
   */
  private behindOverlap(st: TrafficState, v: number, lane: LaneData, s: number): boolean {
    const c = st.cols;
    const at = this.at;
    const seg = pointOn(lane, s, 0, at);
    const h = lane.segHeading[seg];
    const cos = Math.cos(h),
      sin = Math.sin(h);
    const hl = c.halfLengthM[v] + MIN_CLEARANCE_M,
      hw = c.widthM[v] / 2 + MIN_CLEARANCE_M;
    const behind = this.behindLanes;
    const ends = this.behindEnd;
    behind.length = 0;
    ends.length = 0;
    for (const target of [lane, lane.left, lane.right]) {
      if (target === null) continue;
      // Breadth first back from the lane's start: (lane, how far its end is behind that start).
      const from = behind.length;
      for (const pred of target.predecessors) {
        behind.push(pred);
        ends.push(0);
      }
      for (let k = from; k < behind.length; k++) {
        const back = ends[k] + behind[k].lengthM;
        if (back >= SWING_BACK_M) continue;
        for (const pred of behind[k].predecessors) {
          if (behind.indexOf(pred) >= 0) continue;
          behind.push(pred);
          ends.push(back);
        }
      }
    }
    const lists = st.lists;
    for (const pred of behind) {
      for (let o = lists.back[pred.ordinal]; o >= 0; o = lists.occNext[o]) {
        const w = (o / 3) | 0;
        if (w === v || c.kind[w] !== SlotKind.Driven) continue;
        if (c.poseDirty[w] === 1) {
          writePose(st, w);
          c.poseDirty[w] = 0;
        }
        const hw2 = c.headingRad[w];
        if (
          orientedBoxesOverlap(
            at.x,
            at.y,
            cos,
            sin,
            hl,
            hw,
            c.x[w],
            c.y[w],
            Math.cos(hw2),
            Math.sin(hw2),
            c.halfLengthM[w],
            c.widthM[w] / 2,
          )
        )
          return true;
      }
    }
    return false;
  }
  private readonly behindLanes: LaneData[] = [];
  private readonly behindEnd: number[] = [];

  /** Whether a body at (lane, s) near the lane's start would touch a vehicle on a lane starting alongside. */
  private siblingOverlap(st: TrafficState, lane: LaneData, s: number, hl: number): boolean {
    const lists = st.lists;
    const c = st.cols;
    for (const sib of lane.siblings) {
      if (s - hl >= sib.overlapM) continue;
      for (let o = lists.back[sib.lane.ordinal]; o >= 0; o = lists.occNext[o]) {
        if (Math.abs(lists.occS[o] - s) < hl + c.halfLengthM[(o / 3) | 0] + MIN_CLEARANCE_M) return true;
      }
    }
    return false;
  }
}

/** Where a body `hl` each way may be centred on `lane` near `s`: within the lane, or its middle when the lane is shorter. */
export function clampOnLane(lane: LaneData, s: number, hl: number): number {
  const len = lane.lengthM;
  return len <= 2 * hl ? len / 2 : Math.min(Math.max(s, hl), len - hl);
}

/** A normal lane with a junction link straight onto `lane` that vehicles of `vClass` use, or null. */
function entryLane(lane: LaneData, vClass: string): LaneData | null {
  for (const pred of lane.predecessors) {
    const from = pred.internal ? (pred.link !== null && pred.link.to === lane ? pred.link.from : null) : pred;
    if (from !== null && !from.internal && from.lane.allows(vClass)) return from;
  }
  return null;
}

/** Clears slot `v`'s motion state (a vehicle about to be placed). */
export function resetMotion(st: TrafficState, v: number): void {
  const c = st.cols;
  c.t[v] = 0;
  c.speedMps[v] = 0;
  c.lastAccelMps2[v] = 0;
  c.prevLane[v] = -1;
  c.lcFrom[v] = -1;
  c.lcT0[v] = 0;
  c.lcProgress[v] = 1;
  c.lcAngleRad[v] = 0;
  c.lcDistM[v] = 20;
  c.sideOffsetM[v] = 0;
  c.sidePathLen[v] = 0;
  c.sidePathDead[v] = 0;
  c.curLink[v] = -1;
  c.sinceLinkM[v] = 0;
  c.waitS[v] = 0;
  c.stuckS[v] = 0;
  c.jamS[v] = 0;
  c.blockedBySeq[v] = -1;
  c.passLink[v] = -1;
  c.yieldTo[v] = -1;
  c.yieldUntilTick[v] = -1;
  c.regCount[v] = 0;
  c.decider[v] = -1;
  c.stopLink[v] = -1;
  c.stopDistM[v] = Infinity;
  c.swingGapM[v] = Infinity;
  c.leaderGapM[v] = Infinity;
  c.leaderSpeedMps[v] = 0;
  c.gap2M[v] = Infinity;
  c.limitAccelMps2[v] = Infinity;
  c.poseDirty[v] = 1;
}
