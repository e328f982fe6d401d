/**
 * Insertion without overlap: a pending vehicle goes in only where its box fits and both it and the
 * vehicle behind can keep their IDM deceleration within the comfortable one — with the leader ahead
 * along its planned path (across lane and junction boundaries), and with the follower behind on the
 * lane or the lanes leading into it. Otherwise it stays at the head of its queue and is tried again
 * next step: vehicles wait, they never teleport.
 *
 * The insertion speed follows the pending vehicle's rule: `max` takes the highest of a few speeds
 * (desired, ¾, ½, ¼ of it, 0) that is safe; a fixed speed, `desired` and `speedLimit` wait until
 * that speed is safe.
 */
import { orientedBoxesOverlap } from "../../core/events/orientedBoxesOverlap.js";
import { idmAcceleration, type IdmParams } from "./IdmModel.js";
import { aheadOnLane, followerOf, leaderAlong, neighbour } from "./LeaderSearch.js";
import type { LaneData, LocalNetwork } from "./LocalNetwork.js";
import type { Occupant } from "./LaneOccupancy.js";
import type { PendingVehicle } from "./PendingVehicle.js";
import type { RoutePlanner } from "./RoutePlanner.js";
import { PathEnd, pointOn, TrafficVehicle } from "./TrafficVehicle.js";
import { STOP_LINE_GAP_M } from "./VehicleStep.js";

/** IDM parameters assumed for vehicles the provider does not drive (SUMO passenger defaults). */
export const FOREIGN_IDM: IdmParams = { headwayS: 1, minGapM: 2.5, accelMps2: 2.6, decelMps2: 4.5 };
/** Boxes never go in closer than this to another (m). */
const MIN_CLEARANCE_M = 0.5;
/** Bodies whose rear is this close to their lane's start are checked against vehicles on the lanes into it and the lanes beside it (m)… */
const SWING_CHECK_M = 15;
/** …on those lanes up to this far back (m): a bus's length and more. */
const SWING_BACK_M = 12;
const _at = { x: 0, y: 0 };
/** How far ahead / behind insertion looks (m). */
const LOOK_AHEAD_M = 250;
const LOOK_BACK_M = 150;
const SPEED_STEPS = [1, 0.75, 0.5, 0.25, 0];

/** IDM parameters of occupant `o`: its driver's, or the foreign defaults. */
export function occParams(o: Occupant): IdmParams {
  return o.veh ?? FOREIGN_IDM;
}

/** Desired speed of occupant `o` seen on `lane` (m/s). */
export function occDesiredSpeed(o: Occupant, lane: LaneData): number {
  return o.veh ? o.veh.desiredSpeed(o.veh.lane) : lane.speedLimitMps;
}

export class Inserter {
  private readonly net: LocalNetwork;
  private readonly planner: RoutePlanner;
  private readonly ahead = neighbour();
  private readonly behind = neighbour();

  constructor(net: LocalNetwork, planner: RoutePlanner) {
    this.net = net;
    this.planner = planner;
  }

  /** A vehicle for `p`, not yet placed (its route resolved). */
  create(p: PendingVehicle, seq: number): TrafficVehicle {
    const v = new TrafficVehicle({
      id: p.id,
      seq,
      typeId: p.typeId,
      vClass: p.vClass,
      lengthM: p.lengthM,
      widthM: p.widthM,
      maxSpeedMps: p.maxSpeedMps,
      maxDecelMps2: p.maxDecelMps2,
      driver: p.driver,
    });
    v.route = p.route.map((id) => {
      const road = this.net.net.road(id);
      if (!road) throw new Error(`local traffic: vehicle "${p.id}" has unknown road "${id}" in its route`);
      return road;
    });
    v.endless = p.endless;
    v.arrivalS = p.arrivalS ?? Infinity;
    return v;
  }

  /**
   * Places `v` (made by {@link create} from `p`) if there is room now: sets its lane, position and
   * speed and plans its path; returns false (leaving it unplaced) when it must wait.
   */
  tryPlace(v: TrafficVehicle, p: PendingVehicle): boolean {
    for (const lane of this.candidateLanes(v, p)) {
      const d = this.net.of(lane.lane);
      for (const s of this.candidatePositions(v, p, d)) {
        const speed = this.fits(v, p, d, s);
        if (speed < 0) continue;
        v.lane = d;
        v.s = s;
        v.speedMps = speed;
        this.planner.plan(v, true);
        this.planner.updateStrategy(v);
        return true;
      }
    }
    return false;
  }

  private candidateLanes(v: TrafficVehicle, p: PendingVehicle): LaneData[] {
    const road = v.route[0];
    const allowed = road.lanes.filter((l) => l.allows(v.vClass)).map((l) => this.net.of(l));
    if (typeof p.lane === "number") return [this.net.of(road.lanes[Math.min(p.lane, road.lanes.length - 1)])];
    if (allowed.length === 0) return [];
    if (p.lane === "first") return [allowed[0]];
    let pool = allowed;
    if (p.lane === "best") {
      v.lane = allowed[0];
      v.s = 0;
      this.planner.updateStrategy(v);
      const best = v.bestContM;
      pool = allowed.filter((d) => v.contM[d.lane.index] >= best - 1e-6);
    }
    return [...pool].sort((a, b) => a.occupants.size - b.occupants.size || a.lane.index - b.lane.index);
  }

  private candidatePositions(v: TrafficVehicle, p: PendingVehicle, lane: LaneData): number[] {
    const hl = v.halfLength;
    const len = lane.lengthM;
    const clampS = (s: number) => (len <= 2 * hl ? len / 2 : Math.min(Math.max(s, hl), len - hl));
    const pos = p.pos;
    if (pos.kind === "centre") return [clampS(pos.sM)];
    if (pos.kind === "front") return [clampS((pos.sM < 0 ? len + pos.sM : pos.sM) - hl)];
    const occ = lane.occupants.items;
    if (pos.kind === "last") {
      if (occ.length === 0) return [clampS(hl)];
      const s = occ[0].s - occ[0].halfLength - v.minGapM - hl;
      return s >= hl ? [s] : [];
    }
    // free: the lane start, then the middle of each gap between vehicles, from the start on;
    // centreOrFree: its own spot first, then those (on an empty lane too, where that spot may be
    // no good: too near a lane end the route cannot pass).
    const out = [clampS(hl)];
    if (pos.kind === "centreOrFree" && clampS(pos.sM) !== out[0]) out.unshift(clampS(pos.sM));
    for (let i = 0; i < occ.length; i++) {
      const rear = occ[i].s + occ[i].halfLength;
      const next = i + 1 < occ.length ? occ[i + 1].s - occ[i + 1].halfLength : len;
      if (next - rear > v.lengthM + 2 * v.minGapM) out.push(clampS((rear + next) / 2));
    }
    return out;
  }

  /** The insertion speed that is safe at (lane, s), or −1. */
  private fits(v: TrafficVehicle, p: PendingVehicle, lane: LaneData, s: number): number {
    const hl = v.halfLength;
    // The spot itself first (most waiting vehicles wait for it, the queue ahead reaching back over
    // it): no follower search through the lanes behind and no path for a taken spot.
    const first = aheadOnLane(lane, s, v.seq, v);
    if (first !== null && first.s - first.halfLength - s - hl < MIN_CLEARANCE_M) return -1;
    if (this.siblingOverlap(lane, s, hl)) return -1;
    const back = followerOf(lane, s, v.seq, hl, v, LOOK_BACK_M, this.behind);
    if (back.gapM < MIN_CLEARANCE_M) return -1;
    v.lane = lane;
    v.s = s;
    this.planner.plan(v, false);
    const lead = leaderAlong(v, s, v.path, v.pathLen, LOOK_AHEAD_M, this.ahead);
    if (lead.gapM < MIN_CLEARANCE_M) return -1;
    if (s - hl < SWING_CHECK_M && this.behindOverlap(v, lane, s)) return -1;
    let gapAhead = lead.gapM;
    let speedAhead = lead.speedMps;
    if (v.pathEnd === PathEnd.Dead) {
      const toEnd = v.pathDistM - s - hl;
      if (toEnd < gapAhead) {
        gapAhead = toEnd;
        speedAhead = 0;
      }
    }
    const v0 = v.desiredSpeed(lane);
    // Never faster than lets it stop comfortably before the first junction link that may be closed.
    const stopMax = Math.sqrt(2 * v.decelMps2 * Math.max(0, this.distanceToContestedLink(v, s) - STOP_LINE_GAP_M));
    const rule = p.speed;
    const fixed =
      typeof rule === "number" ? rule : rule === "desired" ? v0 : rule === "speedLimit" ? lane.speedLimitMps : -1;
    if (fixed > stopMax) return -1;
    const steps = fixed >= 0 ? 1 : SPEED_STEPS.length;
    for (let k = 0; k < steps; k++) {
      const speed = fixed >= 0 ? fixed : Math.min(v0 * SPEED_STEPS[k], stopMax);
      if (gapAhead < Infinity && idmAcceleration(speed, v0, gapAhead, speedAhead, v) < -v.decelMps2) continue;
      if (back.occ !== null) {
        const fp = occParams(back.occ);
        if (idmAcceleration(back.speedMps, occDesiredSpeed(back.occ, lane), back.gapM, speed, fp) < -fp.decelMps2)
          continue;
      }
      return speed;
    }
    return -1;
  }

  /** Distance from the front of `v` centred at `s` to the first contested junction link on its path (m). */
  private distanceToContestedLink(v: TrafficVehicle, s: number): number {
    let entry = -s;
    for (let k = 1; k < v.pathLen; k++) {
      entry += v.path[k - 1].lengthM;
      if (entry - v.halfLength > LOOK_AHEAD_M) break;
      if (v.pathLinks[k]?.contested) return entry - v.halfLength;
    }
    return Infinity;
  }

  /**
   * Whether a body of `v` at (lane, s) near the lane start would touch a vehicle behind that start —
   * on the lanes leading into this lane or the lanes beside it, up to {@link SWING_BACK_M} back, through
   * junctions and the short pieces of road and folds SUMO puts between them: a bus swinging out of a
   * U-turn or a tight turn reaches over the neighbouring lanes' starts, and a body still turning onto
   * the lane stands at an angle to it (boxes as reported, {@link MIN_CLEARANCE_M} apart).
   */
  private behindOverlap(v: TrafficVehicle, lane: LaneData, s: number): boolean {
    const seg = pointOn(lane, s, 0, _at);
    const h = lane.segHeading[seg];
    const c = Math.cos(h),
      sn = Math.sin(h);
    const hl = v.halfLength + MIN_CLEARANCE_M,
      hw = v.widthM / 2 + MIN_CLEARANCE_M;
    const behind = this.behindLanes;
    behind.length = 0;
    this.behindEnd.length = 0;
    for (const target of [lane, lane.left, lane.right]) {
      if (target === null) continue;
      // Breadth first back from the lane's start: (lane, how far its end is behind that start).
      const from = behind.length;
      for (const pred of target.predecessors) {
        behind.push(pred);
        this.behindEnd.push(0);
      }
      for (let k = from; k < behind.length; k++) {
        const back = this.behindEnd[k] + behind[k].lengthM;
        if (back >= SWING_BACK_M) continue;
        for (const pred of behind[k].predecessors) {
          if (behind.indexOf(pred) >= 0) continue;
          behind.push(pred);
          this.behindEnd.push(back);
        }
      }
    }
    for (const pred of behind) {
      for (const o of pred.occupants.items) {
        const w = o.veh;
        if (w === null || w === v) continue;
        w.writeState();
        const st = w.state;
        if (
          orientedBoxesOverlap(
            _at.x,
            _at.y,
            c,
            sn,
            hl,
            hw,
            st.x,
            st.y,
            Math.cos(st.headingRad),
            Math.sin(st.headingRad),
            w.halfLength,
            w.widthM / 2,
          )
        )
          return true;
      }
    }
    return false;
  }
  /** Scratch of {@link behindOverlap}: the lanes behind, and how far behind the start each one ends (m). */
  private readonly behindLanes: LaneData[] = [];
  private readonly behindEnd: number[] = [];

  /** Whether a body at (lane, s) near the lane start would touch a vehicle on a lane starting alongside. */
  private siblingOverlap(lane: LaneData, s: number, hl: number): boolean {
    for (const sib of lane.siblings) {
      if (s - hl >= sib.overlapM) continue;
      for (const o of sib.lane.occupants.items) {
        if (Math.abs(o.s - s) < hl + o.halfLength + MIN_CLEARANCE_M) return true;
      }
    }
    return false;
  }
}
