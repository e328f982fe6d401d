/**
 * A rule-based policy's plan — a longitudinal acceleration (or a speed target) and a waypoint path to
 * follow — as an action of any action space, so that one driver drives in all of them. The lane
 * spaces hand the plan to the lane-following controller (a speed target and a lane-change request);
 * the others steer themselves:
 *
 * - dynamic spaces: pure pursuit towards the point `lookaheadM` along the path (curvature κ = 2·y / d²,
 *   road-wheel angle atan(wheelbase · κ)); continuous sends the steering fraction, actuator_dynamic
 *   the rate that reaches it in one step;
 * - direct: the acceleration and the yaw rate `speed · κ`;
 * - relative_target_pose / target_pose / trajectory: poses along the path at the distances the
 *   planned speeds cover (one step, one second, and ten points over one second).
 */
import type { ActionSpace } from "../../spec/CompiledScenario.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { EGO_FEATURES, WAYPOINT_FEATURES, columns } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { DIRECT_MAX_YAW_RATE_RADPS } from "../../core/controllers/actionSpaces.js";

const E = columns(EGO_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const WN = WAYPOINT_FEATURES.length;

/** What a rule-based policy wants this step. */
export interface DrivePlan {
  /** Longitudinal acceleration (m/s²), already within the vehicle's limits. */
  accelMps2: number;
  /** Speed target for the lane spaces (m/s, ≥ 0). */
  targetSpeedMps: number;
  /** Lane-change request for the lane spaces: −1 right, 0 none, +1 left. */
  laneChange: -1 | 0 | 1;
  /** Lane action for the `lane` space (`keep_lane`, `slow_down`, `change_lane_left`, `change_lane_right`). */
  laneAction: string;
  /** Waypoint path slot the steering spaces follow: 0 right lane, 1 own lane, 2 left lane. */
  pathSlot: number;
  /** Pure-pursuit look-ahead distance (m). */
  lookaheadM: number;
  /** Planned speed after `tS` seconds (m/s), for the pose and trajectory spaces. */
  speedAt(tS: number): number;
}

/** `plan` as an action of `space` for the ego of `obs`. */
export function actInSpace(
  space: ActionSpace,
  obs: AgentObservation,
  type: VehicleType,
  dtS: number,
  plan: DrivePlan,
): unknown {
  const ego = obs.ego;
  if (!ego) throw new Error("a rule-based policy needs the ego observation");
  if (space === "lane") return plan.laneAction;
  if (space === "lane_with_continuous_speed") return [plan.targetSpeedMps, plan.laneChange];
  const v = ego[E.speedMps];
  const accel = plan.accelMps2;
  const path = egoPath(obs, plan.pathSlot);
  const aim = pointAt(path, plan.lookaheadM);
  const d2 = aim ? aim[0] * aim[0] + aim[1] * aim[1] : 0;
  const kappa = aim && d2 > 1e-6 ? (2 * aim[1]) / d2 : 0;
  const steer = clamp(Math.atan(type.wheelbaseM * kappa), -type.maxSteerRad, type.maxSteerRad);
  switch (space) {
    case "continuous":
      return accel >= 0
        ? [clamp(accel / type.maxAccelMps2, 0, 1), 0, steer / type.maxSteerRad]
        : [0, clamp(-accel / type.emergencyDecelMps2, 0, 1), steer / type.maxSteerRad];
    case "actuator_dynamic": {
      const rate = clamp((steer - ego[E.steeringRad]) / dtS, -type.maxSteerRateRadps, type.maxSteerRateRadps);
      return accel >= 0
        ? [clamp(accel / type.maxAccelMps2, 0, 1), 0, rate]
        : [0, clamp(-accel / type.emergencyDecelMps2, 0, 1), rate];
    }
    case "direct":
      return [accel, clamp(Math.max(v, 0) * kappa, -DIRECT_MAX_YAW_RATE_RADPS, DIRECT_MAX_YAW_RATE_RADPS)];
    default:
      break;
  }
  // Pose-based spaces: points along the path at the distances the planned speeds cover.
  const vNext = Math.max(0, plan.speedAt(dtS));
  const stepM = ((Math.max(v, 0) + vNext) / 2) * dtS;
  if (space === "relative_target_pose") {
    const p = pointAt(path, stepM) ?? [stepM, 0, 0];
    const reach = type.maxSpeedMps * dtS;
    return [clamp(p[0], -reach, reach), clamp(p[1], -reach, reach), p[2]];
  }
  const toWorld = (p: readonly number[]): [number, number, number] => {
    const c = Math.cos(ego[E.headingRad]);
    const s = Math.sin(ego[E.headingRad]);
    return [ego[E.x] + c * p[0] - s * p[1], ego[E.y] + s * p[0] + c * p[1], wrap(ego[E.headingRad] + p[2])];
  };
  if (space === "target_pose") {
    const dist = ((Math.max(v, 0) + Math.max(0, plan.speedAt(1))) / 2) * 1;
    const p = toWorld(pointAt(path, dist) ?? [dist, 0, 0]);
    return [p[0], p[1], p[2], 1];
  }
  // trajectory: ten points over the next second.
  const points: number[][] = [];
  let s = 0;
  let speed = Math.max(v, 0);
  for (let k = 1; k <= 10; k++) {
    const next = Math.max(0, plan.speedAt(k * 0.1));
    s += ((speed + next) / 2) * 0.1;
    speed = next;
    const p = toWorld(pointAt(path, s) ?? [s, 0, 0]);
    points.push([k * 0.1, p[0], p[1], p[2], speed]);
  }
  return points;
}

/**
 * Waypoint path `slot` (0 right, 1 ego lane, 2 left) as [x, y, relHeading] points in the ego frame;
 * the ego lane's if that one is empty.
 */
export function egoPath(obs: AgentObservation, slot: number): number[][] {
  const wp = obs.waypoints;
  if (!wp) throw new Error("a rule-based policy needs the waypoints observation");
  const n = wp.mask.length / 3;
  const out: number[][] = [];
  for (let j = 0; j < n; j++) {
    if (!wp.mask[slot * n + j]) break;
    const o = (slot * n + j) * WN;
    out.push([wp.points[o + W.x], wp.points[o + W.y], wp.points[o + W.relHeadingRad]]);
  }
  return out.length > 0 || slot === 1 ? out : egoPath(obs, 1);
}

/** The point `distM` along the path from its projection of the ego (the origin), linearly interpolated; undefined for an empty path. */
export function pointAt(path: readonly number[][], distM: number): number[] | undefined {
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
