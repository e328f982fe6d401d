/**
 * Where a sensor sits: the ego vehicle's centre and heading in the world frame (DESIGN §3).
 * Structural, so a `VehicleState` can be passed as it is.
 */
export interface EgoPose {
  /** Centre x, east (m). */
  readonly x: number;
  /** Centre y, north (m). */
  readonly y: number;
  /** Heading, counter-clockwise from +x (radians). */
  readonly headingRad: number;
}
