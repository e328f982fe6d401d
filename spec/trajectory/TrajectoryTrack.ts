/**
 * One recorded vehicle: what it is and where it was when, as plain data. The readers
 * (`parseTrajectoryCsv`, `importNgsim`, `importInteraction`) produce tracks; a `TrajectorySet` is
 * built from them and answers the queries a replay provider asks.
 *
 * Samples are packed in one `Float64Array`, {@link SAMPLE_STRIDE} numbers per sample, in strictly
 * increasing time: a 15-minute NGSIM file has over a million samples, and objects per sample would
 * cost ten times the memory. World frame and units as everywhere (DESIGN.md §3): x east, y north
 * (m), heading counter-clockwise from east (rad), box centre.
 */

/** Numbers per sample in {@link TrajectoryTrack.samples}. */
export const SAMPLE_STRIDE = 5;
/** Offset of the time (s) within a sample. */
export const SAMPLE_T = 0;
/** Offset of the box centre's x, east (m). */
export const SAMPLE_X = 1;
/** Offset of the box centre's y, north (m). */
export const SAMPLE_Y = 2;
/** Offset of the heading, counter-clockwise from east (rad, in (−π, π]). */
export const SAMPLE_HEADING = 3;
/** Offset of the speed along the heading (m/s). */
export const SAMPLE_SPEED = 4;

/** One recorded vehicle. */
export interface TrajectoryTrack {
  /** Vehicle id, unique within its set (importers prefix where a dataset reuses ids). */
  readonly id: string;
  /** Vehicle type name (`passenger`, `truck`, `bus`, `motorcycle`, …), resolved by the provider. */
  readonly type: string;
  /** Box length, front to back (m), the same for all samples. */
  readonly lengthM: number;
  /** Box width (m), the same for all samples. */
  readonly widthM: number;
  /** `[t, x, y, heading, speed]` per sample (see the `SAMPLE_*` offsets), times strictly increasing. */
  readonly samples: Float64Array;
}
