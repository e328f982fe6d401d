import { describe, expect, it } from "vitest";
import { PhysicsWorld } from "../physics/PhysicsWorld.js";
import {
  applyActuatorDynamicAction,
  applyContinuousAction,
  checkActuatorDynamicAction,
  checkContinuousAction,
} from "./applyContinuousAction.js";

describe("Continuous and ActuatorDynamic actions", () => {
  it("check ranges", () => {
    expect(checkContinuousAction({ throttle: 1, brake: 0, steering: -1 })).toBeUndefined();
    expect(checkContinuousAction({ throttle: 1.1, brake: 0, steering: 0 })).toMatch(/throttle/);
    expect(checkContinuousAction({ throttle: 0, brake: NaN, steering: 0 })).toMatch(/brake/);
    expect(checkContinuousAction({ throttle: 0, brake: 0, steering: 2 })).toMatch(/steering/);
    expect(checkContinuousAction(null)).toMatch(/Continuous/);
    expect(checkActuatorDynamicAction({ throttle: 0, brake: 0, steeringRateRadps: 0.5 }, 0.6)).toBeUndefined();
    expect(checkActuatorDynamicAction({ throttle: 0, brake: 0, steeringRateRadps: 0.7 }, 0.6)).toMatch(
      /steeringRateRadps/,
    );
  });

  it("pass the commands to the physics", () => {
    const w = new PhysicsWorld();
    const a = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 10);
    const b = w.addVehicle({ xM: 0, yM: 50, headingRad: 0 }, {}, 10);
    for (let k = 0; k < 10; k++) {
      applyContinuousAction(w, a, { throttle: 0, brake: 0, steering: 1 });
      applyActuatorDynamicAction(w, b, { throttle: 0, brake: 0, steeringRateRadps: -0.3 });
      w.step();
    }
    expect(w.vehicleState(a).steeringRad).toBeCloseTo(0.42, 9); // full lock reached at 0.6 rad/s
    expect(w.vehicleState(b).steeringRad).toBeCloseTo(-0.3, 9); // 1 s at −0.3 rad/s
  });
});
