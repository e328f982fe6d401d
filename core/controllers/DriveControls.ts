/** Commands for a dynamic vehicle, as `PhysicsWorld.setControls` takes them (the Continuous action space). */
export interface DriveControls {
  /** Throttle 0..1. */
  throttle: number;
  /** Brake 0..1. */
  brake: number;
  /** Steering −1..1, a fraction of the vehicle's `maxSteerRad`; positive steers left. */
  steering: number;
}

/** Zeroed controls (to be reused as an `out` argument). */
export function createDriveControls(): DriveControls {
  return { throttle: 0, brake: 0, steering: 0 };
}
