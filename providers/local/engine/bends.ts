/**
 * Curve speed: drivers keep the lateral acceleration v²/r of a bend within their bound, so a bend of
 * radius r is taken at most at √(a_lat · r). Lanes list their bends (LaneData.bendS, bendRadiusM);
 * the perceive phase asks here for the braking each bend ahead needs, as it does for slower lanes —
 * at most the comfortable deceleration, applied by the move phase.
 */
import type { LaneData } from "../LocalNetwork.js";

/** Distance below which a bend counts as reached: braking towards it is taken over this (m). */
const REACHED_M = 0.5;

/**
 * The least of `limit` and the acceleration (m/s², negative) that brings `speedMps` down to the curve
 * speed of each bend of `lane` between arc lengths `fromS` and `toS` (m), a bend at `s` lying
 * `s + offsetM` ahead of the vehicle's front (m; bends under its body count as reached). A bound
 * `lateralMps2` of 0 or less turns curve speeds off.
 */
export function bendBraking(
  lane: LaneData,
  fromS: number,
  toS: number,
  offsetM: number,
  speedMps: number,
  lateralMps2: number,
  limit: number,
): number {
  const bs = lane.bendS;
  const n = bs.length;
  if (n === 0 || lateralMps2 <= 0) return limit;
  // The radius below which this speed is too fast.
  const tight = (speedMps * speedMps) / lateralMps2;
  const radius = lane.bendRadiusM;
  const v2 = speedMps * speedMps;
  for (let i = 0; i < n; i++) {
    const s = bs[i];
    if (s < fromS) continue;
    if (s > toS) break;
    const r = radius[i];
    if (r >= tight) continue;
    const d = s + offsetM;
    const a = (lateralMps2 * r - v2) / (2 * (d > REACHED_M ? d : REACHED_M));
    if (a < limit) limit = a;
  }
  return limit;
}
