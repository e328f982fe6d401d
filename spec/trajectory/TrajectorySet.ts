/**
 * Recorded trajectories as a replay provider queries them: which vehicles are on the road at a time
 * and where each one is then. Built from {@link TrajectoryTrack}s (what the readers produce);
 * immutable afterwards.
 *
 * Interpolation between the two samples around a time is linear in position and speed, and linear
 * along the shorter arc in heading. Not Hermite (as `TrajectoryController` uses for planned
 * trajectories): recordings are dense (10 Hz for NGSIM and INTERACTION), their speeds and headings
 * are noisy or derived from the positions, and a cubic through inconsistent tangents overshoots;
 * linear keeps a replayed vehicle on the recorded polyline, which is what others should collide with.
 *
 * A vehicle is active on the closed span [first sample time, last sample time], widened by
 * {@link TIME_TOLERANCE_S} on both sides, because the simulation's time is `tick · dt` in floating
 * point (3 · 0.1 = 0.30000000000000004) and a vehicle recorded until 0.3 s must still be there at
 * tick 3. Inside the tolerance, samples are clamped to the span's ends.
 */
import type { KinematicPose } from "../KinematicPose.js";
import { wrapAngleRad } from "../wrapAngleRad.js";
import { IntervalIndex } from "./IntervalIndex.js";
import {
  SAMPLE_HEADING,
  SAMPLE_SPEED,
  SAMPLE_STRIDE,
  SAMPLE_T,
  SAMPLE_X,
  SAMPLE_Y,
  type TrajectoryTrack,
} from "./TrajectoryTrack.js";

/** How far outside its recorded span a vehicle still counts as present (s); far below any sample period. */
export const TIME_TOLERANCE_S = 1e-6;

/** An axis-aligned box in the world frame (m). */
export interface TrajectoryBounds {
  /** m, east */
  readonly minXM: number;
  /** m, north */
  readonly minYM: number;
  /** m, east */
  readonly maxXM: number;
  /** m, north */
  readonly maxYM: number;
}

/** First and last time of a recording or a vehicle (s). */
export interface TimeSpan {
  /** s */
  readonly startS: number;
  /** s */
  readonly endS: number;
}

/** Recorded vehicles with interpolated, time-indexed access. */
export class TrajectorySet {
  /** Tracks by increasing id (UTF-16 code-unit order). */
  private readonly tracks: readonly TrajectoryTrack[];
  private readonly indexById = new Map<string, number>();
  private readonly ids: readonly string[];
  private readonly active: IntervalIndex;
  private readonly box: TrajectoryBounds | undefined;
  private readonly span: TimeSpan | undefined;
  private readonly _hits: number[] = [];

  /**
   * Takes ownership of `tracks` (their sample arrays are not copied; do not change them afterwards).
   * @param tracks any order; ids unique, at least one sample each, all values finite, times strictly
   *   increasing, headings in (−π, π], length and width positive
   * @throws Error naming the vehicle when a track breaks one of those rules
   */
  constructor(tracks: readonly TrajectoryTrack[]) {
    const sorted = [...tracks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const [i, t] of sorted.entries()) {
      if (this.indexById.has(t.id)) throw new Error(`TrajectorySet: vehicle "${t.id}" appears twice`);
      checkTrack(t);
      this.indexById.set(t.id, i);
    }
    this.tracks = sorted;
    this.ids = Object.freeze(sorted.map((t) => t.id));
    const starts = sorted.map((t) => t.samples[SAMPLE_T] - TIME_TOLERANCE_S);
    const ends = sorted.map((t) => t.samples[t.samples.length - SAMPLE_STRIDE + SAMPLE_T] + TIME_TOLERANCE_S);
    this.active = new IntervalIndex(starts, ends);
    if (sorted.length > 0) {
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      let startS = Infinity,
        endS = -Infinity;
      for (const t of sorted) {
        const s = t.samples;
        startS = Math.min(startS, s[SAMPLE_T]);
        endS = Math.max(endS, s[s.length - SAMPLE_STRIDE + SAMPLE_T]);
        for (let k = 0; k < s.length; k += SAMPLE_STRIDE) {
          minX = Math.min(minX, s[k + SAMPLE_X]);
          maxX = Math.max(maxX, s[k + SAMPLE_X]);
          minY = Math.min(minY, s[k + SAMPLE_Y]);
          maxY = Math.max(maxY, s[k + SAMPLE_Y]);
        }
      }
      this.box = Object.freeze({ minXM: minX, minYM: minY, maxXM: maxX, maxYM: maxY });
      this.span = Object.freeze({ startS, endS });
    }
  }

  /** All vehicle ids, sorted (UTF-16 code-unit order, the order every query returns). */
  vehicleIds(): readonly string[] {
    return this.ids;
  }

  /** Number of vehicles. */
  get size(): number {
    return this.tracks.length;
  }

  /** Vehicle `id`'s track (type, size, samples); throws for an unknown id. */
  track(id: string): TrajectoryTrack {
    return this.tracks[this.indexOf(id)];
  }

  /** Times of vehicle `id`'s first and last sample (s); throws for an unknown id. */
  spanS(id: string): TimeSpan {
    const s = this.tracks[this.indexOf(id)].samples;
    return { startS: s[SAMPLE_T], endS: s[s.length - SAMPLE_STRIDE + SAMPLE_T] };
  }

  /** First and last sample time over all vehicles (s); undefined for an empty set. */
  timeSpanS(): TimeSpan | undefined {
    return this.span;
  }

  /** The box around every sample's position (box centres, not corners); undefined for an empty set. */
  bounds(): TrajectoryBounds | undefined {
    return this.box;
  }

  /**
   * Vehicle `id`'s pose and speed at `timeS`, interpolated (see the file comment).
   * @param out written only when the vehicle is active at `timeS`
   * @returns false, leaving `out` alone, when `timeS` is outside the vehicle's span; throws for an unknown id
   */
  sampleAt(id: string, timeS: number, out: KinematicPose): boolean {
    const s = this.tracks[this.indexOf(id)].samples;
    const last = s.length - SAMPLE_STRIDE;
    const t0 = s[SAMPLE_T];
    const t1 = s[last + SAMPLE_T];
    if (!(timeS >= t0 - TIME_TOLERANCE_S && timeS <= t1 + TIME_TOLERANCE_S)) return false;
    if (timeS <= t0) return copySample(s, 0, out);
    if (timeS >= t1) return copySample(s, last, out);
    // Largest sample index whose time is <= timeS (0 <= lo < last sample).
    let lo = 0;
    let hi = last / SAMPLE_STRIDE;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (s[mid * SAMPLE_STRIDE + SAMPLE_T] <= timeS) lo = mid;
      else hi = mid;
    }
    const a = lo * SAMPLE_STRIDE;
    const b = a + SAMPLE_STRIDE;
    const u = (timeS - s[a + SAMPLE_T]) / (s[b + SAMPLE_T] - s[a + SAMPLE_T]);
    out.xM = lerp(s[a + SAMPLE_X], s[b + SAMPLE_X], u);
    out.yM = lerp(s[a + SAMPLE_Y], s[b + SAMPLE_Y], u);
    out.headingRad = wrapAngleRad(
      s[a + SAMPLE_HEADING] + u * wrapAngleRad(s[b + SAMPLE_HEADING] - s[a + SAMPLE_HEADING]),
    );
    out.speedMps = lerp(s[a + SAMPLE_SPEED], s[b + SAMPLE_SPEED], u);
    return true;
  }

  /**
   * Ids of the vehicles active at `timeS` (first sample ≤ t ≤ last sample, within the tolerance),
   * sorted as {@link vehicleIds}. O(log n + k log k) for k vehicles.
   */
  activeAt(timeS: number): string[] {
    const hits = this._hits;
    hits.length = 0;
    this.active.stab(timeS, hits);
    hits.sort((a, b) => a - b);
    return hits.map((i) => this.ids[i]);
  }

  private indexOf(id: string): number {
    const i = this.indexById.get(id);
    if (i === undefined) throw new Error(`TrajectorySet: unknown vehicle "${id}"`);
    return i;
  }
}

function lerp(a: number, b: number, u: number): number {
  return a + (b - a) * u;
}

function copySample(s: Float64Array, k: number, out: KinematicPose): true {
  out.xM = s[k + SAMPLE_X];
  out.yM = s[k + SAMPLE_Y];
  out.headingRad = s[k + SAMPLE_HEADING];
  out.speedMps = s[k + SAMPLE_SPEED];
  return true;
}

/** Throws naming the vehicle if `t` breaks the rules of the constructor's `tracks`. */
function checkTrack(t: TrajectoryTrack): void {
  const s = t.samples;
  if (!(t.lengthM > 0 && t.widthM > 0 && Number.isFinite(t.lengthM) && Number.isFinite(t.widthM))) {
    throw new Error(`TrajectorySet: vehicle "${t.id}" has size ${t.lengthM} × ${t.widthM} m`);
  }
  if (s.length === 0 || s.length % SAMPLE_STRIDE !== 0) {
    throw new Error(
      `TrajectorySet: vehicle "${t.id}" has ${s.length} sample values, not a positive multiple of ${SAMPLE_STRIDE}`,
    );
  }
  for (let k = 0; k < s.length; k += SAMPLE_STRIDE) {
    for (let j = 0; j < SAMPLE_STRIDE; j++) {
      if (!Number.isFinite(s[k + j]))
        throw new Error(`TrajectorySet: vehicle "${t.id}" sample ${k / SAMPLE_STRIDE} has a non-finite value`);
    }
    const h = s[k + SAMPLE_HEADING];
    if (!(h > -Math.PI && h <= Math.PI))
      throw new Error(
        `TrajectorySet: vehicle "${t.id}" sample ${k / SAMPLE_STRIDE} has heading ${h} rad outside (−π, π]`,
      );
    if (k > 0 && !(s[k + SAMPLE_T] > s[k - SAMPLE_STRIDE + SAMPLE_T])) {
      throw new Error(
        `TrajectorySet: vehicle "${t.id}" sample ${k / SAMPLE_STRIDE} at ${s[k + SAMPLE_T]} s does not come after ${s[k - SAMPLE_STRIDE + SAMPLE_T]} s`,
      );
    }
  }
}
