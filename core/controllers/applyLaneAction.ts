/**
 * The Lane and LaneWithContinuousSpeed action spaces (DESIGN §7, SMARTS semantics) on top of a
 * {@link LaneFollowingController}: the action picks a target speed and a lane change, the
 * controller drives.
 *
 * Lane: `keep_lane` drives at the lane's speed limit; `slow_down` brakes towards a stop (SMARTS:
 * target speed 0; `slowDownFraction` of the limit when given), so that an agent can wait — yield at a
 * junction, let a car pass before changing lanes; `change_lane_left` / `change_lane_right` start a
 * lane change (at the speed limit) unless one is already under way or there is no lane on that side,
 * in which case they keep the lane.
 */
import type { VehicleState } from "../physics/VehicleState.js";
import type { Waypoint } from "../road/waypointPaths.js";
import type { DriveControls } from "./DriveControls.js";
import type { LaneFollowingController } from "./LaneFollowingController.js";

/** The discrete actions of the Lane action space. */
export const LANE_ACTIONS = ["keep_lane", "slow_down", "change_lane_left", "change_lane_right"] as const;
/** One action of the Lane action space. */
export type LaneAction = (typeof LANE_ACTIONS)[number];

/** One action of the LaneWithContinuousSpeed action space. */
export interface LaneWithContinuousSpeedAction {
  /** Target speed in m/s, ≥ 0. */
  targetSpeedMps: number;
  /** −1 change to the right, 0 keep the lane, +1 change to the left. */
  laneChange: -1 | 0 | 1;
}

/** Options of {@link applyLaneAction}. */
export interface LaneActionOptions {
  /** `slow_down`'s target speed as a fraction of the speed limit (0: stop, as SMARTS). @default 0 */
  slowDownFraction?: number;
}

/** Why `action` is not a Lane action, or undefined when it is one. */
export function checkLaneAction(action: unknown): string | undefined {
  return typeof action === "string" && (LANE_ACTIONS as readonly string[]).includes(action)
    ? undefined
    : `a Lane action is one of ${LANE_ACTIONS.join(", ")}, got ${JSON.stringify(action)}`;
}

/** Why `action` is not a LaneWithContinuousSpeed action, or undefined when it is one. */
export function checkLaneWithContinuousSpeedAction(action: unknown): string | undefined {
  if (typeof action !== "object" || action === null)
    return `a LaneWithContinuousSpeed action is { targetSpeedMps, laneChange }, got ${JSON.stringify(action)}`;
  const a = action as Partial<LaneWithContinuousSpeedAction>;
  if (typeof a.targetSpeedMps !== "number" || !Number.isFinite(a.targetSpeedMps) || a.targetSpeedMps < 0)
    return `targetSpeedMps must be a finite number ≥ 0 m/s, got ${a.targetSpeedMps}`;
  if (a.laneChange !== -1 && a.laneChange !== 0 && a.laneChange !== 1)
    return `laneChange must be −1, 0 or 1, got ${a.laneChange}`;
  return undefined;
}

/**
 * Controls for one step of a Lane action. `paths` are the waypoint paths of the vehicle's road
 * (`waypointPaths`, one per lane). Writes into and returns `out`.
 */
export function applyLaneAction(
  ctrl: LaneFollowingController,
  vehicle: VehicleState,
  paths: readonly (readonly Waypoint[])[],
  action: LaneAction,
  out: DriveControls,
  options: LaneActionOptions = {},
): DriveControls {
  const limit = ctrl.referenceSpeedLimitMps(vehicle, paths);
  switch (action) {
    case "keep_lane":
      return ctrl.step(vehicle, paths, limit, 0, out);
    case "slow_down":
      return ctrl.step(vehicle, paths, limit * (options.slowDownFraction ?? 0), 0, out);
    case "change_lane_left":
      return ctrl.step(vehicle, paths, limit, 1, out);
    case "change_lane_right":
      return ctrl.step(vehicle, paths, limit, -1, out);
    default:
      throw new Error(`applyLaneAction: ${checkLaneAction(action)}`);
  }
}

/** Controls for one step of a LaneWithContinuousSpeed action. Writes into and returns `out`. */
export function applyLaneWithContinuousSpeedAction(
  ctrl: LaneFollowingController,
  vehicle: VehicleState,
  paths: readonly (readonly Waypoint[])[],
  action: LaneWithContinuousSpeedAction,
  out: DriveControls,
): DriveControls {
  return ctrl.step(vehicle, paths, action.targetSpeedMps, action.laneChange, out);
}
