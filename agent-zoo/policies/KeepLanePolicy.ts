/**
 * keep-lane: follow the current lane along the route at the speed limit (or a target speed), for
 * any action space. It reads only the observation — `ego` and the ego-lane `waypoints` path (slot 1)
 * — so it runs as a social agent and as the default driver of learning agents in `roadgym run`.
 *
 * Near the end of its route it moves over to the goal's lane: when the goal point lies ahead
 * (5–60 m) and more than 0.6 lane widths to a side, it changes lane towards it (the SMARTS paper's
 * missions end on a given lane).
 *
 * - lane: `keep_lane` (or the lane change); lane_with_continuous_speed: `[target, 0 / ±1]`.
 * - dynamic spaces: pure pursuit towards the path point `max(4 m, 0.8 s · speed)` ahead
 *   (curvature κ = 2·y / d²; road-wheel angle atan(wheelbase · κ)), speed by a proportional law;
 *   continuous sends the steering fraction, actuator_dynamic the rate that reaches it in one step.
 * - direct: the same acceleration and yaw rate `speed · κ`.
 * - relative_target_pose / target_pose / trajectory: poses along the path at the distances the
 *   planned speed covers (one step, one second, and ten points over one second).
 */
import type { ActionSpace, Observation } from "../../spec/CompiledScenario.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { EGO_FEATURES, WAYPOINT_FEATURES, columns } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { DIRECT_MAX_YAW_RATE_RADPS } from "../../core/controllers/actionSpaces.js";
import { observationConfig } from "../observationConfig.js";
import { goalLaneSide } from "./goalLaneSide.js";

const E = columns(EGO_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const WN = WAYPOINT_FEATURES.length;
/** Proportional speed gain (1/s). */
const SPEED_GAIN = 1.0;

/** What keep-lane reads, and nothing more: ego state and the route's waypoint paths (50 points 1 m apart). */
export function keepLaneObservation(): Observation {
  return observationConfig({ ego: true, waypoints: { lookahead: 50, spacingM: 1 } });
}

/** Options of a {@link KeepLanePolicy}. */
export interface KeepLaneOptions {
  /** Cruise speed (m/s); null: the lane's speed limit. @default null */
  targetSpeedMps?: number | null;
}

/** Keeps the lane, for any action space. */
export class KeepLanePolicy {
  private readonly target: number | null;

  constructor(
    readonly actionSpace: ActionSpace,
    readonly type: VehicleType,
    readonly dtS: number,
    options: KeepLaneOptions = {},
  ) {
    this.target = options.targetSpeedMps ?? null;
  }

  /** The observation parts this policy reads. */
  static readonly needs = ["ego", "waypoints"] as const;

  /** The action for observation `obs`. */
  act(obs: AgentObservation): unknown {
    const ego = obs.ego;
    if (!ego) throw new Error("keep-lane needs the ego observation");
    const side = goalLaneSide(obs);
    if (this.actionSpace === "lane")
      return side > 0 ? "change_lane_left" : side < 0 ? "change_lane_right" : "keep_lane";
    const limit = ego[E.speedLimitMps] > 0 ? ego[E.speedLimitMps] : 13.89;
    const vTarget = Math.min(this.type.maxSpeedMps, this.target ?? limit);
    if (this.actionSpace === "lane_with_continuous_speed") return [vTarget, side];

    const v = ego[E.speedMps];
    const path = this.path(obs, 1 + side);
    const accel = clamp(SPEED_GAIN * (vTarget - v), -this.type.maxDecelMps2, this.type.maxAccelMps2);
    const lookM = Math.max(4, 0.8 * Math.abs(v));
    const aim = pointAt(path, lookM);
    const d2 = aim ? aim[0] * aim[0] + aim[1] * aim[1] : 0;
    const kappa = aim && d2 > 1e-6 ? (2 * aim[1]) / d2 : 0;
    const steer = clamp(Math.atan(this.type.wheelbaseM * kappa), -this.type.maxSteerRad, this.type.maxSteerRad);
    switch (this.actionSpace) {
      case "continuous":
        return accel >= 0
          ? [clamp(accel / this.type.maxAccelMps2, 0, 1), 0, steer / this.type.maxSteerRad]
          : [0, clamp(-accel / this.type.emergencyDecelMps2, 0, 1), steer / this.type.maxSteerRad];
      case "actuator_dynamic": {
        const rate = clamp(
          (steer - ego[E.steeringRad]) / this.dtS,
          -this.type.maxSteerRateRadps,
          this.type.maxSteerRateRadps,
        );
        return accel >= 0
          ? [clamp(accel / this.type.maxAccelMps2, 0, 1), 0, rate]
          : [0, clamp(-accel / this.type.emergencyDecelMps2, 0, 1), rate];
      }
      case "direct":
        return [accel, clamp(Math.max(v, 0) * kappa, -DIRECT_MAX_YAW_RATE_RADPS, DIRECT_MAX_YAW_RATE_RADPS)];
      default:
        break;
    }
    // Pose-based spaces: points along the path at the distance the planned speed covers.
    const vNext = Math.max(0, v + accel * this.dtS);
    const stepM = ((v + vNext) / 2) * this.dtS;
    if (this.actionSpace === "relative_target_pose") {
      const p = pointAt(path, stepM) ?? [stepM, 0, 0];
      const reach = this.type.maxSpeedMps * this.dtS;
      return [clamp(p[0], -reach, reach), clamp(p[1], -reach, reach), p[2]];
    }
    const toWorld = (p: readonly number[]): [number, number, number] => {
      const c = Math.cos(ego[E.headingRad]);
      const s = Math.sin(ego[E.headingRad]);
      return [ego[E.x] + c * p[0] - s * p[1], ego[E.y] + s * p[0] + c * p[1], wrap(ego[E.headingRad] + p[2])];
    };
    if (this.actionSpace === "target_pose") {
      const dist = ((v + vTarget) / 2) * 1;
      const p = toWorld(pointAt(path, dist) ?? [dist, 0, 0]);
      return [p[0], p[1], p[2], 1];
    }
    // trajectory: ten points over the next second.
    const points: number[][] = [];
    let s = 0;
    let speed = v;
    for (let k = 1; k <= 10; k++) {
      const a = clamp(SPEED_GAIN * (vTarget - speed), -this.type.maxDecelMps2, this.type.maxAccelMps2);
      const next = Math.max(0, speed + a * 0.1);
      s += ((speed + next) / 2) * 0.1;
      speed = next;
      const p = toWorld(pointAt(path, s) ?? [s, 0, 0]);
      points.push([k * 0.1, p[0], p[1], p[2], speed]);
    }
    return points;
  }

  /** Waypoint path `slot` (0 right, 1 ego lane, 2 left) as [x, y, relHeading] points in the ego frame; the ego lane's if that one is empty. */
  private path(obs: AgentObservation, slot: number): number[][] {
    const wp = obs.waypoints;
    if (!wp) throw new Error("keep-lane needs the waypoints observation");
    const n = wp.mask.length / 3;
    const out: number[][] = [];
    for (let j = 0; j < n; j++) {
      if (!wp.mask[slot * n + j]) break;
      const o = (slot * n + j) * WN;
      out.push([wp.points[o + W.x], wp.points[o + W.y], wp.points[o + W.relHeadingRad]]);
    }
    return out.length > 0 || slot === 1 ? out : this.path(obs, 1);
  }
}

/** The point `distM` along the path from its projection of the ego (the origin), linearly interpolated; undefined for an empty path. */
function pointAt(path: readonly number[][], distM: number): number[] | undefined {
  if (path.length === 0) return undefined;
  // Start from the segment nearest the ego: the first point ahead (x > 0) or the last point.
  let i = path.findIndex((p) => p[0] > 0);
  if (i < 0) return path[path.length - 1];
  let prev = i > 0 ? path[i - 1] : [0, 0, path[0][2]];
  let left = distM - Math.max(0, prev[0]);
  for (; i < path.length; i++) {
    const p = path[i];
    const seg = Math.hypot(p[0] - prev[0], p[1] - prev[1]);
    if (seg >= left && seg > 0) {
      const f = left / seg;
      return [prev[0] + f * (p[0] - prev[0]), prev[1] + f * (p[1] - prev[1]), p[2]];
    }
    left -= seg;
    prev = p;
  }
  return path[path.length - 1];
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}
