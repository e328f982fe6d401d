/**
 * The contract between `PhysicsWorld` and a vehicle model living on a cannon-es body. Two models
 * implement it — `DynamicVehicle` (the one in use) and `RaycastVehicleModel` (the measured
 * alternative, kept so the comparison in bench/physicsBenchmark.ts can be re-run).
 */
import type * as CANNON from "cannon-es";
import type { VehicleParams } from "./VehicleParams.js";

/** A vehicle model driven by per-step commands and advanced in physics substeps. */
export interface VehicleModel {
  readonly params: VehicleParams;
  /** The cannon-es chassis body (never expose its global `id`). */
  readonly body: CANNON.Body;
  /** Throttle 0..1, brake 0..1, normalised steering target −1..1 (× maxSteerRad, rate-limited). */
  setControls(throttle: number, brake: number, steering: number): void;
  /** Throttle 0..1, brake 0..1, steering rate in rad/s (clamped to ±maxSteerRateRadps). */
  setActuatorControls(throttle: number, brake: number, steeringRateRadps: number): void;
  /** Applies this substep's forces to the body (called before each `world.step(h)`), h in s. */
  beforeSubstep(hS: number): void;
  /** Bookkeeping at the end of an environment step of `dtS` seconds (acceleration estimate). */
  afterStep(dtS: number): void;
  /** Current road-wheel steering angle in rad. */
  readonly steeringRad: number;
  /** Signed speed along the heading at the end of the last step, and the acceleration over it. */
  readonly accelerationMps2: number;
  /** Model-internal state besides the body's (steering, commands, wheel state) as plain numbers. */
  saveInternal(): number[];
  /** Restores what `saveInternal` returned. */
  loadInternal(data: readonly number[]): void;
  /** Adds the body (and anything else the model needs) to the world. */
  addTo(world: CANNON.World): void;
  /** Removes the body (and anything else) from the world. */
  removeFrom(world: CANNON.World): void;
}
