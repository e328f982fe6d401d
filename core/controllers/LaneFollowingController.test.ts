import { describe, expect, it } from "vitest";
import { PhysicsWorld } from "../physics/PhysicsWorld.js";
import { DEFAULT_VEHICLE_PARAMS } from "../physics/VehicleParams.js";
import { createVehicleState } from "../physics/VehicleState.js";
import { generateMap } from "../road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../road/RoadNetwork.js";
import { waypointPaths } from "../road/waypointPaths.js";
import { createDriveControls } from "./DriveControls.js";
import { LaneFollowingController } from "./LaneFollowingController.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

/** One dynamic car driven by a lane-following controller on `net`; `drive` returns per-step lane coordinates. */
function harness(net: RoadNetwork, laneId: string, s0: number, t0: number, speedMps: number) {
  const world = new PhysicsWorld();
  const lane = net.lane(laneId)!;
  const start = lane.toWorld(s0, t0);
  const car = world.addVehicle({ xM: start.x, yM: start.y, headingRad: start.headingRad }, {}, speedMps);
  const ctrl = new LaneFollowingController(DEFAULT_VEHICLE_PARAMS);
  const state = createVehicleState();
  const controls = createDriveControls();
  /** Drives one step with `laneChange` and `targetSpeedMps`; returns where the car ended up. */
  const step = (targetSpeedMps: number, laneChange = 0) => {
    world.vehicleState(car, state);
    const near = net.nearestLane(state.x, state.y, { includeInternal: false })!;
    const paths = waypointPaths(net, near.lane, near.s, [], { spacingM: 1, count: 40 });
    ctrl.step(state, paths, targetSpeedMps, laneChange, controls);
    world.setControls(car, controls.throttle, controls.brake, controls.steering);
    world.step();
    world.vehicleState(car, state);
    const after = net.nearestLane(state.x, state.y, { includeInternal: false })!;
    const headingErr = wrapAngleRad(state.headingRad - after.lane.toWorld(after.s).headingRad);
    return { lane: after.lane, t: after.t, headingErr, speed: state.speedMps };
  };
  return { step, ctrl, world };
}

/** Max |t| in m over `measureS` s of driving after `settleS` s, at 15 m/s. */
function laneKeepingError(
  net: RoadNetwork,
  laneId: string,
  settleS: number,
  measureS: number,
): { maxT: number; maxSpeedErr: number } {
  const h = harness(net, laneId, 5, 0.8, 12);
  let maxT = 0;
  let maxSpeedErr = 0;
  for (let k = 0; k < (settleS + measureS) * 10; k++) {
    const r = h.step(15);
    expect(r.lane.road.id === "main" || r.lane.road.id.startsWith("ring") || r.lane.isInternal).toBe(true);
    if (k >= settleS * 10) {
      maxT = Math.max(maxT, Math.abs(r.t));
      maxSpeedErr = Math.max(maxSpeedErr, Math.abs(r.speed - 15));
    }
  }
  return { maxT, maxSpeedErr };
}

describe("LaneFollowingController", () => {
  it("keeps the lane centre within 0.3 m at 15 m/s on a straight lane", () => {
    const net = buildRoadNetwork(generateMap("straight", { lanes: 3, length: 1000, speed_limit: 20 }));
    const { maxT, maxSpeedErr } = laneKeepingError(net, "main_1", 10, 40);
    expect(maxT).toBeLessThan(0.3);
    expect(maxSpeedErr).toBeLessThan(0.3);
  });

  it("keeps the lane centre within 0.3 m at 15 m/s on a ring (radius ≈ 64 m)", () => {
    const net = buildRoadNetwork(generateMap("ring", { length: 400 }));
    const { maxT } = laneKeepingError(net, "ring0_0", 10, 40);
    expect(maxT).toBeLessThan(0.3);
  });

  it("keeps the lane centre within 0.3 m at 15 m/s on a curved road", () => {
    const net = buildRoadNetwork(generateMap("straight", { lanes: 2, length: 1000, curve_angle: 3 }));
    const { maxT } = laneKeepingError(net, "main_0", 10, 40);
    expect(maxT).toBeLessThan(0.3);
  });

  for (const [name, map, lane] of [
    ["straight", generateMap("straight", { lanes: 3, length: 1000 }), "main_1"],
    ["ring", generateMap("ring", { length: 600, lanes: 2 }), "ring0_0"],
  ] as const) {
    it(`changes lane left and right within 4 s on a ${name} road`, () => {
      const net = buildRoadNetwork(map);
      const h = harness(net, lane, 5, 0, 15);
      for (let k = 0; k < 100; k++) h.step(15);
      for (const dir of [1, -1]) {
        const from = h.step(15).lane.index;
        let done = -1;
        for (let k = 0; k < 80; k++) {
          const r = h.step(15, k === 0 ? dir : 0);
          const ok = r.lane.index === from + dir && Math.abs(r.t) < 0.3 && Math.abs(r.headingErr) < 0.02;
          if (ok && done < 0) done = (k + 1) / 10;
          if (!ok) done = -1;
        }
        expect(done).toBeGreaterThan(0);
        expect(done).toBeLessThanOrEqual(4);
        expect(h.ctrl.changingLane).toBe(false);
      }
    });
  }
  it("continues identically from a snapshot of its plain-data state mid lane change", () => {
    const net = buildRoadNetwork(generateMap("straight", { lanes: 2, length: 500 }));
    const h = harness(net, "main_0", 5, 0, 15);
    h.step(15, 1);
    for (let k = 0; k < 10; k++) h.step(15);
    const phys = h.world.snapshot();
    const saved = structuredClone(h.ctrl.state);
    const a = Array.from({ length: 20 }, () => h.step(15).t);
    h.world.restore(phys);
    h.ctrl.state = structuredClone(saved);
    const b = Array.from({ length: 20 }, () => h.step(15).t);
    expect(b).toEqual(a);
  });
});
