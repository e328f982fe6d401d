/**
 * idm-mobil: a driver that follows the car ahead with the Intelligent Driver Model (Treiber,
 * Hennecke & Helbing 2000) and changes lanes with MOBIL (Kesting, Treiber & Helbing 2007), from
 * its observation only — `ego`, `neighbours` (sorted onto lanes by `laneNeighbours`), `waypoints`
 * and `signals` (a red or yellow light it can still stop for is a standing leader at the stop line).
 * It answers in the LaneWithContinuousSpeed action space: the IDM acceleration becomes the target
 * speed `v + a / k` of the lane-following controller (k its proportional speed gain), and a MOBIL
 * decision a one-step lane-change request, after which it waits `LANE_CHANGE_COOLDOWN_S`.
 *
 * IDM: a = a_max·[1 − (v/v0)^4 − (s* ÷ s)²], s* = s0 + max(0, v·T + v·Δv / (2·√(a_max·b))).
 * MOBIL, for a neighbouring lane with new leader L̃ and new follower F̃ (old follower F):
 * safe when F̃'s acceleration behind the ego is ≥ −b_safe and both gaps are positive; taken when
 * ã_ego − a_ego + p·[(ã_F̃ − a_F̃) + (ã_F − a_F)] > Δa_th. Near the goal it moves to the goal's lane
 * whenever that is safe.
 */
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { EGO_FEATURES, columns, signalFeatures } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { goalLaneSide } from "./goalLaneSide.js";
import { laneNeighbours, pathPoints, type LaneVehicle } from "./laneNeighbours.js";

const E = columns(EGO_FEATURES);
const S = columns(signalFeatures(1));
/** The lane-following controller's proportional speed gain ((m/s²)/(m/s)). */
const SPEED_GAIN = 1.5;
/** Time after a lane-change request before MOBIL is asked again (s): the controller's 3 s manoeuvre plus a margin. */
const LANE_CHANGE_COOLDOWN_S = 4;
/** A neighbouring lane whose path is shorter than this (m of waypoints) is ending: no change onto it. */
const MIN_TARGET_PATH_POINTS = 30;
/** Distance to the goal under which the goal's lane is sought (m). */
const GOAL_LANE_RANGE_M = 150;

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
  /** Whether it changes lanes at all. */
  laneChanges: boolean;
}

/** The IDM/MOBIL driver. */
export class IdmMobilPolicy {
  private cooldownSteps = 0;

  constructor(
    readonly params: IdmMobilParams,
    readonly type: VehicleType,
    readonly dtS: number,
  ) {}

  /** The observation parts it reads. */
  static readonly needs = ["ego", "neighbours", "waypoints", "signals"] as const;

  /** `[targetSpeedMps, laneChange]` for `obs`. */
  act(obs: AgentObservation): [number, number] {
    const ego = obs.ego;
    if (!ego) throw new Error("idm-mobil needs the ego observation");
    const p = this.params;
    const v = Math.max(0, ego[E.speedMps]);
    const limit = ego[E.speedLimitMps] > 0 ? ego[E.speedLimitMps] : 13.89;
    const v0 = Math.min(this.type.maxSpeedMps, p.desiredSpeedMps ?? limit * p.speedFactor);
    const lanes = laneNeighbours(obs, this.type.lengthM);
    const signal = this.signalLeader(obs, v);
    const leader = (slot: number): LaneVehicle | null => nearer(lanes.leaders[slot + 1], slot === 0 ? signal : null);
    let accel = this.idm(v, v0, leader(0));
    let change = 0;
    if (this.cooldownSteps > 0) {
      this.cooldownSteps--;
      // While changing lanes, respect leaders on both sides of the move.
      accel = Math.min(accel, this.idm(v, v0, nearer(lanes.leaders[0], lanes.leaders[2])));
    } else if (p.laneChanges && ego[E.onLane] && !ego[E.inJunction]) {
      change = this.mobil(obs, v, v0, accel, lanes, leader);
      if (change !== 0) this.cooldownSteps = Math.round(LANE_CHANGE_COOLDOWN_S / this.dtS);
    }
    const target = Math.min(this.type.maxSpeedMps, Math.max(0, v + accel / SPEED_GAIN));
    return [target, change];
  }

  /** State: the lane-change cooldown. */
  snapshot(): unknown {
    return { cooldownSteps: this.cooldownSteps };
  }

  /** Returns to a `snapshot`. */
  restore(state: unknown): void {
    this.cooldownSteps = (state as { cooldownSteps: number }).cooldownSteps;
  }

  /** IDM acceleration at speed v behind `leader` (free road when null). */
  idm(v: number, v0: number, leader: LaneVehicle | null): number {
    const p = this.params;
    const free = 1 - Math.pow(v / Math.max(v0, 0.1), 4);
    if (!leader) return p.accelMps2 * free;
    const dv = v - leader.speedMps;
    const sStar = p.minGapM + Math.max(0, v * p.headwayS + (v * dv) / (2 * Math.sqrt(p.accelMps2 * p.decelMps2)));
    const s = Math.max(leader.gapM, 0.1);
    return p.accelMps2 * (free - (sStar / s) * (sStar / s));
  }

  /** −1, 0 or +1: MOBIL's choice (or the goal lane's side when near the goal and safe). */
  private mobil(
    obs: AgentObservation,
    v: number,
    v0: number,
    aNow: number,
    lanes: ReturnType<typeof laneNeighbours>,
    leader: (slot: number) => LaneVehicle | null,
  ): number {
    const p = this.params;
    const goal = goalLaneSide(obs, 5, GOAL_LANE_RANGE_M);
    let best = 0;
    let bestGain = p.thresholdMps2;
    for (const side of [-1, 1] as const) {
      if (pathPoints(obs, side + 1) < Math.min(MIN_TARGET_PATH_POINTS, pathPoints(obs, 1))) continue;
      const newLeader = leader(side);
      const newFollower = lanes.followers[side + 1];
      if ((newLeader && newLeader.gapM < p.minGapM) || (newFollower && newFollower.gapM < p.minGapM)) continue;
      const aNewFollowerAfter = newFollower
        ? this.idm(newFollower.speedMps, v0, { gapM: newFollower.gapM, speedMps: v })
        : 0;
      if (aNewFollowerAfter < -p.safeDecelMps2) continue;
      if (goal === side) return side;
      if (goal !== 0) continue; // heading for the goal's lane: no discretionary changes away from it
      const aAfter = this.idm(v, v0, newLeader);
      const aNewFollowerBefore = newFollower
        ? this.idm(
            newFollower.speedMps,
            v0,
            newLeader
              ? { gapM: newFollower.gapM + newLeader.gapM + this.type.lengthM, speedMps: newLeader.speedMps }
              : null,
          )
        : 0;
      const oldFollower = lanes.followers[1];
      const oldLeader = lanes.leaders[1];
      const aOldFollowerBefore = oldFollower
        ? this.idm(oldFollower.speedMps, v0, { gapM: oldFollower.gapM, speedMps: v })
        : 0;
      const aOldFollowerAfter = oldFollower
        ? this.idm(
            oldFollower.speedMps,
            v0,
            oldLeader
              ? { gapM: oldFollower.gapM + oldLeader.gapM + this.type.lengthM, speedMps: oldLeader.speedMps }
              : null,
          )
        : 0;
      const gain =
        aAfter -
        aNow +
        p.politeness * (aNewFollowerAfter - aNewFollowerBefore + aOldFollowerAfter - aOldFollowerBefore);
      if (gain > bestGain) {
        bestGain = gain;
        best = side;
      }
    }
    return best;
  }

  /** A standing leader at the stop line of a red / yellow light that can still be stopped for; else null. */
  private signalLeader(obs: AgentObservation, v: number): LaneVehicle | null {
    const sig = obs.signals;
    if (!sig || !sig[S.present] || !sig[S.stop]) return null;
    const dist = sig[S.distanceM] - this.type.lengthM / 2;
    // Past the point of a comfortable stop: go on through (as drivers do at yellow).
    if (dist < (v * v) / (2 * this.type.maxDecelMps2)) return null;
    return { gapM: dist, speedMps: 0 };
  }
}

function nearer(a: LaneVehicle | null, b: LaneVehicle | null): LaneVehicle | null {
  if (!a) return b;
  if (!b) return a;
  return a.gapM <= b.gapM ? a : b;
}
