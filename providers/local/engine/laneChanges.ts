/**
 * Step phase *lane changes* (sequential, vehicle by vehicle in creation order, each seeing the changes
 * made before it): MOBIL (Kesting, Treiber & Helbing 2007) for discretionary changes, plus strategic
 * changes towards the lanes the route needs, executed as a smooth lateral motion.
 *
 * Discretionary: change to the adjacent lane when
 *   ã_c − a_c + p·[(ã_n − a_n) + (ã_o − a_o)] > Δa_th ± a_bias   and   ã_n ≥ −b_safe, ã_c ≥ −b_safe
 * (c: the changer, n: its new follower, o: its old follower; ã after, a before; IDM accelerations;
 * a_bias favours the right lane). Strategic: each lane of the current road has a continuation (how
 * far the route can be followed on it without changing, RoutePlanner). A vehicle never changes into a
 * lane that does not lead far enough; on one that does not, it changes towards one that does as soon
 * as the change is safe, whatever the incentive — with b_safe raised to its type's maximum
 * deceleration once the lane's end is near. If it cannot, the lane's end is a standing obstacle: it
 * stops there and waits for a gap.
 *
 * Execution: the vehicle moves onto the target lane at once (projected, so its position does not
 * change) with a lateral offset that decays to 0 along a smoothstep over the distance it covers in the
 * lane-change duration (at least {@link MIN_LC_DISTANCE_M}); meanwhile its side occupant keeps it on
 * the lane it left, so followers on both lanes see it.
 */
import {
  idmAcceleration,
  idmAccelerationOf,
  idmFreeAcceleration,
  idmFreeAccelerationOf,
  type IdmParams,
} from "../IdmModel.js";
import type { LaneData } from "../LocalNetwork.js";
import { LANE_END_GAP_M } from "./integrate.js";
import { aheadOnLane, followerOf, found, leaderAlong, type Found } from "./leaders.js";
import { OccKind } from "./LaneLists.js";
import { CONTINUATION_CAP_M, type RoutePlanner } from "./RoutePlanner.js";
import type { TrafficState } from "./TrafficState.js";
import { CONT_LANES, PATH_CAPACITY, PathEnd, SIDE_PATH_CAPACITY, SlotKind } from "./VehicleColumns.js";

/** Lane-change settings. */
export interface LaneChangeOptions {
  /** MOBIL safe deceleration b_safe (m/s²). */
  safeDecelMps2: number;
  /** Bias towards the right lane added to the threshold of left changes and taken from right ones (m/s²). */
  keepRightBiasMps2: number;
  /** Duration of the lateral motion at the speed it starts with (s). */
  durationS: number;
  /** Discretionary changes are considered every this many steps per vehicle (staggered). */
  intervalSteps: number;
}

/** A lane counts as leading on when the route can be followed on it this far ahead (or as far as any lane can) (m). */
export const STRATEGIC_HORIZON_M = 200;
/** Gaps below this (m) rule a target lane out. */
const MIN_GAP_M = 0.5;
/**
 * Gap kept in front of an agent on the target lane: this plus its speed times {@link AGENT_HEADWAY_S}
 * (m). An agent may not yield as traffic does — a learner may well speed up from a standstill.
 */
const AGENT_GAP_M = 10;
/** Time headway kept in front of an agent on the target lane (s). */
const AGENT_HEADWAY_S = 1.5;
const LOOK_AHEAD_M = 200;
const LOOK_BACK_M = 120;
/** A dead end of the planned path closer than this is the vehicle's last chance to change lanes (m). */
export const DEAD_END_NEAR_M = 15;
/**
 * A leader that costs less acceleration than this (m/s²) does not hold a vehicle back: no change for
 * speed is looked for (MOBIL would find none worth its threshold).
 */
const HELD_BACK_MPS2 = 0.1;
/** A vehicle this far behind a blocked changer's place, or nearer, is asked to let it in (m). */
const COOPERATE_BACK_M = 40;
/** Shortest distance a lateral motion is spread over (m): slow lane changes still look like lane changes. */
export const MIN_LC_DISTANCE_M = 20;

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

export class LaneChanger {
  private readonly lead = found();
  private readonly oldF = found();
  private readonly newF = found();
  private readonly tgtLead = found();
  private readonly own = new Params();
  private readonly other = new Params();
  /** Scratch: a target lane and the lanes after it. */
  private readonly seq = new Int32Array(8);
  private readonly dead = { dead: false };
  /** The tick being stepped. */
  private tick = 0;

  constructor(
    private readonly planner: RoutePlanner,
    private readonly opt: LaneChangeOptions,
  ) {}

  /** Runs the phase over the driven vehicles. */
  run(st: TrafficState, tick: number): void {
    const interval = this.opt.intervalSteps;
    const c = st.cols;
    this.tick = tick;
    for (let i = 0; i < st.count; i++) {
      const v = st.order[i];
      this.consider(st, v, (tick + c.seq[v]) % interval === 0);
    }
  }

  /**
   * Considers a lane change for slot `v` and starts it when worthwhile and safe: on `discretionary`
   * calls (every few steps) for speed and for the route; on the others only when the route needs a
   * change soon (the lane stops leading on within max(40 m, 8 s)). Returns whether one started.
   */
  consider(st: TrafficState, v: number, discretionary: boolean): boolean {
    const c = st.cols;
    const idx = st.index;
    const laneOrd = c.lane[v];
    const hl = c.halfLengthM[v];
    const s = c.s[v];
    // Typed arrays first: the lane object is read only when a change is possible at all.
    if (
      idx.laneInternal[laneOrd] === 1 ||
      c.lcProgress[v] < 1 ||
      c.lcFrom[v] >= 0 ||
      st.lists.occLane[3 * v + OccKind.Tail] >= 0 ||
      s < hl
    )
      return false;
    const lane = idx.lane(laneOrd);
    const cur = c.contHereM[v];
    const needed = Math.min(c.bestContM[v], s + STRATEGIC_HORIZON_M) - 1e-6;
    const curOk = cur >= needed;
    const speed = c.speedMps[v];
    const urgent = !curOk && cur - s - hl < Math.max(40, 8 * speed);
    if (!discretionary && !urgent) return false;
    // On a lane that leads on, a change is only for speed or to keep right: none where the leader does
    // not hold the vehicle back and there is no lane to its right.
    if (curOk && !this.heldBack(st, v, laneOrd) && !allowsRight(lane, st.vClasses[v])) return false;
    // Which neighbours qualify at all (lane rules, route, room), before any leader or follower search.
    const room = lane.lengthM - s - hl;
    const deadHere = c.pathEnd[v] === PathEnd.Dead && c.pathDistM[v] - s - hl < DEAD_END_NEAR_M;
    const vClass = st.vClasses[v];
    // Where the lanes that lead on are: a change one lane towards them is strategic even when that
    // lane does not lead on either (a turn two lanes over takes two changes).
    const towards = curOk ? 0 : this.towardsLeadingLane(st, v, lane, needed);
    let candidates = 0;
    for (let dir = 1; dir >= -1; dir -= 2) {
      const tgt = dir > 0 ? lane.left : lane.right;
      if (tgt === null || !tgt.lane.allows(vClass)) continue;
      const tc = contAt(st, v, tgt.lane.index);
      const strategic = !curOk && (tc > cur + 1e-6 || dir === towards);
      if (curOk ? tc < needed : !strategic) continue;
      // Room to finish on this lane: discretionary changes need the whole motion; strategic ones half
      // of it, unless the lane is a dead end (then the vehicle waits at its end for a gap).
      if (room < (strategic ? (deadHere ? 0 : 0.5) : 1) * speed * this.opt.durationS + (deadHere ? 0 : hl)) continue;
      candidates |= dir > 0 ? 1 : 2;
    }
    if (candidates === 0) return false;
    const p = this.own.of(st, v);
    const v0 = st.desiredSpeed(v, laneOrd);
    const lead = leaderAlong(st, v, s, c.pathLane, v * PATH_CAPACITY, c.pathLen[v], LOOK_AHEAD_M, true, this.lead);
    let aCur =
      lead.occ >= 0 ? idmAcceleration(speed, v0, lead.gapM, lead.speedMps, p) : idmFreeAcceleration(speed, v0, p);
    if (c.pathEnd[v] === PathEnd.Dead) {
      const aEnd = idmAcceleration(speed, v0, c.pathDistM[v] - s - hl, 0, p, LANE_END_GAP_M);
      if (aEnd < aCur) aCur = aEnd;
    }
    const oldF = followerOf(st, laneOrd, s, c.seq[v], hl, v, LOOK_BACK_M, this.oldF);
    let best: LaneData | null = null;
    let bestGain = -Infinity;
    for (let dir = 1; dir >= -1; dir -= 2) {
      if ((candidates & (dir > 0 ? 1 : 2)) === 0) continue;
      const tgt = (dir > 0 ? lane.left : lane.right)!;
      const tc = contAt(st, v, tgt.lane.index);
      const strategic = !curOk && (tc > cur + 1e-6 || dir === towards);
      const sT = lane.lengthM > 0 ? (s * tgt.lengthM) / lane.lengthM : s;
      const gain = this.gain(st, v, tgt, sT, aCur, lead, oldF, tc, strategic, urgent);
      if (gain === null) continue;
      const score = strategic ? gain + 1000 : gain - this.opt.keepRightBiasMps2 * dir - c.thresholdMps2[v];
      if (!strategic && score <= 0) continue;
      if (score > bestGain) {
        bestGain = score;
        best = tgt;
      }
    }
    if (best === null) {
      // Blocked where the lane stops leading on: the vehicle on the lane towards the way it needs,
      // beside or just behind it, is asked to let it in (cooperative lane changing; it does so where
      // it can brake comfortably, perceive.ts).
      if (towards !== 0) this.askForGap(st, v, towards > 0 ? lane.left : lane.right);
      return false;
    }
    // Lanes of one road can differ in length: re-check at the exact projected position before going.
    const proj = best.lane.toLane(c.x[v], c.y[v]);
    const sExact = Math.min(Math.max(proj.s, 0), Math.max(best.lengthM - 1e-6, 0));
    const tc = contAt(st, v, best.lane.index);
    const strategic = !curOk && (tc > cur + 1e-6 || (best === lane.left ? 1 : -1) === towards);
    if (this.gain(st, v, best, sExact, aCur, lead, oldF, tc, strategic, urgent) === null) return false;
    this.start(st, v, best, sExact, proj.t);
    return true;
  }

  /** Asks the vehicle behind slot `v`'s place on `tgt` (a driven one) to leave it a gap: `yieldTo`. */
  private askForGap(st: TrafficState, v: number, tgt: LaneData | null): void {
    if (tgt === null) return;
    const c = st.cols;
    const lane = st.index.lane(c.lane[v]);
    const sT = lane.lengthM > 0 ? (c.s[v] * tgt.lengthM) / lane.lengthM : c.s[v];
    const f = followerOf(st, tgt.ordinal, sT, c.seq[v], c.halfLengthM[v], v, COOPERATE_BACK_M, this.newF);
    if (f.occ < 0 || f.occ % 3 !== 0) return;
    const w = (f.occ / 3) | 0;
    if (c.kind[w] !== SlotKind.Driven || c.lane[w] !== tgt.ordinal) return;
    // Until the changer asks again (strategic changes are looked at every few steps).
    c.yieldTo[w] = v;
    c.yieldUntilTick[w] = this.tick + this.opt.intervalSteps;
  }

  /**
   * The direction (1: left, −1: right, 0: none) of the nearest lane of slot `v`'s road (allowed to it)
   * whose continuation reaches `needed`.
   */
  private towardsLeadingLane(st: TrafficState, v: number, lane: LaneData, needed: number): number {
    const lanes = lane.road.lanes;
    const here = lane.lane.index;
    const vClass = st.vClasses[v];
    for (let d = 1; d < lanes.length; d++) {
      for (const dir of [1, -1]) {
        const i = here + dir * d;
        if (i < 0 || i >= lanes.length || !lanes[i].allows(vClass)) continue;
        if (contAt(st, v, i) >= needed) return dir;
      }
    }
    return 0;
  }

  /** Whether slot `v`'s leader (as perceived this step) makes it accelerate noticeably less than on a free road. */
  private heldBack(st: TrafficState, v: number, lane: number): boolean {
    const c = st.cols;
    const gap = c.leaderGapM[v];
    if (gap === Infinity) return false;
    const speed = c.speedMps[v];
    const v0 = st.desiredSpeed(v, lane);
    const a = idmAccelerationOf(
      speed,
      v0,
      gap,
      c.leaderSpeedMps[v],
      c.headwayS[v],
      c.minGapM[v],
      c.accelMps2[v],
      c.decelMps2[v],
      c.idmRootMps2[v],
    );
    return a < idmFreeAccelerationOf(speed, v0, c.accelMps2[v], c.decelMps2[v]) - HELD_BACK_MPS2;
  }

  /** MOBIL's incentive for moving slot `v` to `tgt` at `sT`, or null when unsafe. */
  private gain(
    st: TrafficState,
    v: number,
    tgt: LaneData,
    sT: number,
    aCur: number,
    lead: Found,
    oldF: Found,
    tgtCont: number,
    strategic: boolean,
    urgent: boolean,
  ): number | null {
    const c = st.cols;
    const hl = c.halfLengthM[v];
    const speed = c.speedMps[v];
    const p = this.own.of(st, v);
    const bSafe = strategic && urgent ? Math.max(this.opt.safeDecelMps2, c.maxDecelMps2[v]) : this.opt.safeDecelMps2;
    // Leader on the target lane, else along the lanes the route would take from it (planned only then).
    this.seq[0] = tgt.ordinal;
    const n =
      aheadOnLane(st, tgt.ordinal, sT, c.seq[v], v) >= 0
        ? 1
        : 1 + this.planner.continueFrom(st, v, tgt, c.routeIndex[v], this.seq, 1, this.seq.length - 1, this.dead);
    const lt = leaderAlong(st, v, sT, this.seq, 0, n, LOOK_AHEAD_M, false, this.tgtLead);
    const o = lt.occ;
    let gapT = lt.gapM;
    let speedT = lt.speedMps;
    if (tgtCont < CONTINUATION_CAP_M && tgtCont - sT - hl < gapT) {
      gapT = tgtCont - sT - hl; // the target lane stops leading on: its end is a standing obstacle
      speedT = 0;
    }
    if (gapT < MIN_GAP_M) return null;
    const v0t = st.desiredSpeed(v, tgt.ordinal);
    const aNew = gapT < Infinity ? idmAcceleration(speed, v0t, gapT, speedT, p) : idmFreeAcceleration(speed, v0t, p);
    if (aNew < -bSafe) return null;
    const nf = followerOf(st, tgt.ordinal, sT, c.seq[v], hl, v, LOOK_BACK_M, this.newF);
    let dNew = 0;
    if (nf.occ >= 0) {
      if (nf.gapM < MIN_GAP_M) return null;
      const w = (nf.occ / 3) | 0;
      // An agent (learning or social) is not known to brake for it: keep a gap it needs no braking for.
      if (c.kind[w] !== SlotKind.Driven && nf.gapM < AGENT_GAP_M + AGENT_HEADWAY_S * nf.speedMps) return null;
      const fp = this.other.of(st, w);
      const fv0 = st.desiredSpeed(w, c.lane[w]);
      const after = idmAcceleration(nf.speedMps, fv0, nf.gapM, speed, fp);
      if (after < -bSafe) return null;
      const before =
        o >= 0
          ? idmAcceleration(nf.speedMps, fv0, nf.gapM + c.lengthM[v] + lt.gapM, lt.speedMps, fp)
          : idmFreeAcceleration(nf.speedMps, fv0, fp);
      dNew = after - before;
    }
    let dOld = 0;
    if (oldF.occ >= 0) {
      const w = (oldF.occ / 3) | 0;
      const fp = this.other.of(st, w);
      const fv0 = st.desiredSpeed(w, c.lane[w]);
      const before = idmAcceleration(oldF.speedMps, fv0, oldF.gapM, speed, fp);
      const after =
        lead.occ >= 0
          ? idmAcceleration(oldF.speedMps, fv0, oldF.gapM + c.lengthM[v] + lead.gapM, lead.speedMps, fp)
          : idmFreeAcceleration(oldF.speedMps, fv0, fp);
      dOld = after - before;
    }
    return aNew - aCur + c.politeness[v] * (dNew + dOld);
  }

  /** Moves slot `v` onto `tgt` at (s, t) — its current place — and keeps its side occupant on the lane it leaves. */
  start(st: TrafficState, v: number, tgt: LaneData, s: number, t: number): void {
    const c = st.cols;
    const lists = st.lists;
    const from = st.index.lane(c.lane[v]);
    c.sideOffsetM[v] = c.s[v] - s;
    c.lane[v] = tgt.ordinal;
    c.s[v] = s;
    c.t[v] = t;
    lists.insert(3 * v + OccKind.Primary, tgt.ordinal, s);
    c.lcFrom[v] = from.ordinal;
    const sb = v * SIDE_PATH_CAPACITY;
    c.sidePath[sb] = from.ordinal;
    c.sidePathLen[v] =
      1 +
      this.planner.continueFrom(st, v, from, c.routeIndex[v], c.sidePath, sb + 1, SIDE_PATH_CAPACITY - 1, this.dead);
    c.sidePathDead[v] = this.dead.dead ? 1 : 0;
    c.lcT0[v] = t;
    c.lcProgress[v] = 0;
    c.lcDistM[v] = this.lateralDistance(c.speedMps[v]);
    lists.insert(3 * v + OccKind.Side, from.ordinal, s + c.sideOffsetM[v]);
    c.poseDirty[v] = 1;
    this.planner.plan(st, v, true);
    this.planner.updateStrategy(st, v);
  }

  /** Distance a lateral motion starting at `speedMps` is spread over (m). */
  lateralDistance(speedMps: number): number {
    const d = speedMps * this.opt.durationS;
    return d > MIN_LC_DISTANCE_M ? d : MIN_LC_DISTANCE_M;
  }
}

/** Whether `lane` has a lane on its right that vehicles of `vClass` may use. */
function allowsRight(lane: LaneData, vClass: string): boolean {
  return lane.right !== null && lane.right.lane.allows(vClass);
}

/** Continuation of lane index `laneIndex` of slot `v`'s road (m); lanes beyond the table count as unlimited. */
function contAt(st: TrafficState, v: number, laneIndex: number): number {
  return laneIndex < CONT_LANES ? st.cols.contM[v * CONT_LANES + laneIndex] : CONTINUATION_CAP_M;
}
