/** Wraps an angle in rad to (−π, π]. */
export function wrapAngleRad(a: number): number {
  const w = a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
  return w <= -Math.PI ? w + 2 * Math.PI : w;
}
