/**
 * Driver commands and the steering actuator shared by both vehicle models: throttle and brake are
 * held for the step, the road-wheel angle follows either a normalised target (Continuous action
 * space) or a commanded rate (ActuatorDynamic), never faster than `maxSteerRateRadps`.
 */
import type { VehicleParams } from "./VehicleParams.js";

/** Clamps `v` to [lo, hi]; NaN becomes `lo` so a bad command can never poison the physics. */
function clamp(v: number, lo: number, hi: number): number {
  return v > hi ? hi : v >= lo ? v : lo;
}

/** Throttle, brake and steering state of one vehicle. */
export class VehicleActuators {
  /** Throttle 0..1. */
  throttle = 0;
  /** Brake 0..1. */
  brake = 0;
  /** Road-wheel angle in rad, positive = left. */
  steeringRad = 0;
  /** Target road-wheel angle in rad (used when `rateMode` is false). */
  steerTargetRad = 0;
  /** Commanded steering rate in rad/s (used when `rateMode` is true). */
  steerRateRadps = 0;
  /** Whether the steering follows a commanded rate rather than a target angle. */
  rateMode = false;

  constructor(private readonly params: VehicleParams) {}

  /** Continuous action: throttle 0..1, brake 0..1, steering −1..1 (fraction of maxSteerRad, + = left). */
  setControls(throttle: number, brake: number, steering: number): void {
    this.throttle = clamp(throttle, 0, 1);
    this.brake = clamp(brake, 0, 1);
    this.steerTargetRad = clamp(steering, -1, 1) * this.params.maxSteerRad;
    this.rateMode = false;
  }

  /** ActuatorDynamic action: throttle 0..1, brake 0..1, steering rate in rad/s (+ = towards left). */
  setActuatorControls(throttle: number, brake: number, steeringRateRadps: number): void {
    this.throttle = clamp(throttle, 0, 1);
    this.brake = clamp(brake, 0, 1);
    this.steerRateRadps = clamp(steeringRateRadps, -this.params.maxSteerRateRadps, this.params.maxSteerRateRadps);
    this.rateMode = true;
  }

  /** Moves the road-wheel angle over a substep of `hS` seconds. */
  advanceSteering(hS: number): void {
    const p = this.params;
    const maxDelta = p.maxSteerRateRadps * hS;
    const delta = this.rateMode
      ? this.steerRateRadps * hS
      : clamp(this.steerTargetRad - this.steeringRad, -maxDelta, maxDelta);
    this.steeringRad = clamp(this.steeringRad + delta, -p.maxSteerRad, p.maxSteerRad);
  }

  /** The state as 6 plain numbers (for snapshots). */
  save(out: number[]): void {
    out.push(
      this.throttle,
      this.brake,
      this.steeringRad,
      this.steerTargetRad,
      this.steerRateRadps,
      this.rateMode ? 1 : 0,
    );
  }

  /** Restores from `data[at..at+6)`; returns the index after. */
  load(data: readonly number[], at: number): number {
    this.throttle = data[at];
    this.brake = data[at + 1];
    this.steeringRad = data[at + 2];
    this.steerTargetRad = data[at + 3];
    this.steerRateRadps = data[at + 4];
    this.rateMode = data[at + 5] === 1;
    return at + 6;
  }
}
