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
import { EGO_FEATURES, columns } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { observationConfig } from "../observationConfig.js";
import { actInSpace } from "./actInSpace.js";
import { goalLaneSide } from "./goalLaneSide.js";

const E = columns(EGO_FEATURES);
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
    if (!obs.waypoints) throw new Error("keep-lane needs the waypoints observation");
    const side = goalLaneSide(obs);
    const limit = ego[E.speedLimitMps] > 0 ? ego[E.speedLimitMps] : 13.89;
    const vTarget = Math.min(this.type.maxSpeedMps, this.target ?? limit);
    const v = ego[E.speedMps];
    const type = this.type;
    const pLaw = (speed: number) => clamp(SPEED_GAIN * (vTarget - speed), -type.maxDecelMps2, type.maxAccelMps2);
    return actInSpace(this.actionSpace, obs, type, this.dtS, {
      accelMps2: pLaw(v),
      targetSpeedMps: vTarget,
      laneChange: side,
      laneAction: side > 0 ? "change_lane_left" : side < 0 ? "change_lane_right" : "keep_lane",
      pathSlot: 1 + side,
      lookaheadM: Math.max(4, 0.8 * Math.abs(v)),
      // The proportional law, stepped every 0.1 s.
      speedAt(tS) {
        let speed = v;
        for (let k = 0; k < Math.round(tS / 0.1); k++) speed = Math.max(0, speed + pLaw(speed) * 0.1);
        return speed;
      },
    });
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
