/**
 * The action space objects of DESIGN.md §7 and the conversion of what a policy sends into what a
 * controller takes. Wire forms (what `env.step` accepts per agent):
 *
 * | action space                 | value                                                                 |
 * |------------------------------|-----------------------------------------------------------------------|
 * | `continuous`                 | `[throttle 0..1, brake 0..1, steering −1..1]` (steering: fraction of full lock, + left) |
 * | `lane`                       | `"keep_lane" \| "slow_down" \| "change_lane_left" \| "change_lane_right"` or its index 0…3 |
 * | `lane_with_continuous_speed` | `[targetSpeedMps 0..maxSpeed, laneChange −1 \| 0 \| 1]`                 |
 * | `actuator_dynamic`           | `[throttle 0..1, brake 0..1, steeringRateRadps ±maxSteerRate]`        |
 * | `direct`                     | `[accelerationMps2 −emergencyDecel..maxAccel, yawRateRadps ±2]`       |
 * | `target_pose`                | `[xM, yM, headingRad, tS]` (world pose, reached in tS s, tS ≥ dt)      |
 * | `relative_target_pose`       | `[dxM, dyM, dHeadingRad]` in the vehicle frame (x forward, y left), reached in one step |
 * | `trajectory`                 | `[[tS, xM, yM, headingRad, speedMps], …]` (1…100 points, times increasing) |
 *
 * Box-valued actions may also be sent as objects with the element names as keys (`{ throttle,
 * brake, steering }`). A bad action is an error naming the agent and the field; with `clip` the
 * numbers are clamped into their bounds instead (a NaN becomes the low bound; a lane change is
 * rounded). Shape errors and unknown labels cannot be clipped and stay errors.
 */
import type { ActionSpace } from "../../spec/CompiledScenario.js";
import { LANE_ACTIONS, type LaneAction } from "./applyLaneAction.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { Box } from "../spaces/Box.js";
import { Discrete } from "../spaces/Discrete.js";
import { Sequence } from "../spaces/Sequence.js";
import type { Space } from "../spaces/Space.js";
import type { Rng } from "../random/Rng.js";

/** Largest yaw rate of the Direct action space (rad/s). */
export const DIRECT_MAX_YAW_RATE_RADPS = 2;
/** Largest world coordinate a target pose may name (m). */
const WORLD_LIMIT_M = 1e6;
/** Longest time a TargetPose action may ask for (s). */
const TARGET_POSE_MAX_S = 3600;
/** Most points a Trajectory action may have. */
export const TRAJECTORY_MAX_POINTS = 100;

/** An action after checking: what the agent's controller receives. */
export type ParsedAction =
  | { kind: "continuous"; throttle: number; brake: number; steering: number }
  | { kind: "lane"; action: LaneAction }
  | { kind: "lane_with_continuous_speed"; targetSpeedMps: number; laneChange: -1 | 0 | 1 }
  | { kind: "actuator_dynamic"; throttle: number; brake: number; steeringRateRadps: number }
  | { kind: "direct"; accelerationMps2: number; yawRateRadps: number }
  | { kind: "target_pose"; xM: number; yM: number; headingRad: number; tS: number }
  | { kind: "relative_target_pose"; dxM: number; dyM: number; dHeadingRad: number }
  | { kind: "trajectory"; points: { tS: number; xM: number; yM: number; headingRad: number; speedMps: number }[] };

/** A bad action: the message names the agent and the field. */
export class ActionError extends Error {
  constructor(
    readonly agentId: string,
    readonly detail: string,
  ) {
    super(`agent "${agentId}": ${detail}`);
    this.name = "ActionError";
  }
}

/** The action space of one agent: the space object plus how to read its values. */
export class AgentActionSpace {
  readonly space: Space;

  constructor(
    readonly kind: ActionSpace,
    readonly type: VehicleType,
    readonly dtS: number,
  ) {
    this.space = makeSpace(kind, type, dtS);
  }

  /**
   * Checks `raw` and converts it for the controller.
   * @throws ActionError naming `agentId` and the field, unless `clip` can repair it
   */
  parse(agentId: string, raw: unknown, clip = false): ParsedAction {
    const value = this.normalise(raw);
    const why = this.space.check(value, "action");
    let v = value;
    if (why !== undefined) {
      if (!clip || !(this.space instanceof Box) || !isNumberArray(value, this.space.size))
        throw new ActionError(agentId, why);
      v = this.space.clip(value as ArrayLike<number>);
    }
    return this.convert(v);
  }

  /** Object forms → arrays, so the space checks one shape. */
  private normalise(raw: unknown): unknown {
    const sp = this.space;
    if (
      sp instanceof Box &&
      sp.names &&
      typeof raw === "object" &&
      raw !== null &&
      !Array.isArray(raw) &&
      !ArrayBuffer.isView(raw)
    ) {
      const obj = raw as Record<string, unknown>;
      const extra = Object.keys(obj).find((k) => !sp.names!.includes(k));
      if (extra === undefined) return sp.names.map((n) => obj[n]);
      return raw; // the Box check will reject the object, naming the expected form
    }
    if (this.kind === "trajectory" && Array.isArray(raw)) {
      return raw.map((p) =>
        typeof p === "object" && p !== null && !Array.isArray(p) && !ArrayBuffer.isView(p)
          ? TRAJECTORY_FIELDS.map((n) => (p as Record<string, unknown>)[n])
          : p,
      );
    }
    return raw;
  }

  private convert(v: unknown): ParsedAction {
    const a = v as ArrayLike<number>;
    switch (this.kind) {
      case "continuous":
        return { kind: "continuous", throttle: a[0], brake: a[1], steering: a[2] };
      case "lane": {
        const d = this.space as Discrete<LaneAction>;
        return { kind: "lane", action: LANE_ACTIONS[d.indexOf(v as number | LaneAction)] };
      }
      case "lane_with_continuous_speed":
        return {
          kind: "lane_with_continuous_speed",
          targetSpeedMps: a[0],
          laneChange: Math.max(-1, Math.min(1, Math.round(a[1]))) as -1 | 0 | 1,
        };
      case "actuator_dynamic":
        return { kind: "actuator_dynamic", throttle: a[0], brake: a[1], steeringRateRadps: a[2] };
      case "direct":
        return { kind: "direct", accelerationMps2: a[0], yawRateRadps: a[1] };
      case "target_pose":
        return { kind: "target_pose", xM: a[0], yM: a[1], headingRad: a[2], tS: a[3] };
      case "relative_target_pose":
        return { kind: "relative_target_pose", dxM: a[0], dyM: a[1], dHeadingRad: a[2] };
      case "trajectory":
        return {
          kind: "trajectory",
          points: (v as number[][]).map((p) => ({ tS: p[0], xM: p[1], yM: p[2], headingRad: p[3], speedMps: p[4] })),
        };
    }
  }
}

const TRAJECTORY_FIELDS = ["tS", "xM", "yM", "headingRad", "speedMps"];

function makeSpace(kind: ActionSpace, type: VehicleType, dtS: number): Space {
  switch (kind) {
    case "continuous":
      return new Box([0, 0, -1], [1, 1, 1], [3], { names: ["throttle", "brake", "steering"] });
    case "lane":
      return new Discrete<LaneAction>(LANE_ACTIONS);
    case "lane_with_continuous_speed":
      return new Box([0, -1], [type.maxSpeedMps, 1], [2], { names: ["targetSpeedMps", "laneChange"], integers: [1] });
    case "actuator_dynamic":
      return new Box([0, 0, -type.maxSteerRateRadps], [1, 1, type.maxSteerRateRadps], [3], {
        names: ["throttle", "brake", "steeringRateRadps"],
      });
    case "direct":
      return new Box(
        [-type.emergencyDecelMps2, -DIRECT_MAX_YAW_RATE_RADPS],
        [type.maxAccelMps2, DIRECT_MAX_YAW_RATE_RADPS],
        [2],
        { names: ["accelerationMps2", "yawRateRadps"] },
      );
    case "target_pose":
      return new Box(
        [-WORLD_LIMIT_M, -WORLD_LIMIT_M, -2 * Math.PI, dtS],
        [WORLD_LIMIT_M, WORLD_LIMIT_M, 2 * Math.PI, TARGET_POSE_MAX_S],
        [4],
        { names: ["xM", "yM", "headingRad", "tS"] },
      );
    case "relative_target_pose": {
      const reach = type.maxSpeedMps * dtS;
      return new Box([-reach, -reach, -Math.PI], [reach, reach, Math.PI], [3], {
        names: ["dxM", "dyM", "dHeadingRad"],
      });
    }
    case "trajectory":
      return new TrajectorySpace(
        new Box(
          [0, -WORLD_LIMIT_M, -WORLD_LIMIT_M, -2 * Math.PI, 0],
          [TARGET_POSE_MAX_S, WORLD_LIMIT_M, WORLD_LIMIT_M, 2 * Math.PI, type.maxSpeedMps],
          [5],
          { names: TRAJECTORY_FIELDS },
        ),
        1,
        TRAJECTORY_MAX_POINTS,
      );
  }
}

/** Trajectory points: a bounded sequence of boxes whose times increase. */
class TrajectorySpace extends Sequence<Float32Array | Uint8Array | number[]> {
  override check(value: unknown, path = "value"): string | undefined {
    const why = super.check(value, path);
    if (why !== undefined) return why;
    const points = value as ArrayLike<number>[];
    for (let i = 1; i < points.length; i++) {
      if (!(points[i][0] > points[i - 1][0]))
        return `${path}[${i}].tS = ${points[i][0]} must be after ${path}[${i - 1}].tS = ${points[i - 1][0]} (times increase)`;
    }
    return undefined;
  }

  override sample(rng: Rng): (Float32Array | Uint8Array | number[])[] {
    const points = super.sample(rng).sort((a, b) => a[0] - b[0]);
    // Equal times after float32 rounding: keep the first.
    return points.filter((p, i) => i === 0 || p[0] > points[i - 1][0]);
  }
}

function isNumberArray(v: unknown, n: number): boolean {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) return false;
  const a = v as ArrayLike<unknown>;
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (typeof a[i] !== "number") return false;
  return true;
}
