/**
 * The Continuous and ActuatorDynamic action spaces (DESIGN §7): commands that go straight to the
 * dynamic vehicle model. The physics clamps whatever it is given, so checking is for telling a
 * policy that it answered badly (DESIGN §7: it then loses its vehicle), not for safety.
 */
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";

/** A Continuous action: throttle 0..1, brake 0..1, steering −1..1 (fraction of full lock, + = left). */
export interface ContinuousAction {
  throttle: number;
  brake: number;
  steering: number;
}

/** An ActuatorDynamic action: throttle 0..1, brake 0..1, road-wheel steering rate in rad/s (+ = left). */
export interface ActuatorDynamicAction {
  throttle: number;
  brake: number;
  steeringRateRadps: number;
}

function checkRange(name: string, v: unknown, lo: number, hi: number): string | undefined {
  return typeof v === "number" && Number.isFinite(v) && v >= lo && v <= hi
    ? undefined
    : `${name} must be a finite number in ${lo}..${hi}, got ${String(v)}`;
}

/** Why `action` is not a valid Continuous action, or undefined when it is one. */
export function checkContinuousAction(action: unknown): string | undefined {
  if (typeof action !== "object" || action === null)
    return `a Continuous action is { throttle, brake, steering }, got ${JSON.stringify(action)}`;
  const a = action as Record<string, unknown>;
  return (
    checkRange("throttle", a.throttle, 0, 1) ??
    checkRange("brake", a.brake, 0, 1) ??
    checkRange("steering", a.steering, -1, 1)
  );
}

/**
 * Why `action` is not a valid ActuatorDynamic action for a vehicle whose steering turns at most
 * `maxSteerRateRadps` rad/s, or undefined when it is one.
 */
export function checkActuatorDynamicAction(action: unknown, maxSteerRateRadps: number): string | undefined {
  if (typeof action !== "object" || action === null)
    return `an ActuatorDynamic action is { throttle, brake, steeringRateRadps }, got ${JSON.stringify(action)}`;
  const a = action as Record<string, unknown>;
  return (
    checkRange("throttle", a.throttle, 0, 1) ??
    checkRange("brake", a.brake, 0, 1) ??
    checkRange("steeringRateRadps", a.steeringRateRadps, -maxSteerRateRadps, maxSteerRateRadps)
  );
}

/** Hands a Continuous action to vehicle `handle` for the next step. */
export function applyContinuousAction(world: PhysicsWorld, handle: number, action: ContinuousAction): void {
  world.setControls(handle, action.throttle, action.brake, action.steering);
}

/** Hands an ActuatorDynamic action to vehicle `handle` for the next step. */
export function applyActuatorDynamicAction(world: PhysicsWorld, handle: number, action: ActuatorDynamicAction): void {
  world.setActuatorControls(handle, action.throttle, action.brake, action.steeringRateRadps);
}
