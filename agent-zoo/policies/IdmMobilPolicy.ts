/**
 * idm-mobil: a rule-based driver that finishes its mission, from its observation only. It follows
 * the car ahead with the Intelligent Driver Model and changes lanes with MOBIL — the same functions
 * the local traffic drives with (`providers/local/index.ts`: `idmAcceleration`, `mobilIncentive`,
 * `mobilSafe`) — and on top of that does what a route needs:
 *
 * - **route lanes**: it moves to a lane that leads on along the route in time — off an on-ramp's
 *   acceleration lane, off a dropped lane, into a turn lane — as soon as the change is safe (the
 *   `junction` part's `routeLaneOffset`; a waypoint path that ends before the goal; the goal's lane
 *   near the end). A lane end it has not left yet is a standing obstacle: it waits there for a gap.
 * - **signals**: a red or amber light it can still stop for comfortably is a standing obstacle at
 *   the stop line (past that point it goes on, as drivers do at amber).
 * - **right of way** (`junction` part): at the next junction link it yields to the vehicles the
 *   junction's right-of-way table gives priority — it enters only when the soonest of them would
 *   arrive at its stop line after the ego has crossed, with a margin (gap acceptance at merges and
 *   unprotected turns); it waits for vehicles crossing on conflicting links; it stops first at stop
 *   signs; and it brakes for a vehicle without priority that could no longer stop before the
 *   junction. A waiting foe that itself yields (standing still, its link minor to the ego's) is not
 *   waited for; if every foe it waits for stands still longer than its patience (4–8 s, from its
 *   seed), it goes (breaks the rare right-before-left cycle).
 * - **curves and speed limits** ahead on its path: it slows in time (lateral acceleration ≤ 3 m/s²).
 *
 * IDM: a = a_max·[1 − (v/v0)^4 − (s* ÷ s)²], s* = s0 + max(0, v·T + v·Δv / (2·√(a_max·b))).
 * MOBIL, for a neighbouring lane with new leader L̃ and new follower F̃ (old follower F):
 * safe when ã_ego and F̃'s acceleration behind the ego are ≥ −b_safe; taken when
 * ã_ego − a_ego + p·[(ã_F̃ − a_F̃) + (ã_F − a_F)] > Δa_th.
 *
 * It answers in any action space (`actInSpace`): the lane spaces get a speed target (`v + a / k`, k
 * the lane-following controller's speed gain) or keep_lane / slow_down, and a one-step lane-change
 * request, after which it waits `LANE_CHANGE_COOLDOWN_S`; the steering spaces follow the target
 * lane's waypoint path by pure pursuit with a long look-ahead while changing.
 */
import type { ActionSpace } from "../../spec/CompiledScenario.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import {
  EGO_FEATURES,
  JUNCTION_FOE_FEATURES,
  WAYPOINT_FEATURES,
  columns,
  junctionFeatures,
  signalFeatures,
} from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import {
  idmAcceleration,
  idmFreeAcceleration,
  mobilIncentive,
  mobilSafe,
  timeToCover,
  type IdmParams,
} from "../../providers/local/index.js";
import { actInSpace, type DrivePlan } from "./actInSpace.js";
import { goalLaneSide } from "./goalLaneSide.js";
import { laneNeighbours, pathPoints, type LaneNeighbours, type LaneVehicle } from "./laneNeighbours.js";

const E = columns(EGO_FEATURES);
const S = columns(signalFeatures(1));
const J = columns(junctionFeatures(1));
const F = columns(JUNCTION_FOE_FEATURES);
const FN = JUNCTION_FOE_FEATURES.length;
const W = columns(WAYPOINT_FEATURES);
const WN = WAYPOINT_FEATURES.length;
/** The lane-following controller's proportional speed gain ((m/s²)/(m/s)). */
const SPEED_GAIN = 1.5;
/** The lane-following controller's strongest braking (m/s²): what the lane spaces can ask for. */
const CONTROLLER_DECEL_MPS2 = 4;
/** Time after a lane-change request before another is considered (s): the controller's 3 s manoeuvre plus a margin. */
const LANE_CHANGE_COOLDOWN_S = 4;
/** A steering-space lane change that has not reached the target lane by then is given up (s). */
const LANE_CHANGE_TIMEOUT_S = 6;
/** A neighbouring lane whose path is shorter than this (m of waypoints) is ending: no discretionary change onto it. */
const MIN_TARGET_PATH_M = 30;
/** Distance to the goal under which the goal's lane is sought (m). */
const GOAL_LANE_RANGE_M = 150;
/** Gap kept to a stop line or a lane end (m). */
const STOP_GAP_M = 0.5;
/** Comfortable braking for a red or amber light (m/s²): beyond it the driver goes on. */
const SIGNAL_DECEL_MPS2 = 3;
/** Path length over which a curve's curvature is measured (m). */
const CURVE_WINDOW_M = 8;
/** Lateral acceleration allowed in curves (m/s²). */
const CURVE_LATERAL_MPS2 = 3;
/** Margin between the ego clearing a junction and a priority vehicle reaching it (s). */
const YIELD_MARGIN_S = 1.5;
/** Acceleration assumed for crossing a junction from a stop, and for a foe starting from one (m/s²). */
const CROSSING_ACCEL_MPS2 = 2;
/** Below this a vehicle counts as standing (m/s). */
const STANDING_MPS = 0.5;

/** IDM/MOBIL driver parameters (SI). */
export interface IdmMobilParams {
  /** Desired speed (m/s); null: the lane's speed limit × speedFactor. */
  desiredSpeedMps: number | null;
  /** Desired speed as a factor of the speed limit (when desiredSpeedMps is null). */
  speedFactor: number;
  /** Desired time headway T (s). */
  headwayS: number;
  /** Gap at standstill s0 (m). */
  minGapM: number;
  /** Maximum acceleration a_max (m/s²). */
  accelMps2: number;
  /** Comfortable deceleration b (m/s², positive). */
  decelMps2: number;
  /** MOBIL politeness p (0 selfish .. 1). */
  politeness: number;
  /** MOBIL threshold Δa_th (m/s²). */
  thresholdMps2: number;
  /** MOBIL safe deceleration b_safe imposed on the new follower (m/s², positive). */
  safeDecelMps2: number;
  /** Whether it changes lanes for speed (MOBIL); lane changes the route needs are made regardless. */
  laneChanges: boolean;
}

/** Options of an {@link IdmMobilPolicy}. */
export interface IdmMobilOptions {
  /** The action space it answers in. @default "lane_with_continuous_speed" */
  actionSpace?: ActionSpace;
  /** Read the `junction` part (right of way, route lanes). Without it the driver yields to no one. @default true */
  junctions?: boolean;
  /** Seed of its patience at junctions. @default 0 */
  seed?: number;
}

/** The driver's state between steps (plain data, for snapshots). */
interface DriverState {
  /** Steps left before another lane change is considered (lane spaces). */
  cooldownSteps: number;
  /** Steering spaces: the side of the lane change under way (0: none), its steps, the lane index it began on, whether the ego has crossed. */
  changeSide: number;
  changeSteps: number;
  changeFromLane: number;
  changeCrossed: boolean;
  /** The junction approach: last entry distance seen (m), whether a required stop was made, steps waited. */
  lastEntryM: number;
  stopDone: boolean;
  waitSteps: number;
  /** The last lane action (hysteresis between keep_lane and slow_down). */
  slowing: boolean;
}

/** The IDM/MOBIL driver; see the file comment. */
export class IdmMobilPolicy {
  private st: DriverState = {
    cooldownSteps: 0,
    changeSide: 0,
    changeSteps: 0,
    changeFromLane: -1,
    changeCrossed: false,
    lastEntryM: Infinity,
    stopDone: false,
    waitSteps: 0,
    slowing: false,
  };
  private readonly actionSpace: ActionSpace;
  private readonly junctions: boolean;
  private readonly idm: IdmParams;
  /** Steps a standing foe is waited for before the driver goes anyway. */
  private readonly patienceSteps: number;
  // Scratch of pathSpeedLimit: arc length and heading of the path points.
  private readonly arcScratch: number[] = [];
  private readonly headScratch: number[] = [];
  /** Strongest braking the driver plans with (m/s²). */
  private readonly brakeMps2: number;

  constructor(
    readonly params: IdmMobilParams,
    readonly type: VehicleType,
    readonly dtS: number,
    options: IdmMobilOptions = {},
  ) {
    this.actionSpace = options.actionSpace ?? "lane_with_continuous_speed";
    this.junctions = options.junctions ?? true;
    this.idm = {
      headwayS: params.headwayS,
      minGapM: params.minGapM,
      accelMps2: params.accelMps2,
      decelMps2: params.decelMps2,
    };
    // 4–8 s, from the seed (a multiplicative hash: no RNG state to carry).
    const u = (Math.imul((options.seed ?? 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0) / 2 ** 32;
    this.patienceSteps = Math.round((4 + 4 * u) / dtS);
    const lane = this.actionSpace === "lane" || this.actionSpace === "lane_with_continuous_speed";
    this.brakeMps2 = lane ? Math.min(CONTROLLER_DECEL_MPS2, type.maxDecelMps2) : type.maxDecelMps2;
  }

  /** The observation parts it reads. */
  static readonly needs = ["ego", "neighbours", "waypoints", "signals", "junction"] as const;

  /** The action for `obs` in the policy's action space. */
  act(obs: AgentObservation): unknown {
    const ego = obs.ego;
    if (!ego) throw new Error("idm-mobil needs the ego observation");
    if (!obs.waypoints) throw new Error("idm-mobil needs the waypoints observation");
    const st = this.st;
    const p = this.params;
    const type = this.type;
    const v = Math.max(0, ego[E.speedMps]);
    const limit = ego[E.speedLimitMps] > 0 ? ego[E.speedLimitMps] : 13.89;
    const v0 = Math.min(type.maxSpeedMps, p.desiredSpeedMps ?? limit * p.speedFactor);
    const lanes = laneNeighbours(obs, type.lengthM, type.widthM);
    const own = pathLength(obs, 1);

    // Longitudinal: the most restrictive of the free road, curves and limits ahead, the leader, the
    // lane's end, a light, and the junction's right of way.
    let accel = this.follow(v, v0, lanes.leaders[1]);
    accel = Math.min(accel, this.pathSpeedLimit(obs, v));
    const laneEnd = this.laneEndGap(obs, own);
    if (laneEnd !== null) accel = Math.min(accel, this.stopAt(v, v0, laneEnd));
    const signalGap = this.signalStopGap(obs, v);
    if (signalGap !== null) accel = Math.min(accel, this.stopAt(v, v0, signalGap));
    const yieldGap = this.junctions ? this.yieldGap(obs, v, v0) : null;
    if (yieldGap !== null) accel = Math.min(accel, this.stopAt(v, v0, yieldGap));

    // Lateral: the lane change the route needs, else MOBIL's.
    let change: -1 | 0 | 1 = 0;
    const steering = this.actionSpace !== "lane" && this.actionSpace !== "lane_with_continuous_speed";
    if (steering) this.trackChange(ego);
    if (st.cooldownSteps > 0) {
      st.cooldownSteps--;
      // While changing lanes, respect the leaders on both sides of the move.
      accel = Math.min(accel, this.follow(v, v0, nearer(lanes.leaders[0], lanes.leaders[2])));
    } else if (st.changeSide !== 0) {
      accel = Math.min(accel, this.follow(v, v0, lanes.leaders[1 + st.changeSide]));
    } else if (ego[E.onLane] && !ego[E.inJunction]) {
      const choice = this.chooseLane(obs, v, v0, accel, lanes, own, laneEnd !== null);
      change = choice.change;
      if (choice.need !== 0 && change === 0) accel = Math.min(accel, this.makeGap(v, v0, lanes, choice.need));
      if (change !== 0) {
        if (steering) {
          st.changeSide = change;
          st.changeSteps = 0;
          st.changeFromLane = ego[E.laneIndex];
          st.changeCrossed = false;
        } else st.cooldownSteps = Math.round(LANE_CHANGE_COOLDOWN_S / this.dtS);
      }
    }

    accel = Math.max(-type.maxDecelMps2, Math.min(type.maxAccelMps2, accel));
    const target = Math.min(type.maxSpeedMps, Math.max(0, v + accel / SPEED_GAIN));
    const targetSpeedMps = accel < 0 && target < 0.2 ? 0 : target;
    st.slowing = st.slowing ? accel < 0.1 : accel < -0.3;
    const laneAction =
      change > 0 ? "change_lane_left" : change < 0 ? "change_lane_right" : st.slowing ? "slow_down" : "keep_lane";
    const changing = st.changeSide !== 0;
    const plan: DrivePlan = {
      accelMps2: accel,
      targetSpeedMps,
      laneChange: change,
      laneAction,
      pathSlot: changing && !st.changeCrossed ? 1 + st.changeSide : 1,
      lookaheadM: changing ? Math.max(8, 1.5 * v) : Math.max(4, 0.8 * v),
      speedAt: (tS) => Math.max(0, Math.min(type.maxSpeedMps, v + accel * tS)),
    };
    return actInSpace(this.actionSpace, obs, type, this.dtS, plan);
  }

  /** State: lane-change and junction bookkeeping. */
  snapshot(): unknown {
    return { ...this.st };
  }

  /** Returns to a `snapshot`. */
  restore(state: unknown): void {
    this.st = { ...(state as DriverState) };
  }

  /** IDM acceleration at speed v behind `leader` (free road when null). */
  private follow(v: number, v0: number, leader: LaneVehicle | null): number {
    return leader
      ? idmAcceleration(v, v0, leader.gapM, leader.speedMps, this.idm)
      : idmFreeAcceleration(v, v0, this.idm);
  }

  /** IDM acceleration towards a standing obstacle `gapM` ahead of the front bumper (a stop line, a lane end). */
  private stopAt(v: number, v0: number, gapM: number): number {
    return idmAcceleration(v, v0, Math.max(gapM, 0.05), 0, this.idm, STOP_GAP_M);
  }

  /**
   * The acceleration that keeps the speed within what the own path's curves (lateral acceleration
   * ≤ `CURVE_LATERAL_MPS2`) and speed limits allow, braking at the comfortable deceleration.
   */
  private pathSpeedLimit(obs: AgentObservation, v: number): number {
    const wp = obs.waypoints!;
    const n = wp.mask.length / 3;
    const b = this.params.decelMps2;
    let accel = Infinity;
    let s = 0;
    let px = 0,
      py = 0;
    // Arc length and heading of the points ahead so far: curvature is the heading change over at
    // least CURVE_WINDOW_M (polyline shapes turn at their vertices: per segment it would be spiky).
    const arc = this.arcScratch;
    const head = this.headScratch;
    arc.length = head.length = 0;
    let back = 0;
    for (let j = 0; j < n && wp.mask[n + j]; j++) {
      const o = (n + j) * WN;
      const x = wp.points[o + W.x];
      const y = wp.points[o + W.y];
      const h = wp.points[o + W.relHeadingRad];
      if (x <= 0 && arc.length === 0) {
        px = x;
        py = y;
        continue;
      }
      s += Math.hypot(x - px, y - py);
      arc.push(s);
      head.push(h);
      let vMax = wp.points[o + W.speedLimitMps] * (this.params.desiredSpeedMps === null ? this.params.speedFactor : 1);
      while (back + 1 < arc.length && s - arc[back + 1] >= CURVE_WINDOW_M) back++;
      const span = s - arc[back];
      if (span >= CURVE_WINDOW_M) {
        const kappa = Math.abs(Math.atan2(Math.sin(h - head[back]), Math.cos(h - head[back]))) / span;
        if (kappa > 1e-3) vMax = Math.min(vMax, Math.sqrt(CURVE_LATERAL_MPS2 / kappa));
      }
      if (vMax > 0 && v > vMax) {
        const need = (vMax * vMax - v * v) / (2 * Math.max(s, 1));
        if (need < accel) accel = need;
      }
      px = x;
      py = y;
    }
    return accel < -b ? Math.max(accel, -this.brakeMps2) : accel;
  }

  /** Gap (m, front bumper) to the end of the own lane's path when the path ends short of the goal; else null. */
  private laneEndGap(obs: AgentObservation, own: { lengthM: number; ended: boolean }): number | null {
    if (!own.ended) return null;
    const ego = obs.ego!;
    if (ego[E.hasGoal] && ego[E.goalDistanceM] < own.lengthM + 3) return null;
    return own.lengthM - this.type.lengthM / 2;
  }

  /** Gap (m, front bumper) to the stop line of a red or amber light ahead that can still be stopped for comfortably; else null. */
  private signalStopGap(obs: AgentObservation, v: number): number | null {
    const sig = obs.signals;
    if (!sig || !sig[S.present] || !sig[S.stop]) return null;
    const gap = sig[S.distanceM] - this.type.lengthM / 2;
    // Past the point of a comfortable stop: go on through (as drivers do at amber).
    if (v > 1 && gap < (v * v) / (2 * SIGNAL_DECEL_MPS2)) return null;
    return gap;
  }

  /**
   * Gap (m, front bumper) to the stop line of the junction link ahead when the ego must wait there;
   * null when it may go (or can no longer stop before the line).
   */
  private yieldGap(obs: AgentObservation, v: number, v0: number): number | null {
    const j = obs.junction;
    const st = this.st;
    if (!j || !j.link[J.present] || j.link[J.inside]) {
      st.lastEntryM = Infinity;
      st.stopDone = false;
      st.waitSteps = 0;
      return null;
    }
    const link = j.link;
    const entry = link[J.entryDistanceM];
    if (entry > st.lastEntryM + 5) {
      // A new junction.
      st.stopDone = false;
      st.waitSteps = 0;
    }
    st.lastEntryM = entry;
    const gap = entry - this.type.lengthM / 2 - STOP_GAP_M;
    // Too close to stop before the line: committed.
    if (gap < (v * v) / (2 * this.brakeMps2) - 0.5) return null;
    if (link[J.mustStop] && !st.stopDone) {
      if (v < STANDING_MPS && gap < 3) st.stopDone = true;
      else return gap;
    }
    // Time for the ego to cross: to the line, across the link, and its own length.
    const accel = Math.max(CROSSING_ACCEL_MPS2, Math.min(this.params.accelMps2, this.type.maxAccelMps2));
    const crossM = entry + (link[J.exitDistanceM] - entry) + this.type.lengthM;
    const clearS = timeToCover(crossM, v, accel, Math.max(v0, 1));
    const rows = j.foes.mask;
    const f = j.foes.features;
    let wait = false;
    let waitForMoving = false;
    for (let k = 0; k < rows.length; k++) {
      if (!rows[k]) continue;
      const o = k * FN;
      const speed = Math.max(0, f[o + F.speedMps]);
      const prior = f[o + F.egoYields] === 1;
      let blocks: boolean;
      if (f[o + F.inside]) {
        // A vehicle crossing on a conflicting link: wait, unless it stands waiting for the ego.
        blocks = prior || speed >= STANDING_MPS;
      } else {
        const dist = Math.max(0, f[o + F.entryDistanceM]);
        const arriveS = timeToCover(dist, speed, CROSSING_ACCEL_MPS2, Math.max(speed, 10));
        if (prior) blocks = arriveS < clearS + YIELD_MARGIN_S;
        else {
          // No priority: it should stop; brake for it only when it no longer can.
          const cannotStop = speed > 2 && dist < (speed * speed) / (2 * SIGNAL_DECEL_MPS2) + 2;
          // Or it is already pulling in at its line (it has not yielded): let it go first.
          const goingIn = speed >= STANDING_MPS && dist < Math.max(3, 1.5 * speed);
          blocks = (cannotStop || goingIn) && arriveS < clearS + YIELD_MARGIN_S;
        }
      }
      if (!blocks) continue;
      wait = true;
      if (speed >= STANDING_MPS) waitForMoving = true;
    }
    if (!wait) {
      st.waitSteps = 0;
      return null;
    }
    if (v < STANDING_MPS && gap < 5) st.waitSteps++;
    // Everyone it waits for stands still, for longer than its patience: go.
    if (!waitForMoving && st.waitSteps > this.patienceSteps) return null;
    return gap;
  }

  /** Steering spaces: follows the lane change under way, ending it once the ego is on the target lane. */
  private trackChange(ego: Float32Array): void {
    const st = this.st;
    if (st.changeSide === 0) return;
    st.changeSteps++;
    if (!st.changeCrossed && ego[E.laneIndex] !== st.changeFromLane) st.changeCrossed = true;
    const settled = st.changeCrossed && Math.abs(ego[E.laneT]) < 0.3;
    if (settled || ego[E.inJunction] || st.changeSteps * this.dtS > LANE_CHANGE_TIMEOUT_S) st.changeSide = 0;
  }

  /** −1, 0 or +1: the lane change the route needs (when safe), else MOBIL's choice. */
  private chooseLane(
    obs: AgentObservation,
    v: number,
    v0: number,
    aNow: number,
    lanes: LaneNeighbours,
    own: { lengthM: number; ended: boolean },
    ownEnds: boolean,
  ): { change: -1 | 0 | 1; need: -1 | 0 | 1 } {
    const p = this.params;
    const ego = obs.ego!;
    const j = this.junctions ? obs.junction : undefined;
    // The side the route needs, and how urgently (the distance left to do it in, m).
    let need: -1 | 0 | 1 = 0;
    let roomM = Infinity;
    const routeOffset = j ? j.link[J.routeLaneOffset] : 0;
    if (routeOffset !== 0) {
      need = routeOffset > 0 ? 1 : -1;
      roomM = j!.link[J.routeLaneDistanceM];
    } else if (ownEnds) {
      const right = pathLength(obs, 0);
      const left = pathLength(obs, 2);
      const best = Math.max(pathPoints(obs, 0) > 0 ? right.lengthM : 0, pathPoints(obs, 2) > 0 ? left.lengthM : 0);
      if (best > own.lengthM + 1) need = left.lengthM >= right.lengthM && pathPoints(obs, 2) > 0 ? 1 : -1;
      roomM = own.lengthM;
    } else {
      const goal = goalSide(obs);
      if (goal !== 0) {
        need = goal;
        roomM = ego[E.goalDistanceM];
      }
    }
    if (need !== 0) {
      if (pathPoints(obs, need + 1) === 0) return { change: 0, need: 0 };
      const urgent = roomM < Math.max(40, 8 * v);
      const bSafe = urgent ? Math.max(p.safeDecelMps2, 0.75 * this.type.maxDecelMps2) : p.safeDecelMps2;
      return { change: this.safeToChange(v, v0, lanes, need, bSafe) ? need : 0, need };
    }
    const none = { change: 0, need: 0 } as const;
    if (!p.laneChanges) return none;
    // Near the goal, on its lane: stay there.
    if (ego[E.hasGoal] && ego[E.goalDistanceM] < Math.max(GOAL_LANE_RANGE_M, 10 * v)) return none;
    // Close to a junction: no discretionary changes (they would end inside it).
    if (j && j.link[J.present] && j.link[J.entryDistanceM] < 3 * v + 10) return none;
    let best: -1 | 0 | 1 = 0;
    let bestGain = p.thresholdMps2;
    for (const side of [-1, 1] as const) {
      if (pathPoints(obs, side + 1) === 0) continue;
      const target = pathLength(obs, side + 1);
      if (target.lengthM < Math.min(MIN_TARGET_PATH_M, own.lengthM)) continue;
      // A lane that stops leading on before the own lane does (an acceleration lane, a dropped lane): not for speed.
      if (
        target.ended &&
        target.lengthM < own.lengthM - 1 &&
        !(ego[E.hasGoal] && ego[E.goalDistanceM] < target.lengthM)
      )
        continue;
      if (!this.safeToChange(v, v0, lanes, side, p.safeDecelMps2)) continue;
      const newLeader = lanes.leaders[side + 1];
      const newFollower = lanes.followers[side + 1];
      const oldFollower = lanes.followers[1];
      const oldLeader = lanes.leaders[1];
      const len = this.type.lengthM;
      const aAfter = this.follow(v, v0, newLeader);
      const newGain = newFollower
        ? this.follow(newFollower.speedMps, v0, { gapM: newFollower.gapM, speedMps: v }) -
          this.follow(
            newFollower.speedMps,
            v0,
            newLeader ? { gapM: newFollower.gapM + newLeader.gapM + len, speedMps: newLeader.speedMps } : null,
          )
        : 0;
      const oldGain = oldFollower
        ? this.follow(
            oldFollower.speedMps,
            v0,
            oldLeader ? { gapM: oldFollower.gapM + oldLeader.gapM + len, speedMps: oldLeader.speedMps } : null,
          ) - this.follow(oldFollower.speedMps, v0, { gapM: oldFollower.gapM, speedMps: v })
        : 0;
      const gain = mobilIncentive(aAfter, aNow, newGain, oldGain, p.politeness);
      if (gain > bestGain) {
        bestGain = gain;
        best = side;
      }
    }
    return { change: best, need: 0 };
  }

  /**
   * The acceleration cap that opens a gap on lane `side` the route needs: drop behind a vehicle
   * alongside or just ahead there; let one close behind pass when it is faster or the ego cannot
   * speed up (else the ego pulls ahead of it at its own pace: no cap).
   */
  private makeGap(v: number, v0: number, lanes: LaneNeighbours, side: -1 | 1): number {
    const p = this.params;
    const leader = lanes.leaders[side + 1];
    if (leader && leader.gapM < p.minGapM + v * p.headwayS)
      return this.follow(v, v0, { gapM: leader.gapM - p.minGapM - 2, speedMps: leader.speedMps });
    const follower = lanes.followers[side + 1];
    if (follower && follower.gapM < p.minGapM + follower.speedMps * p.headwayS) {
      if (follower.speedMps > v + 1 || v > 0.95 * v0) return -Math.min(1, p.decelMps2);
    }
    return Infinity;
  }

  /** MOBIL's safety criterion for moving to `side` now, with room for the new leader and follower. */
  private safeToChange(v: number, v0: number, lanes: LaneNeighbours, side: -1 | 1, bSafe: number): boolean {
    const newLeader = lanes.leaders[side + 1];
    const newFollower = lanes.followers[side + 1];
    const minGap = Math.max(1, this.params.minGapM / 2);
    if ((newLeader && newLeader.gapM < minGap) || (newFollower && newFollower.gapM < minGap)) return false;
    const aAfter = this.follow(v, v0, newLeader);
    const followerAfter = newFollower
      ? this.follow(newFollower.speedMps, Math.max(v0, newFollower.speedMps), {
          gapM: newFollower.gapM,
          speedMps: v,
        })
      : Infinity;
    return mobilSafe(aAfter, followerAfter, bSafe);
  }
}

/** −1 / +1 when the goal lies beside the ego's lane ahead (within `GOAL_LANE_RANGE_M`) on the right / left; else 0. */
function goalSide(obs: AgentObservation): -1 | 0 | 1 {
  const ego = obs.ego!;
  const w = ego[E.laneWidthM] > 0 ? ego[E.laneWidthM] : 3.2;
  const off = ego[E.goalLaneOffsetM];
  if (ego[E.hasGoal] && ego[E.goalX] > 5 && ego[E.goalDistanceM] < GOAL_LANE_RANGE_M && Math.abs(off) > 0.6 * w)
    return off > 0 ? 1 : -1;
  return goalLaneSide(obs, 5, GOAL_LANE_RANGE_M);
}

/** Length (m) of waypoint path `slot` ahead of the ego, and whether it ends within the observation (the lane stops leading on). */
function pathLength(obs: AgentObservation, slot: number): { lengthM: number; ended: boolean } {
  const wp = obs.waypoints!;
  const n = wp.mask.length / 3;
  const count = pathPoints(obs, slot);
  let s = 0;
  let px = 0,
    py = 0;
  for (let j = 0; j < count; j++) {
    const q = (slot * n + j) * WN;
    const qx = wp.points[q + W.x];
    const qy = wp.points[q + W.y];
    if (qx <= 0) continue;
    s += Math.hypot(qx - px, qy - py);
    px = qx;
    py = qy;
  }
  return { lengthM: s, ended: count < n };
}

function nearer(a: LaneVehicle | null, b: LaneVehicle | null): LaneVehicle | null {
  if (!a) return b;
  if (!b) return a;
  return a.gapM <= b.gapM ? a : b;
}
