/**
 * Lane changing: MOBIL (Kesting, Treiber & Helbing 2007) for discretionary changes, plus strategic
 * changes towards the lanes the route needs, executed as a smooth lateral motion.
 *
 * Discretionary: change to the adjacent lane when
 *   ã_c − a_c + p·[(ã_n − a_n) + (ã_o − a_o)] > Δa_th ± a_bias   and   ã_n ≥ −b_safe, ã_c ≥ −b_safe
 * (c: the changer, n: its new follower, o: its old follower; ã after, a before; IDM accelerations;
 * a_bias favours the right lane). Strategic: each lane of the current road has a continuation (how far
 * the route can be followed on it without changing, see RoutePlanner). A vehicle never changes into a
 * lane that does not lead far enough; on one that does not, it changes towards one that does as soon as
 * the change is safe, regardless of the incentive — with b_safe raised to its type's maximum
 * deceleration once the lane's end is near. If it cannot, the lane's end is a standing obstacle: it
 * stops there and waits for a gap (see the provider's stuck-vehicle re-routing for the last resort).
 *
 * Execution: the vehicle moves onto the target lane at once (projected, so its position does not
 * change) with a lateral offset t0 that decays to 0 along a smoothstep over the distance it covers in
 * the lane-change duration at its starting speed (at least {@link MIN_LC_DISTANCE_M}); meanwhile a
 * side occupant keeps it on the lane it left, so followers on both lanes see it.
 */
import { idmAcceleration, idmFreeAcceleration } from "./IdmModel.js";
import { occDesiredSpeed, occParams } from "./Insertion.js";
import { aheadOnLane, followerOf, leaderAlong, neighbour, type Neighbour } from "./LeaderSearch.js";
import type { LaneData } from "./LocalNetwork.js";
import { CONTINUATION_CAP_M, type RoutePlanner } from "./RoutePlanner.js";
import { PathEnd, SIDE_PATH_CAPACITY, type TrafficVehicle } from "./TrafficVehicle.js";

/** Lane-change settings. */
export interface LaneChangeOptions {
  /** MOBIL safe deceleration b_safe (m/s²). */
  safeDecelMps2: number;
  /** Bias towards the right lane added to the threshold of left changes and taken from right ones (m/s²). */
  keepRightBiasMps2: number;
  /** Duration of the lateral motion at the speed it starts with (s); it is spread over at least {@link MIN_LC_DISTANCE_M}. */
  durationS: number;
}

/** A lane counts as leading on when the route can be followed on it this far ahead (or as far as any lane can) (m). */
export const STRATEGIC_HORIZON_M = 200;
/** Standstill gap kept to a dead lane end (m). */
export const LANE_END_GAP_M = 1;
/** Gaps below this (m) rule a target lane out. */
const MIN_GAP_M = 0.5;
const LOOK_AHEAD_M = 200;
const LOOK_BACK_M = 120;
/** A dead end of the planned path closer than this is the vehicle's last chance to change lanes (m). */
export const DEAD_END_NEAR_M = 15;
/** Lateral motion progresses at least as if the vehicle moved this fast, so a standing vehicle finishes its change (m/s). */
const LC_CREEP_MPS = 1;
/** Shortest distance a lateral motion is spread over (m): slow lane changes still look like lane changes. */
export const MIN_LC_DISTANCE_M = 20;
/** Largest heading deviation a lateral motion shows (rad). */
const MAX_LC_ANGLE_RAD = 0.35;
/**
 * How far a body turned by a lateral motion may swing its far end out towards the lane on its other
 * side (m): the room two wide vehicles side by side leave between them on narrow lanes. A long body
 * turns less (a bus about 8°, a car about 16°), so that its tail never reaches the lane it is not
 * changing to; the angle is only what is shown — the lateral motion itself is the same.
 */
const LC_SWING_M = 0.5;

export class LaneChanger {
  private readonly planner: RoutePlanner;
  private readonly opt: LaneChangeOptions;
  private readonly lead = neighbour();
  private readonly oldF = neighbour();
  private readonly newF = neighbour();
  private readonly tgtLead = neighbour();
  /** Scratch: a target lane and the lanes after it. */
  private readonly seq: LaneData[] = new Array(8);
  private readonly dead = { dead: false };

  constructor(planner: RoutePlanner, options: LaneChangeOptions) {
    this.planner = planner;
    this.opt = options;
  }

  /**
   * Considers a lane change for `v` and starts it when worthwhile and safe: on `discretionary` calls
   * (every few steps) for speed and for the route; on the others only when the route needs a change
   * soon (the lane stops leading on within max(40 m, 8 s)).
   * @returns true when a change started
   */
  consider(v: TrafficVehicle, discretionary: boolean): boolean {
    const lane = v.lane;
    if (lane.internal || v.changingLane || v.tailOcc.list !== null || v.s < v.halfLength) return false;
    const idx = lane.lane.index;
    const cur = contAt(v, idx);
    const needed = Math.min(v.bestContM, v.s + STRATEGIC_HORIZON_M) - 1e-6;
    const curOk = cur >= needed;
    const hl = v.halfLength;
    const speed = v.speedMps;
    const urgent = !curOk && cur - v.s - hl < Math.max(40, 8 * speed);
    if (!discretionary && !urgent) return false;
    // Which neighbours qualify at all (lane rules, route, room), before any leader or follower search.
    const room = lane.lengthM - v.s - hl;
    const deadHere = v.pathEnd === PathEnd.Dead && v.pathDistM - v.s - hl < DEAD_END_NEAR_M;
    let candidates = 0;
    for (let dir = 1; dir >= -1; dir -= 2) {
      const tgt = dir > 0 ? lane.left : lane.right;
      if (tgt === null || !tgt.lane.allows(v.vClass)) continue;
      const tc = contAt(v, tgt.lane.index);
      const strategic = !curOk && tc > cur + 1e-6;
      if (curOk ? tc < needed : !strategic) continue;
      // Room to finish on this lane: discretionary changes need the whole motion; strategic ones half
      // of it, unless the lane is a dead end (then the vehicle waits at its end for a gap).
      if (room < (strategic ? (deadHere ? 0 : 0.5) : 1) * speed * this.opt.durationS + (deadHere ? 0 : hl)) continue;
      candidates |= dir > 0 ? 1 : 2;
    }
    if (candidates === 0) return false;
    const v0 = v.desiredSpeed(lane);
    const lead = leaderAlong(v, v.s, v.path, v.pathLen, LOOK_AHEAD_M, this.lead);
    let aCur = lead.occ ? idmAcceleration(speed, v0, lead.gapM, lead.speedMps, v) : idmFreeAcceleration(speed, v0, v);
    if (v.pathEnd === PathEnd.Dead) {
      const aEnd = idmAcceleration(speed, v0, v.pathDistM - v.s - hl, 0, v, LANE_END_GAP_M);
      if (aEnd < aCur) aCur = aEnd;
    }
    const oldF = followerOf(lane, v.s, v.seq, hl, v, LOOK_BACK_M, this.oldF);
    let best: LaneData | null = null;
    let bestGain = -Infinity;
    for (let dir = 1; dir >= -1; dir -= 2) {
      if ((candidates & (dir > 0 ? 1 : 2)) === 0) continue;
      const tgt = (dir > 0 ? lane.left : lane.right)!;
      const tc = contAt(v, tgt.lane.index);
      const strategic = !curOk && tc > cur + 1e-6;
      const sT = lane.lengthM > 0 ? (v.s * tgt.lengthM) / lane.lengthM : v.s;
      const gain = this.gain(v, tgt, sT, aCur, lead, oldF, tc, strategic, urgent);
      if (gain === null) continue;
      const score = strategic ? gain + 1000 : gain - this.opt.keepRightBiasMps2 * dir - v.thresholdMps2;
      if (!strategic && score <= 0) continue;
      if (score > bestGain) {
        bestGain = score;
        best = tgt;
      }
    }
    if (best === null) return false;
    // Lanes of one road can differ in length: re-check at the exact projected position before going.
    const p = best.lane.toLane(v.state.x, v.state.y);
    const sExact = Math.min(Math.max(p.s, 0), Math.max(best.lengthM - 1e-6, 0));
    const tc = contAt(v, best.lane.index);
    const strategic = !curOk && tc > cur + 1e-6;
    if (this.gain(v, best, sExact, aCur, lead, oldF, tc, strategic, urgent) === null) return false;
    this.start(v, best, sExact, p.t);
    return true;
  }

  /** MOBIL's incentive for moving to `tgt` at `sT`, or null when unsafe. */
  private gain(
    v: TrafficVehicle,
    tgt: LaneData,
    sT: number,
    aCur: number,
    lead: Neighbour,
    oldF: Neighbour,
    tgtCont: number,
    strategic: boolean,
    urgent: boolean,
  ): number | null {
    const hl = v.halfLength;
    const speed = v.speedMps;
    const bSafe = strategic && urgent ? Math.max(this.opt.safeDecelMps2, v.maxDecelMps2) : this.opt.safeDecelMps2;
    // Leader on the target lane, else along the lanes the route would take from it (planned only then).
    this.seq[0] = tgt;
    const n =
      aheadOnLane(tgt, sT, v.seq, v) !== null
        ? 1
        : 1 + this.planner.continueFrom(tgt, v, v.routeIndex, this.seq, this.seq.length - 1, this.dead, 1);
    const lt = leaderAlong(v, sT, this.seq, n, LOOK_AHEAD_M, this.tgtLead);
    const o = lt.occ;
    let gapT = lt.gapM;
    let speedT = lt.speedMps;
    if (tgtCont < CONTINUATION_CAP_M && tgtCont - sT - hl < gapT) {
      gapT = tgtCont - sT - hl; // the target lane stops leading on: its end is a standing obstacle
      speedT = 0;
    }
    if (gapT < MIN_GAP_M) return null;
    const v0t = v.desiredSpeed(tgt);
    const aNew = gapT < Infinity ? idmAcceleration(speed, v0t, gapT, speedT, v) : idmFreeAcceleration(speed, v0t, v);
    if (aNew < -bSafe) return null;
    const nf = followerOf(tgt, sT, v.seq, hl, v, LOOK_BACK_M, this.newF);
    let dNew = 0;
    if (nf.occ !== null) {
      if (nf.gapM < MIN_GAP_M) return null;
      const fp = occParams(nf.occ);
      const fv0 = occDesiredSpeed(nf.occ, tgt);
      const after = idmAcceleration(nf.speedMps, fv0, nf.gapM, speed, fp);
      if (after < -bSafe) return null;
      const before = o
        ? idmAcceleration(nf.speedMps, fv0, nf.gapM + v.lengthM + lt.gapM, o.speedMps, fp)
        : idmFreeAcceleration(nf.speedMps, fv0, fp);
      dNew = after - before;
    }
    let dOld = 0;
    if (oldF.occ !== null) {
      const fp = occParams(oldF.occ);
      const fv0 = occDesiredSpeed(oldF.occ, v.lane);
      const before = idmAcceleration(oldF.speedMps, fv0, oldF.gapM, speed, fp);
      const after = lead.occ
        ? idmAcceleration(oldF.speedMps, fv0, oldF.gapM + v.lengthM + lead.gapM, lead.speedMps, fp)
        : idmFreeAcceleration(oldF.speedMps, fv0, fp);
      dOld = after - before;
    }
    return aNew - aCur + v.politeness * (dNew + dOld);
  }

  /** Moves `v` onto `tgt` at (s, t) — its current place — and keeps a side occupant on its old lane. */
  start(v: TrafficVehicle, tgt: LaneData, s: number, t: number): void {
    const from = v.lane;
    from.occupants.remove(v.occ);
    v.sideOffsetM = v.s - s;
    v.lane = tgt;
    v.s = s;
    v.t = t;
    v.occ.s = s;
    tgt.occupants.insert(v.occ);
    v.lcFrom = from;
    v.sidePath[0] = from;
    v.sidePathLen =
      1 + this.planner.continueFrom(from, v, v.routeIndex, v.sidePath, SIDE_PATH_CAPACITY - 1, this.dead, 1);
    v.sidePathDead = this.dead.dead;
    v.lcT0 = t;
    v.lcProgress = 0;
    v.lcDistM = this.lateralDistance(v.speedMps);
    v.sideOcc.s = s + v.sideOffsetM;
    v.sideOcc.speedMps = v.speedMps;
    from.occupants.insert(v.sideOcc);
    this.planner.plan(v, true);
    this.planner.updateStrategy(v);
  }

  /**
   * Advances the lateral motion of `v` after it travelled `advanceM` this step: the offset follows a
   * smoothstep over the lane-change distance, so a slow vehicle changes lanes slowly (a standing one
   * creeping sideways as if at {@link LC_CREEP_MPS}) and the heading angle stays that of a real lane change.
   */
  advanceLateral(v: TrafficVehicle, advanceM: number, dtS: number): void {
    if (v.lcProgress >= 1) return;
    const creep = LC_CREEP_MPS * dtS;
    const moved = advanceM > creep ? advanceM : creep;
    if (!v.lane.internal) {
      // Finish on this lane: what is left of the motion is compressed into the room to its end, so
      // that no vehicle enters a junction off its connector's centreline (conflict zones assume that).
      const left = v.lane.lengthM - v.s + advanceM;
      if ((1 - v.lcProgress) * v.lcDistM > left) v.lcDistM = (left > moved ? left : moved) / (1 - v.lcProgress);
    }
    const dist = v.lcDistM;
    const p = Math.min(1, v.lcProgress + moved / dist);
    v.lcProgress = p;
    if (p >= 1) {
      endLateral(v);
      return;
    }
    v.t = v.lcT0 * (1 - p * p * (3 - 2 * p));
    let angle = Math.atan((-v.lcT0 * 6 * p * (1 - p)) / dist);
    const max = maxLateralAngle(v.halfLength);
    if (angle > max) angle = max;
    else if (angle < -max) angle = -max;
    v.lcAngleRad = angle;
  }

  /** Distance a lateral motion starting at `speedMps` is spread over (m). */
  lateralDistance(speedMps: number): number {
    const d = speedMps * this.opt.durationS;
    return d > MIN_LC_DISTANCE_M ? d : MIN_LC_DISTANCE_M;
  }
}

/** Largest heading deviation a lateral motion shows for a body `halfLengthM` long each way (rad). */
export function maxLateralAngle(halfLengthM: number): number {
  const a = halfLengthM > LC_SWING_M ? Math.asin(LC_SWING_M / halfLengthM) : MAX_LC_ANGLE_RAD;
  return a < MAX_LC_ANGLE_RAD ? a : MAX_LC_ANGLE_RAD;
}

/** Ends a lateral motion at once: on the lane centre, side occupant removed. */
export function endLateral(v: TrafficVehicle): void {
  v.lcProgress = 1;
  v.t = 0;
  v.lcAngleRad = 0;
  v.lcFrom = null;
  v.sideOcc.list?.remove(v.sideOcc);
}

/** Continuation of lane index `idx` of the vehicle's road (m); lanes beyond the table count as unlimited. */
function contAt(v: TrafficVehicle, idx: number): number {
  return idx < v.contM.length ? v.contM[idx] : CONTINUATION_CAP_M;
}
