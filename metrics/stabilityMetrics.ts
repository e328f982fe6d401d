/**
 * Stability of one agent episode (docs/metrics.md, "Stability"): linear jerk, lateral acceleration
 * and distance from the lane centre.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { lateralAccelerations, linearJerks, maxAbsOrNull, meanOrNull } from "./kinematics.js";

/** Stability of one agent episode. */
export interface StabilityMetrics {
  /** Mean |linear jerk| over steps 1…n−1 (m/s³); null for a single sample. */
  meanAbsJerkMps3: number | null;
  /** Largest |linear jerk| (m/s³). */
  maxAbsJerkMps3: number | null;
  /** Mean |lateral acceleration| over steps 1…n−1 (m/s²). */
  meanAbsLateralAccelMps2: number | null;
  /** Largest |lateral acceleration| (m/s²). */
  maxAbsLateralAccelMps2: number | null;
  /** Mean |lateral offset from the lane centre| over samples on a lane (m); null when never on one. */
  meanLaneOffsetM: number | null;
  /** Mean of |offset| / (lane width / 2), capped at 1 per sample, over samples on a lane; null when never on one. */
  meanLaneOffsetShare: number | null;
}

/** Stability metrics of `t`. */
export function stabilityMetrics(t: AgentTrajectory): StabilityMetrics {
  const jerks = linearJerks(t);
  const lat = lateralAccelerations(t);
  const offsets: number[] = [];
  const shares: number[] = [];
  for (const s of t.steps) {
    if (s.laneWidthM <= 0) continue;
    offsets.push(Math.abs(s.laneOffsetM));
    shares.push(Math.min(1, Math.abs(s.laneOffsetM) / (s.laneWidthM / 2)));
  }
  return {
    meanAbsJerkMps3: meanOrNull(jerks.map(Math.abs)),
    maxAbsJerkMps3: maxAbsOrNull(jerks),
    meanAbsLateralAccelMps2: meanOrNull(lat.map(Math.abs)),
    maxAbsLateralAccelMps2: maxAbsOrNull(lat),
    meanLaneOffsetM: meanOrNull(offsets),
    meanLaneOffsetShare: meanOrNull(shares),
  };
}
