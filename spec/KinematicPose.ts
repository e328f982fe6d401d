/**
 * The motion state of a kinematic body as the kinematic controllers (Direct, TargetPose,
 * RelativeTargetPose, Trajectory) read and write it: world frame (DESIGN §3), SI units.
 */
export interface KinematicPose {
  /** Body centre, east, in m. */
  xM: number;
  /** Body centre, north, in m. */
  yM: number;
  /** Heading in rad, 0 = east, counter-clockwise positive, in (−π, π]. */
  headingRad: number;
  /** Speed along the heading, in m/s. */
  speedMps: number;
}

/** A kinematic pose at the origin, at rest (to be reused as an `out` argument). */
export function createKinematicPose(): KinematicPose {
  return { xM: 0, yM: 0, headingRad: 0, speedMps: 0 };
}
