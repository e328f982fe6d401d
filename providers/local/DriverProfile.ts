/**
 * Per-vehicle driver parameters: drawn once, when a vehicle is generated, from the scenario's driver
 * distributions (or a SUMO vType's attributes) with the provider's RNG, and clamped to ranges the
 * models stay sane in. The draw order is fixed (the field order of {@link DriverProfile}), so the
 * same RNG state always gives the same driver.
 */
import type { Rng } from "../../core/random/Rng.js";
import type { SumoDistribution } from "../../spec/SumoDemand.js";
import type { Distribution, Driver } from "../../spec/CompiledScenario.js";

/** One vehicle's drawn driver parameters (SI). */
export interface DriverProfile {
  /** Desired speed as a factor of the lane speed limit. */
  speedFactor: number;
  /** IDM time headway T (s). */
  headwayS: number;
  /** IDM standstill gap s0 (m). */
  minGapM: number;
  /** IDM maximum acceleration a (m/s²). */
  accelMps2: number;
  /** IDM comfortable deceleration b (m/s², positive). */
  decelMps2: number;
  /** MOBIL politeness p (0 selfish … 1). */
  politeness: number;
  /** MOBIL threshold Δa_th (m/s²). */
  laneChangeThresholdMps2: number;
  /** Random deceleration strength σ (0 … 1), SUMO's sigma. */
  imperfection: number;
}

/** Bounds each drawn parameter is clamped to (a normal draw can land anywhere). */
export const DRIVER_BOUNDS: Readonly<Record<keyof DriverProfile, readonly [number, number]>> = {
  speedFactor: [0.2, 3],
  headwayS: [0.1, 10],
  minGapM: [0.2, 20],
  accelMps2: [0.1, 10],
  decelMps2: [0.5, 15],
  politeness: [0, 2],
  laneChangeThresholdMps2: [0, 5],
  imperfection: [0, 1],
};

const clamp = (x: number, [lo, hi]: readonly [number, number]): number => (x < lo ? lo : x > hi ? hi : x);

/** One draw from a scenario distribution. */
export function drawDistribution(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case "const":
      return d.value;
    case "normal":
      return d.sd === 0 ? d.mean : rng.normal(d.mean, d.sd);
    case "uniform":
      return d.min === d.max ? d.min : rng.range(Math.min(d.min, d.max), Math.max(d.min, d.max));
    case "choice":
      return d.values.length === 1 ? d.values[0] : d.values[rng.int(d.values.length)];
  }
}

/** One draw from a SUMO distribution (`normc` is re-drawn up to 100 times, then clamped, as SUMO does). */
export function drawSumoDistribution(d: SumoDistribution, rng: Rng): number {
  switch (d.kind) {
    case "norm":
      return rng.normal(d.mean, d.dev);
    case "normc": {
      for (let i = 0; i < 100; i++) {
        const x = rng.normal(d.mean, d.dev);
        if (x >= d.min && x <= d.max) return x;
      }
      return Math.min(d.max, Math.max(d.min, d.mean));
    }
    case "uniform":
      return rng.range(Math.min(d.min, d.max), Math.max(d.min, d.max));
    case "lognormal":
      return Math.exp(rng.normal(d.mean, d.dev));
    case "gamma":
      return drawGamma(d.alpha, rng) / d.beta;
    case "expo":
      return -Math.log(1 - rng.next()) / d.lambda;
  }
}

/** Gamma(α, 1) by Marsaglia & Tsang (2000); α < 1 through the α + 1 boost. */
function drawGamma(alpha: number, rng: Rng): number {
  if (alpha < 1) return drawGamma(alpha + 1, rng) * Math.pow(1 - rng.next(), 1 / alpha);
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Draws a driver profile from a scenario driver. */
export function drawDriver(driver: Driver, rng: Rng): DriverProfile {
  return clampProfile({
    speedFactor: drawDistribution(driver.speedFactor, rng),
    headwayS: drawDistribution(driver.headwayS, rng),
    minGapM: drawDistribution(driver.minGapM, rng),
    accelMps2: drawDistribution(driver.accelMps2, rng),
    decelMps2: drawDistribution(driver.decelMps2, rng),
    politeness: drawDistribution(driver.politeness, rng),
    laneChangeThresholdMps2: drawDistribution(driver.laneChangeThresholdMps2, rng),
    imperfection: drawDistribution(driver.imperfection, rng),
  });
}

/** `p` with every field clamped to {@link DRIVER_BOUNDS}. */
export function clampProfile(p: DriverProfile): DriverProfile {
  return {
    speedFactor: clamp(p.speedFactor, DRIVER_BOUNDS.speedFactor),
    headwayS: clamp(p.headwayS, DRIVER_BOUNDS.headwayS),
    minGapM: clamp(p.minGapM, DRIVER_BOUNDS.minGapM),
    accelMps2: clamp(p.accelMps2, DRIVER_BOUNDS.accelMps2),
    decelMps2: clamp(p.decelMps2, DRIVER_BOUNDS.decelMps2),
    politeness: clamp(p.politeness, DRIVER_BOUNDS.politeness),
    laneChangeThresholdMps2: clamp(p.laneChangeThresholdMps2, DRIVER_BOUNDS.laneChangeThresholdMps2),
    imperfection: clamp(p.imperfection, DRIVER_BOUNDS.imperfection),
  };
}
