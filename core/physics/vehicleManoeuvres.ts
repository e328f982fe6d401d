/**
 * Standard test manoeuvres that measure a vehicle model through the public `PhysicsWorld` API:
 * 0–100 km/h time, braking distance from 100 km/h, low-speed turning radius, creep at rest, the
 * full-throttle full-lock endurance run and the substep-convergence check. Used by the tests (to
 * bound realism) and by bench/physicsBenchmark.ts (to compare the two candidate models).
 */
import { PhysicsWorld, type PhysicsWorldOptions } from "./PhysicsWorld.js";
import type { VehicleParamsOptions } from "./VehicleParams.js";
import { createVehicleState } from "./VehicleState.js";

/** 100 km/h in m/s. */
export const KMH100_MPS = 100 / 3.6;

/** Seconds from rest to 100 km/h at full throttle (Infinity if not reached within 60 s). */
export function accelerationTimeS(world: PhysicsWorldOptions = {}, params: VehicleParamsOptions = {}): number {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params);
  const s = createVehicleState();
  let prev = 0;
  for (let i = 1; i * w.stepS <= 60; i++) {
    w.setControls(h, 1, 0, 0);
    w.step();
    w.vehicleState(h, s);
    if (s.speedMps >= KMH100_MPS) return (i - 1 + (KMH100_MPS - prev) / (s.speedMps - prev)) * w.stepS;
    prev = s.speedMps;
  }
  return Infinity;
}

/** Metres travelled from 100 km/h to a stop at full brake. */
export function brakingDistanceM(world: PhysicsWorldOptions = {}, params: VehicleParamsOptions = {}): number {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params, KMH100_MPS);
  const s = createVehicleState();
  for (let i = 0; i < 300; i++) {
    w.setControls(h, 0, 1, 0);
    w.step();
    w.vehicleState(h, s);
    if (s.speedMps < 0.01) break;
  }
  return Math.hypot(s.x, s.y);
}

/** Steady-state radius (m) of the body centre's circle at full left lock, holding `speedMps`. */
export function turningRadiusM(
  world: PhysicsWorldOptions = {},
  params: VehicleParamsOptions = {},
  speedMps = 3,
): number {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params, speedMps);
  const s = createVehicleState();
  let sumR = 0;
  let n = 0;
  for (let i = 0; i < 400; i++) {
    w.vehicleState(h, s);
    w.setControls(h, Math.max(0, Math.min(1, 0.3 + 0.5 * (speedMps - s.speedMps))), 0, 1);
    w.step();
    w.vehicleState(h, s);
    if (i >= 200) {
      sumR += Math.hypot(s.vxMps, s.vyMps) / Math.abs(s.yawRateRadps);
      n++;
    }
  }
  return sumR / n;
}

/** Distance in m a vehicle at rest with no input moves in `seconds` s. */
export function creepM(world: PhysicsWorldOptions = {}, params: VehicleParamsOptions = {}, seconds = 100): number {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params);
  const s = createVehicleState();
  const steps = Math.round(seconds / w.stepS);
  // Let a suspension settle for 2 s first, then measure from there.
  const settle = Math.round(2 / w.stepS);
  let x0 = 0;
  let y0 = 0;
  for (let i = 0; i < settle + steps; i++) {
    if (i === settle) ({ x: x0, y: y0 } = w.vehicleState(h, s));
    w.setControls(h, 0, 0, 0);
    w.step();
  }
  w.vehicleState(h, s);
  return Math.hypot(s.x - x0, s.y - y0);
}

/** Extremes seen during an endurance run. */
export interface EnduranceResult {
  /** Whether every state value stayed finite. */
  finite: boolean;
  /** Largest speed, m/s. */
  maxSpeedMps: number;
  /** Largest |z − z₀|, m. */
  maxHeightChangeM: number;
  /** Largest |roll| and |pitch|, rad. */
  maxTiltRad: number;
  /** Largest distance from the start, m. */
  maxRangeM: number;
}

/** `steps` environment steps at full throttle and full left lock. */
export function enduranceRun(
  world: PhysicsWorldOptions = {},
  params: VehicleParamsOptions = {},
  steps = 10_000,
): EnduranceResult {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params);
  const s = createVehicleState();
  const z0 = w.vehicleState(h, s).z;
  const r: EnduranceResult = { finite: true, maxSpeedMps: 0, maxHeightChangeM: 0, maxTiltRad: 0, maxRangeM: 0 };
  for (let i = 0; i < steps; i++) {
    w.setControls(h, 1, 0, 1);
    w.step();
    w.vehicleState(h, s);
    for (const v of Object.values(s)) if (!Number.isFinite(v)) r.finite = false;
    r.maxSpeedMps = Math.max(r.maxSpeedMps, Math.hypot(s.vxMps, s.vyMps));
    r.maxHeightChangeM = Math.max(r.maxHeightChangeM, Math.abs(s.z - z0));
    r.maxTiltRad = Math.max(r.maxTiltRad, Math.abs(s.rollRad), Math.abs(s.pitchRad));
    r.maxRangeM = Math.max(r.maxRangeM, Math.hypot(s.x, s.y));
  }
  return r;
}

/**
 * A mixed manoeuvre inside the grip limit (accelerate, slalom at ~20 m/s with up to ~4 m/s²
 * lateral, brake in a gentle turn, tight turn at walking pace) for 30 s; returns the final x, y (m)
 * and heading (rad). Comparing the result at N substeps with a fine reference measures the
 * integration error of N. (A manoeuvre past the grip limit would measure chaos instead.)
 */
export function mixedManoeuvre(
  world: PhysicsWorldOptions = {},
  params: VehicleParamsOptions = {},
): { x: number; y: number; headingRad: number } {
  const w = new PhysicsWorld(world);
  const h = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, params);
  const s = createVehicleState();
  const steps = Math.round(30 / w.stepS);
  for (let i = 0; i < steps; i++) {
    const t = i * w.stepS;
    if (t < 7) w.setControls(h, 1, 0, 0);
    else if (t < 15) w.setControls(h, 0.35, 0, 0.05 * Math.sin(((t - 7) * Math.PI) / 2));
    else if (t < 20) w.setControls(h, 0, 0.4, 0.1);
    else w.setControls(h, 0.25, 0, 1);
    w.step();
  }
  w.vehicleState(h, s);
  return { x: s.x, y: s.y, headingRad: s.headingRad };
}
