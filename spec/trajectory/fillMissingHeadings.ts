/**
 * Gives every sample of a track a heading where the dataset left it out (NGSIM never records one;
 * INTERACTION leaves it empty for pedestrians and cyclists). In order:
 * 1. from the positions: the direction of the central difference p[i+1] − p[i−1] (one-sided at the
 *    ends), which averages out some of the frame-to-frame jitter of video-tracked positions;
 * 2. where the vehicle moved less than {@link MIN_HEADING_DISPLACEMENT_M} over that difference
 *    (standing, or creeping below the position noise), the last heading it had before; before it
 *    first moved, the first heading it had;
 * 3. a vehicle that never moved gets `fallbackRad`.
 * Headings already present are kept and also serve as "the heading it had" in step 2.
 */
import { wrapAngleRad } from "../wrapAngleRad.js";
import { SAMPLE_HEADING, SAMPLE_STRIDE, SAMPLE_X, SAMPLE_Y } from "./TrajectoryTrack.js";

/**
 * Smallest displacement (m) a heading is derived from: 0.1 m over the two 0.1 s frames of a central
 * difference is 0.5 m/s, below which NGSIM's position noise decides the direction.
 */
export const MIN_HEADING_DISPLACEMENT_M = 0.1;

/**
 * Replaces the NaN headings of `samples` (a track's packed samples, time-sorted) in place.
 * @param fallbackRad heading for a vehicle that never moves (rad, counter-clockwise from east)
 */
export function fillMissingHeadings(samples: Float64Array, fallbackRad: number): void {
  const n = samples.length / SAMPLE_STRIDE;
  const missing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(samples[i * SAMPLE_STRIDE + SAMPLE_HEADING])) missing.push(i);
  }
  if (missing.length === 0) return;
  // Step 1, computed for all missing samples before any is written (the differences use positions only).
  const estimates = missing.map((i) => {
    const a = Math.max(i - 1, 0) * SAMPLE_STRIDE;
    const b = Math.min(i + 1, n - 1) * SAMPLE_STRIDE;
    const dx = samples[b + SAMPLE_X] - samples[a + SAMPLE_X];
    const dy = samples[b + SAMPLE_Y] - samples[a + SAMPLE_Y];
    return Math.hypot(dx, dy) >= MIN_HEADING_DISPLACEMENT_M ? wrapAngleRad(Math.atan2(dy, dx)) : NaN;
  });
  missing.forEach((i, k) => {
    samples[i * SAMPLE_STRIDE + SAMPLE_HEADING] = estimates[k];
  });
  // Steps 2 and 3.
  let first = NaN;
  for (let i = 0; i < n && Number.isNaN(first); i++) first = samples[i * SAMPLE_STRIDE + SAMPLE_HEADING];
  let last = Number.isNaN(first) ? fallbackRad : first;
  for (let i = 0; i < n; i++) {
    const h = i * SAMPLE_STRIDE + SAMPLE_HEADING;
    if (Number.isNaN(samples[h])) samples[h] = last;
    else last = samples[h];
  }
}
