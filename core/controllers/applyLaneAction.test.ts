import { describe, expect, it } from "vitest";
import { PhysicsWorld } from "../physics/PhysicsWorld.js";
import { DEFAULT_VEHICLE_PARAMS } from "../physics/VehicleParams.js";
import { createVehicleState } from "../physics/VehicleState.js";
import { generateMap } from "../road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../road/RoadNetwork.js";
import { waypointPaths } from "../road/waypointPaths.js";
import {
  applyLaneAction,
  applyLaneWithContinuousSpeedAction,
  checkLaneAction,
  checkLaneWithContinuousSpeedAction,
  type LaneAction,
  type LaneActionOptions,
  type LaneWithContinuousSpeedAction,
} from "./applyLaneAction.js";
import { createDriveControls } from "./DriveControls.js";
import { LaneFollowingController } from "./LaneFollowingController.js";

const net = buildRoadNetwork(generateMap("straight", { lanes: 3, length: 2000, speed_limit: 20 }));

/** Drives `actions(k)` for `steps` steps from lane main_1 at 10 m/s; returns the final lane index, speed and controller. */
function drive(
  action: (k: number) => { lane: LaneAction } | { speed: LaneWithContinuousSpeedAction },
  steps: number,
  options: LaneActionOptions = {},
) {
  const world = new PhysicsWorld();
  const start = net.lane("main_1")!.toWorld(10);
  const car = world.addVehicle({ xM: start.x, yM: start.y, headingRad: start.headingRad }, {}, 10);
  const ctrl = new LaneFollowingController(DEFAULT_VEHICLE_PARAMS);
  const state = createVehicleState();
  const controls = createDriveControls();
  for (let k = 0; k < steps; k++) {
    world.vehicleState(car, state);
    const near = net.nearestLane(state.x, state.y)!;
    const paths = waypointPaths(net, near.lane, near.s, [], { count: 40 });
    const a = action(k);
    if ("lane" in a) applyLaneAction(ctrl, state, paths, a.lane, controls, options);
    else applyLaneWithContinuousSpeedAction(ctrl, state, paths, a.speed, controls);
    world.setControls(car, controls.throttle, controls.brake, controls.steering);
    world.step();
  }
  world.vehicleState(car, state);
  const near = net.nearestLane(state.x, state.y)!;
  return { laneIndex: near.lane.index, t: near.t, speedMps: state.speedMps, ctrl };
}

describe("applyLaneAction", () => {
  it("keep_lane drives at the speed limit; slow_down brakes to a stop (SMARTS), or to a given fraction of the limit", () => {
    const keep = drive(() => ({ lane: "keep_lane" }), 300);
    expect(keep.laneIndex).toBe(1);
    expect(keep.speedMps).toBeCloseTo(20, 0);
    // From 10 m/s: comfortable braking (≤ 4 m/s²) for a second, then standing still, on its lane.
    const braking = drive(() => ({ lane: "slow_down" }), 10);
    expect(braking.speedMps).toBeGreaterThan(5.5);
    expect(braking.speedMps).toBeLessThan(9.5);
    const stopped = drive(() => ({ lane: "slow_down" }), 100);
    expect(Math.abs(stopped.speedMps)).toBeLessThan(0.1);
    expect(stopped.laneIndex).toBe(1);
    // keep_lane after a stop drives off again.
    expect(drive((k) => ({ lane: k < 100 ? "slow_down" : "keep_lane" }), 200).speedMps).toBeGreaterThan(8);
    const half = drive(() => ({ lane: "slow_down" }), 300, { slowDownFraction: 0.5 });
    expect(half.speedMps).toBeCloseTo(10, 0);
  });

  it("change_lane_left / change_lane_right move one lane each and stop at the road's edge", () => {
    const left = drive((k) => ({ lane: k < 100 ? "change_lane_left" : "keep_lane" }), 150);
    expect(left.laneIndex).toBe(2);
    expect(Math.abs(left.t)).toBeLessThan(0.3);
    const right = drive(() => ({ lane: "change_lane_right" }), 150);
    expect(right.laneIndex).toBe(0);
    expect(Math.abs(right.t)).toBeLessThan(0.3);
  });

  it("LaneWithContinuousSpeed tracks the requested speed and lane change", () => {
    const r = drive((k) => ({ speed: { targetSpeedMps: 14, laneChange: k === 0 ? -1 : 0 } }), 200);
    expect(r.laneIndex).toBe(0);
    expect(r.speedMps).toBeCloseTo(14, 0);
  });

  it("checks actions", () => {
    expect(checkLaneAction("keep_lane")).toBeUndefined();
    expect(checkLaneAction("jump")).toMatch(/one of/);
    expect(checkLaneWithContinuousSpeedAction({ targetSpeedMps: 3, laneChange: 1 })).toBeUndefined();
    expect(checkLaneWithContinuousSpeedAction({ targetSpeedMps: -3, laneChange: 1 })).toMatch(/targetSpeedMps/);
    expect(checkLaneWithContinuousSpeedAction({ targetSpeedMps: 3, laneChange: 2 })).toMatch(/laneChange/);
  });
});
