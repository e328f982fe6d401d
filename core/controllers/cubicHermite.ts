/**
 * The cubic Hermite curve between p0 (tangent m0) and p1 (tangent m1) at parameter u ∈ [0, 1]:
 * shared by the kinematic planners (TargetPose, Trajectory). Scalar, so callers apply it per axis.
 */
export function cubicHermite(p0: number, m0: number, p1: number, m1: number, u: number): number {
  const u2 = u * u;
  const u3 = u2 * u;
  return (2 * u3 - 3 * u2 + 1) * p0 + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * p1 + (u3 - u2) * m1;
}

/** d/du of {@link cubicHermite}. */
export function cubicHermiteDerivative(p0: number, m0: number, p1: number, m1: number, u: number): number {
  const u2 = u * u;
  return (6 * u2 - 6 * u) * (p0 - p1) + (3 * u2 - 4 * u + 1) * m0 + (3 * u2 - 2 * u) * m1;
}
