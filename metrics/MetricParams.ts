/**
 * The thresholds the metrics use, in one object with their defaults (docs/metrics.md quotes them).
 * A benchmark suite may override any of them (`metricParams`).
 */
import { z } from "zod";

/** Metric thresholds (SI units). */
export const MetricParamsSchema = z.object({
  /** Conflicts: both vehicles within this distance of the crossing point of their heading rays (m). */
  conflictHorizonM: z.number().positive(),
  /** Conflicts: arrival times at the crossing point differ by at most this (s). */
  conflictTimeWindowS: z.number().positive(),
  /** Conflicts: heading rays closer to parallel than this do not cross (rad). */
  conflictMinAngleRad: z.number().positive(),
  /** Conflicts: a vehicle passes the crossing point when the point falls behind it within this lateral distance (m). */
  conflictPassLateralM: z.number().positive(),
  /** Overtaking: same direction means headings within this (rad). */
  overtakeHeadingRad: z.number().positive(),
  /** Overtaking: lateral distance of the other vehicle at most this (m). */
  overtakeLateralM: z.number().positive(),
  /** Overtaking: an opportunity is a same-direction vehicle at most this far ahead (m). */
  overtakeAheadM: z.number().positive(),
  /** Cut-in: the follower in the target lane is within `headway · its speed + minGap` (s). */
  cutInHeadwayS: z.number().nonnegative(),
  /** Cut-in: see `cutInHeadwayS` (m). */
  cutInMinGapM: z.number().nonnegative(),
  /** Score: a neighbour closer than this gap costs (m). */
  scoreSafeGapM: z.number().positive(),
  /** Score: mean |jerk| that costs the whole jerk term (m/s³). */
  scoreJerkRefMps3: z.number().positive(),
  /** Score: step limit assumed for agents without one. */
  scoreDefaultMaxSteps: z.number().int().positive(),
});

/** Metric thresholds; see {@link MetricParamsSchema}. */
export type MetricParams = z.infer<typeof MetricParamsSchema>;

/** The default thresholds. */
export const DEFAULT_METRIC_PARAMS: Readonly<MetricParams> = Object.freeze({
  conflictHorizonM: 30,
  conflictTimeWindowS: 3,
  conflictMinAngleRad: (10 * Math.PI) / 180,
  conflictPassLateralM: 4,
  overtakeHeadingRad: (30 * Math.PI) / 180,
  overtakeLateralM: 8,
  overtakeAheadM: 30,
  cutInHeadwayS: 1.5,
  cutInMinGapM: 2,
  scoreSafeGapM: 5,
  scoreJerkRefMps3: 10,
  scoreDefaultMaxSteps: 1000,
});
