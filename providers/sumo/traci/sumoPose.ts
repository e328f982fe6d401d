/**
 * Conversions between SUMO's vehicle pose conventions and roadgym's.
 *
 * | | SUMO (TraCI) | roadgym |
 * |---|---|---|
 * | reference point | front bumper centre | vehicle centre |
 * | heading | degrees, clockwise from north (+y), 0..360 | radians, counter-clockwise from east (+x), (−π, π] |
 *
 * Both use network coordinates in metres with +x east and +y north, so positions need no other change.
 */

/** A planar pose: position in metres, heading in radians CCW from +x. */
export interface PlanarPose {
  x: number;
  y: number;
  headingRad: number;
}

/** SUMO angle (degrees clockwise from north) → heading (radians CCW from east, in (−π, π]). */
export function sumoAngleToHeadingRad(angleDeg: number): number {
  const a = ((90 - angleDeg) * Math.PI) / 180;
  const w = a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
  return w <= -Math.PI ? w + 2 * Math.PI : w;
}

/** Heading (radians CCW from east) → SUMO angle (degrees clockwise from north, in [0, 360)). */
export function headingRadToSumoAngle(headingRad: number): number {
  const d = 90 - (headingRad * 180) / Math.PI;
  const w = ((d % 360) + 360) % 360;
  return w === 360 ? 0 : w;
}

/**
 * SUMO's front-bumper position and angle → roadgym's centre pose for a vehicle `lengthM` metres long
 * (the centre is half a length behind the front along the heading).
 */
export function sumoFrontToCentrePose(front: { x: number; y: number }, angleDeg: number, lengthM: number): PlanarPose {
  const headingRad = sumoAngleToHeadingRad(angleDeg);
  const half = lengthM / 2;
  return { x: front.x - half * Math.cos(headingRad), y: front.y - half * Math.sin(headingRad), headingRad };
}

/** roadgym's centre pose → SUMO's front-bumper position (metres) and angle (degrees), e.g. for `moveToXY`. */
export function centrePoseToSumoFront(pose: PlanarPose, lengthM: number): { x: number; y: number; angleDeg: number } {
  const half = lengthM / 2;
  return {
    x: pose.x + half * Math.cos(pose.headingRad),
    y: pose.y + half * Math.sin(pose.headingRad),
    angleDeg: headingRadToSumoAngle(pose.headingRad),
  };
}
