/**
 * The Intelligent Driver Model (Treiber, Hennecke & Helbing 2000) and the ballistic integration the
 * local traffic provider moves vehicles with. Pure functions of numbers, allocation-free, SI units.
 *
 *   a_IDM = a · [1 − (v/v0)^δ − (s* / s)²],   s* = s0 + max(0, v·T + v·Δv / (2√(a·b)))
 *
 * with v the speed, v0 the desired speed, s the bumper-to-bumper gap to the leader, Δv = v − v_leader,
 * T the time headway, s0 the standstill gap, a the maximum acceleration, b the comfortable deceleration
 * and δ = 4. Above the desired speed (after entering a slower lane) the free-road term would brake with
 * a·(1 − (v/v0)⁴), which is violent for v ≫ v0; it is bounded by −b instead (as in the IIDM).
 */

/** IDM exponent δ. */
export const IDM_EXPONENT = 4;

/** The IDM parameters of one driver–vehicle pair. */
export interface IdmParams {
  /** Desired time headway T (s). */
  readonly headwayS: number;
  /** Standstill gap s0 (m). */
  readonly minGapM: number;
  /** Maximum acceleration a (m/s²). */
  readonly accelMps2: number;
  /** Comfortable deceleration b (m/s², positive). */
  readonly decelMps2: number;
}

/** Gaps below this count as this (m): keeps (s* / s)² finite when bumpers touch. */
const MIN_GAP_M = 1e-3;

/** Free-road acceleration a·(1 − (v/v0)⁴), bounded below by −b (m/s²). */
export function idmFreeAcceleration(speedMps: number, desiredSpeedMps: number, p: IdmParams): number {
  const r = speedMps / (desiredSpeedMps > 0.01 ? desiredSpeedMps : 0.01);
  const r2 = r * r;
  const free = p.accelMps2 * (1 - r2 * r2);
  return free < -p.decelMps2 ? -p.decelMps2 : free;
}

/** Desired dynamic gap s* for speed `v` closing at `dv` (m). */
export function idmDesiredGap(speedMps: number, closingMps: number, p: IdmParams, minGapM = p.minGapM): number {
  const dynamic = speedMps * p.headwayS + (speedMps * closingMps) / (2 * Math.sqrt(p.accelMps2 * p.decelMps2));
  return minGapM + (dynamic > 0 ? dynamic : 0);
}

/**
 * {@link idmAcceleration} on plain numbers, for the engine's hot loops: `twoSqrtAB` is 2·√(a·b),
 * computed once per driver. Same arithmetic, same result to the bit.
 */
export function idmAccelerationOf(
  speedMps: number,
  desiredSpeedMps: number,
  gapM: number,
  leaderSpeedMps: number,
  headwayS: number,
  minGapM: number,
  accelMps2: number,
  decelMps2: number,
  twoSqrtAB: number,
): number {
  const r = speedMps / (desiredSpeedMps > 0.01 ? desiredSpeedMps : 0.01);
  const r2 = r * r;
  let freeTerm = 1 - r2 * r2;
  if (accelMps2 * freeTerm < -decelMps2) freeTerm = -decelMps2 / accelMps2;
  const dynamic = speedMps * headwayS + (speedMps * (speedMps - leaderSpeedMps)) / twoSqrtAB;
  const sStar = minGapM + (dynamic > 0 ? dynamic : 0);
  const s = gapM > MIN_GAP_M ? gapM : MIN_GAP_M;
  const q = sStar / s;
  return accelMps2 * (freeTerm - q * q);
}

/** {@link idmFreeAcceleration} on plain numbers (the engine's hot loops). */
export function idmFreeAccelerationOf(
  speedMps: number,
  desiredSpeedMps: number,
  accelMps2: number,
  decelMps2: number,
): number {
  const r = speedMps / (desiredSpeedMps > 0.01 ? desiredSpeedMps : 0.01);
  const r2 = r * r;
  const free = accelMps2 * (1 - r2 * r2);
  return free < -decelMps2 ? -decelMps2 : free;
}

/**
 * IDM acceleration behind a leader (m/s²).
 * @param gapM bumper-to-bumper gap (m)
 * @param leaderSpeedMps the leader's speed (m/s)
 * @param minGapM standstill gap to use (m): the driver's, or a smaller one for stop lines
 */
export function idmAcceleration(
  speedMps: number,
  desiredSpeedMps: number,
  gapM: number,
  leaderSpeedMps: number,
  p: IdmParams,
  minGapM = p.minGapM,
): number {
  const r = speedMps / (desiredSpeedMps > 0.01 ? desiredSpeedMps : 0.01);
  const r2 = r * r;
  let freeTerm = 1 - r2 * r2;
  // Bounded like the free-road case: entering a slower lane must not look like an emergency.
  if (p.accelMps2 * freeTerm < -p.decelMps2) freeTerm = -p.decelMps2 / p.accelMps2;
  const sStar = idmDesiredGap(speedMps, speedMps - leaderSpeedMps, p, minGapM);
  const s = gapM > MIN_GAP_M ? gapM : MIN_GAP_M;
  const q = sStar / s;
  return p.accelMps2 * (freeTerm - q * q);
}

/** Equilibrium gap for steady speed `v` behind a leader at the same speed (m); Infinity at v ≥ v0. */
export function idmEquilibriumGap(speedMps: number, desiredSpeedMps: number, p: IdmParams): number {
  const r = speedMps / desiredSpeedMps;
  const denom = 1 - r * r * r * r;
  if (denom <= 0) return Infinity;
  return (p.minGapM + speedMps * p.headwayS) / Math.sqrt(denom);
}

/** Equilibrium speed at gap `gapM` (m/s): the inverse of {@link idmEquilibriumGap} (bisection). */
export function idmEquilibriumSpeed(gapM: number, desiredSpeedMps: number, p: IdmParams): number {
  if (gapM <= p.minGapM) return 0;
  let lo = 0;
  let hi = desiredSpeedMps;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (idmEquilibriumGap(mid, desiredSpeedMps, p) < gapM) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Result of one ballistic step. */
export interface BallisticStep {
  /** Distance travelled (m, ≥ 0). */
  advanceM: number;
  /** Speed at the end of the step (m/s, ≥ 0). */
  speedMps: number;
}

/**
 * One ballistic step: v' = max(0, v + a·dt), s' = s + v·dt + ½·a·dt²; when the vehicle stops within
 * the step it travels v²/(2|a|) and stays at rest.
 * @param out receives the result (returned)
 */
export function ballisticStep(speedMps: number, accelMps2: number, dtS: number, out: BallisticStep): BallisticStep {
  const v1 = speedMps + accelMps2 * dtS;
  if (v1 < 0) {
    out.advanceM = accelMps2 < 0 ? (speedMps * speedMps) / (-2 * accelMps2) : 0;
    out.speedMps = 0;
  } else {
    out.advanceM = speedMps * dtS + 0.5 * accelMps2 * dtS * dtS;
    out.speedMps = v1;
  }
  if (out.advanceM < 0) out.advanceM = 0;
  return out;
}

/**
 * Time to cover `distM` from speed `v`, accelerating at `a` up to `vMax` then cruising (s): the
 * arrival estimate junction right of way uses. 0 for a distance ≤ 0.
 */
export function timeToCover(distM: number, speedMps: number, accelMps2: number, maxSpeedMps: number): number {
  if (distM <= 0) return 0;
  const v = speedMps;
  const vMax = maxSpeedMps > v ? maxSpeedMps : v;
  if (accelMps2 <= 0 || vMax <= v) return v > 0.01 ? distM / v : Infinity;
  const tUp = (vMax - v) / accelMps2;
  const dUp = (v + vMax) * 0.5 * tUp;
  if (distM <= dUp) return (Math.sqrt(v * v + 2 * accelMps2 * distM) - v) / accelMps2;
  return tUp + (distM - dUp) / vMax;
}
