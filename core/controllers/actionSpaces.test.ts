import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { vehicleTypes } from "../../spec/vehicleTypes.js";
import { ACTION_SPACES } from "../../spec/CompiledScenario.js";
import { ActionError, AgentActionSpace } from "./actionSpaces.js";

const car = vehicleTypes.passenger;

describe("AgentActionSpace", () => {
  it("parses the wire form of every action space", () => {
    const p = (kind: (typeof ACTION_SPACES)[number], v: unknown) => new AgentActionSpace(kind, car, 0.1).parse("a", v);
    expect(p("continuous", [0.5, 0, -0.2])).toEqual({ kind: "continuous", throttle: 0.5, brake: 0, steering: -0.2 });
    expect(p("continuous", { throttle: 0.5, brake: 0, steering: -0.2 })).toEqual({
      kind: "continuous",
      throttle: 0.5,
      brake: 0,
      steering: -0.2,
    });
    expect(p("lane", 2)).toEqual({ kind: "lane", action: "change_lane_left" });
    expect(p("lane", "slow_down")).toEqual({ kind: "lane", action: "slow_down" });
    expect(p("lane_with_continuous_speed", [12, -1])).toEqual({
      kind: "lane_with_continuous_speed",
      targetSpeedMps: 12,
      laneChange: -1,
    });
    expect(p("actuator_dynamic", [0, 1, 0.3])).toEqual({
      kind: "actuator_dynamic",
      throttle: 0,
      brake: 1,
      steeringRateRadps: 0.3,
    });
    expect(p("direct", [-3, 0.1])).toEqual({ kind: "direct", accelerationMps2: -3, yawRateRadps: 0.1 });
    expect(p("target_pose", [10, 20, 1, 2])).toEqual({ kind: "target_pose", xM: 10, yM: 20, headingRad: 1, tS: 2 });
    expect(p("relative_target_pose", [1, 0.1, 0.05])).toEqual({
      kind: "relative_target_pose",
      dxM: 1,
      dyM: 0.1,
      dHeadingRad: 0.05,
    });
    expect(p("trajectory", [[0.1, 1, 0, 0, 10], { tS: 0.2, xM: 2, yM: 0, headingRad: 0, speedMps: 10 }])).toEqual({
      kind: "trajectory",
      points: [
        { tS: 0.1, xM: 1, yM: 0, headingRad: 0, speedMps: 10 },
        { tS: 0.2, xM: 2, yM: 0, headingRad: 0, speedMps: 10 },
      ],
    });
  });

  it("rejects bad actions naming the field", () => {
    const lcs = new AgentActionSpace("lane_with_continuous_speed", car, 0.1);
    expect(() => lcs.parse("a1", [10, 0.5])).toThrow('agent "a1": action.laneChange must be a whole number, got 0.5');
    expect(() => lcs.parse("a1", [-1, 0])).toThrow(
      'agent "a1": action.targetSpeedMps = -1 is outside [0, 55.55555555555556]',
    );
    const traj = new AgentActionSpace("trajectory", car, 0.1);
    expect(() =>
      traj.parse("t", [
        [0.2, 0, 0, 0, 1],
        [0.1, 0, 0, 0, 1],
      ]),
    ).toThrow('agent "t": action[1].tS = 0.1 must be after action[0].tS = 0.2 (times increase)');
    expect(() => traj.parse("t", [])).toThrow(ActionError);
    const rel = new AgentActionSpace("relative_target_pose", car, 0.1);
    expect(() => rel.parse("r", [100, 0, 0])).toThrow(/action.dxM = 100 is outside/);
  });

  it("clips numbers into range, rounding a lane change", () => {
    const lcs = new AgentActionSpace("lane_with_continuous_speed", car, 0.1);
    expect(lcs.parse("a", [1000, 0.6], true)).toEqual({
      kind: "lane_with_continuous_speed",
      targetSpeedMps: car.maxSpeedMps,
      laneChange: 1,
    });
    expect(() => new AgentActionSpace("lane", car, 0.1).parse("a", 9, true)).toThrow(/one of/);
  });

  it("samples only valid actions", () => {
    const rng = new Rng(9);
    for (const kind of ACTION_SPACES) {
      const s = new AgentActionSpace(kind, car, 0.1);
      for (let i = 0; i < 20; i++) {
        const a = s.space.sample(rng);
        expect(() => s.parse("a", a)).not.toThrow();
      }
    }
  });
});
