/**
 * The engine's force at the driven wheels, in N: traction-limited (`massKg · maxAccelMps2`) at low
 * speed, power-limited (`maxEnginePowerW / speed`) above, faded to zero over the last 1 m/s below
 * `maxSpeedMps`. Shared by both vehicle models so their acceleration is compared like for like.
 */
import type { VehicleParams } from "./VehicleParams.js";

/** Drive force in N for `throttle` 0..1 at forward speed `speedMps` (m/s; negative = reversing). */
export function driveForceN(p: VehicleParams, throttle: number, speedMps: number): number {
  if (throttle <= 0) return 0;
  const v = speedMps > 0 ? speedMps : 0;
  const traction = p.massKg * p.maxAccelMps2;
  const byPower = v > 0 ? p.maxEnginePowerW / v : traction;
  const fade = p.maxSpeedMps - v >= 1 ? 1 : p.maxSpeedMps - v > 0 ? p.maxSpeedMps - v : 0;
  return throttle * (byPower < traction ? byPower : traction) * fade;
}

/** Air density at sea level, 15 °C, in kg/m³. */
export const AIR_DENSITY_KGPM3 = 1.225;

/** Standard gravity in m/s². */
export const GRAVITY_MPS2 = 9.81;
