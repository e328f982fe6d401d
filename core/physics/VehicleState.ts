/** What a dynamic vehicle reports after each environment step (world frame, DESIGN §3). */
export interface VehicleState {
  /** Body centre, east, in m. */
  x: number;
  /** Body centre, north, in m. */
  y: number;
  /** Body centre height above the ground plane, in m. */
  z: number;
  /** Heading in rad, 0 = +x (east), counter-clockwise positive, in (−π, π]. */
  headingRad: number;
  /** Velocity along the heading, in m/s (negative when rolling backwards). */
  speedMps: number;
  /** Change of `speedMps` over the last environment step divided by its length, in m/s². */
  accelerationMps2: number;
  /** Yaw rate in rad/s, counter-clockwise positive. */
  yawRateRadps: number;
  /** Road-wheel steering angle in rad, positive = left. */
  steeringRad: number;
  /** World-frame velocity, east, in m/s. */
  vxMps: number;
  /** World-frame velocity, north, in m/s. */
  vyMps: number;
  /** Roll angle in rad (0 for the planar bicycle model). */
  rollRad: number;
  /** Pitch angle in rad (0 for the planar bicycle model). */
  pitchRad: number;
}

/** A zeroed state, to be filled by `PhysicsWorld.vehicleState`. */
export function createVehicleState(): VehicleState {
  return {
    x: 0,
    y: 0,
    z: 0,
    headingRad: 0,
    speedMps: 0,
    accelerationMps2: 0,
    yawRateRadps: 0,
    steeringRad: 0,
    vxMps: 0,
    vyMps: 0,
    rollRad: 0,
    pitchRad: 0,
  };
}
