import { describe, expect, it } from "vitest";
import { PhysicsWorld } from "./PhysicsWorld.js";
import { DEFAULT_VEHICLE_PARAMS } from "./VehicleParams.js";
import {
  accelerationTimeS,
  brakingDistanceM,
  creepM,
  enduranceRun,
  KMH100_MPS,
  turningRadiusM,
} from "./vehicleManoeuvres.js";

const P = DEFAULT_VEHICLE_PARAMS;

describe("DynamicVehicle (planar bicycle model on cannon-es)", () => {
  it("survives 10,000 steps at full throttle and full lock: finite, bounded speed, on the ground", () => {
    const r = enduranceRun({}, {}, 10_000);
    expect(r.finite).toBe(true);
    expect(r.maxSpeedMps).toBeLessThan(P.maxSpeedMps);
    expect(r.maxSpeedMps).toBeGreaterThan(5); // it does drive, in a circle
    expect(r.maxRangeM).toBeLessThan(200);
    expect(r.maxHeightChangeM).toBeLessThan(1e-9);
    expect(r.maxTiltRad).toBeLessThan(1e-9);
  });

  it("survives 10,000 steps at full throttle and full lock with a single substep", () => {
    const r = enduranceRun({ substeps: 1 }, {}, 10_000);
    expect(r.finite).toBe(true);
    expect(r.maxSpeedMps).toBeLessThan(P.maxSpeedMps);
  });

  it("reaches 100 km/h in a passenger car's time (8–14 s)", () => {
    const t = accelerationTimeS();
    expect(t).toBeGreaterThan(8);
    expect(t).toBeLessThan(14);
  });

  it("stops from 100 km/h in a plausible distance (35–60 m)", () => {
    const d = brakingDistanceM();
    expect(d).toBeGreaterThan(35);
    expect(d).toBeLessThan(60);
  });

  it("turns at low speed with the radius of its steering geometry (within 15 % of L / tan δmax)", () => {
    const ideal = P.wheelbaseM / Math.tan(P.maxSteerRad);
    const r = turningRadiusM();
    expect(Math.abs(r - ideal) / ideal).toBeLessThan(0.15);
    const truck = turningRadiusM(
      {},
      { lengthM: 5, widthM: 1.91, heightM: 1.89, massKg: 6000, wheelbaseM: 3.6, maxSteerRad: 0.5 },
    );
    expect(Math.abs(truck - 3.6 / Math.tan(0.5)) / (3.6 / Math.tan(0.5))).toBeLessThan(0.15);
  });

  it("does not creep at rest with zero input (< 1 cm in 100 s)", () => {
    expect(creepM({}, {}, 100)).toBeLessThan(0.01);
  });

  it("steers left for positive steering and follows a commanded steering rate", () => {
    const w = new PhysicsWorld();
    const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 5);
    w.setControls(h, 0.2, 0, 1);
    for (let i = 0; i < 10; i++) w.step();
    const s = w.vehicleState(h);
    expect(s.headingRad).toBeGreaterThan(0.1);
    expect(s.y).toBeGreaterThan(0);
    expect(s.steeringRad).toBeCloseTo(P.maxSteerRad, 12);

    const w2 = new PhysicsWorld();
    const h2 = w2.addVehicle({ xM: 0, yM: 0, headingRad: 0 });
    w2.setActuatorControls(h2, 0, 0, -0.3); // rad/s, to the right
    for (let i = 0; i < 10; i++) w2.step();
    expect(w2.vehicleState(h2).steeringRad).toBeCloseTo(-0.3, 12);
    w2.setActuatorControls(h2, 0, 0, -5); // clamped to maxSteerRateRadps, then to maxSteerRad
    w2.step();
    expect(w2.vehicleState(h2).steeringRad).toBeCloseTo(-0.3 - P.maxSteerRateRadps * 0.1, 12);
    for (let i = 0; i < 10; i++) w2.step();
    expect(w2.vehicleState(h2).steeringRad).toBe(-P.maxSteerRad);
  });

  it("limits the steering rate of normalised steering commands", () => {
    const w = new PhysicsWorld();
    const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 });
    w.setControls(h, 0, 0, -1);
    w.step();
    expect(w.vehicleState(h).steeringRad).toBeCloseTo(-P.maxSteerRateRadps * 0.1, 12);
  });

  it("reports speed, acceleration and yaw rate consistently", () => {
    const w = new PhysicsWorld();
    const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 1 }, {}, 10);
    w.setControls(h, 0, 1, 0);
    w.step();
    const s = w.vehicleState(h);
    expect(s.speedMps).toBeLessThan(10);
    expect(s.accelerationMps2).toBeCloseTo((s.speedMps - 10) / 0.1, 9);
    expect(s.accelerationMps2).toBeLessThan(-P.maxDecelMps2 * 0.9);
    expect(Math.atan2(s.vyMps, s.vxMps)).toBeCloseTo(1, 9);
    expect(s.yawRateRadps).toBeCloseTo(0, 12);
  });

  it("never turns NaN commands into NaN state", () => {
    const w = new PhysicsWorld();
    const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 10);
    w.setControls(h, Number.NaN, Number.NaN, Number.NaN);
    w.step();
    w.setActuatorControls(h, Infinity, -Infinity, Number.NaN);
    w.step();
    for (const v of Object.values(w.vehicleState(h))) expect(Number.isFinite(v)).toBe(true);
  });

  it("keeps a speed handed over at creation", () => {
    const w = new PhysicsWorld();
    const h = w.addVehicle({ xM: 0, yM: 0, headingRad: Math.PI / 2 }, {}, KMH100_MPS);
    expect(w.vehicleState(h).speedMps).toBeCloseTo(KMH100_MPS, 9);
    w.setControls(h, 0.5, 0, 0);
    w.step();
    const s = w.vehicleState(h);
    expect(Math.abs(s.speedMps - KMH100_MPS)).toBeLessThan(0.2);
    expect(s.y).toBeCloseTo(KMH100_MPS * 0.1, 0);
  });

  it("rejects impossible parameters", () => {
    expect(() => new PhysicsWorld().addVehicle({ xM: 0, yM: 0, headingRad: 0 }, { massKg: -1 })).toThrow(/massKg/);
    expect(() => new PhysicsWorld().addVehicle({ xM: 0, yM: 0, headingRad: 0 }, { wheelbaseM: 5 })).toThrow(
      /wheelbaseM/,
    );
  });
});
