/**
 * Where and when a recorded vehicle first appears in a replay: the pose, speed and time a scenario
 * needs to put an agent in that vehicle's place ("replace a recorded vehicle by an agent"): the
 * agent departs there and then, and the history provider is told to `release` the vehicle so the
 * recording never shows it.
 *
 * With `dtS`, the answer is aligned with the provider's ticks: the first tick whose time
 * `startS + tick · dtS` falls inside the vehicle's recorded span (the tick at which
 * `TrafficHistoryProvider` first reports it), and the interpolated pose at that tick. Without, it is
 * the continuous answer: the later of the track's first sample and `startS`.
 */
import { createKinematicPose } from "../KinematicPose.js";
import type { TrajectorySet } from "./TrajectorySet.js";

/** A recorded vehicle's first appearance in a replay (world frame, SI units). */
export interface HistoryVehicleStart {
  /** Recorded vehicle id (without the provider's id prefix). */
  readonly id: string;
  /** First tick the provider reports the vehicle at; only when `dtS` was given. */
  readonly tick: number | undefined;
  /** Simulation time of the appearance (s): `tick · dtS`, or the continuous time without `dtS`. */
  readonly timeS: number;
  /** Dataset time of the appearance (s). */
  readonly datasetTimeS: number;
  /** Box centre, east (m), offset applied. */
  readonly xM: number;
  /** Box centre, north (m), offset applied. */
  readonly yM: number;
  /** Heading, counter-clockwise from east (rad). */
  readonly headingRad: number;
  /** Speed along the heading (m/s). */
  readonly speedMps: number;
}

/** Options of {@link historyVehicleStart}. */
export interface HistoryVehicleStartOptions {
  /** Step length (s): align the answer with the simulation's ticks. @default continuous time */
  dtS?: number;
  /** The provider's `offsetM` translation (m). @default [0, 0] */
  offsetM?: readonly [number, number];
}

/**
 * Where recorded vehicle `id` first appears when dataset time `startS` is simulation time 0.
 * @param id a recorded id of `set` (no provider prefix)
 * @returns undefined when the vehicle never appears: its track ends before `startS`, or (with `dtS`)
 *   no tick falls inside its span (a single-sample track between two ticks)
 * @throws Error for an unknown id or a `dtS` that is not positive
 */
export function historyVehicleStart(
  set: TrajectorySet,
  id: string,
  startS: number,
  options: HistoryVehicleStartOptions = {},
): HistoryVehicleStart | undefined {
  const span = set.spanS(id);
  const [ox, oy] = options.offsetM ?? [0, 0];
  const pose = createKinematicPose();
  let tick: number | undefined;
  let datasetTimeS: number;
  let timeS: number;
  if (options.dtS === undefined) {
    datasetTimeS = Math.max(span.startS, startS);
    timeS = datasetTimeS - startS;
    if (!set.sampleAt(id, datasetTimeS, pose)) return undefined;
  } else {
    const dtS = options.dtS;
    if (!(dtS > 0)) throw new Error(`historyVehicleStart: dtS must be positive, got ${dtS}`);
    // The first candidate tick, then one back in case rounding put the estimate a tick late; the
    // provider's own test (the recorded span with its tolerance) decides.
    let k = Math.max(0, Math.ceil((span.startS - startS) / dtS));
    if (k > 0 && set.sampleAt(id, startS + (k - 1) * dtS, pose)) k--;
    if (!set.sampleAt(id, startS + k * dtS, pose)) return undefined;
    tick = k;
    datasetTimeS = startS + k * dtS;
    timeS = k * dtS;
  }
  return {
    id,
    tick,
    timeS,
    datasetTimeS,
    xM: pose.xM + ox,
    yM: pose.yM + oy,
    headingRad: pose.headingRad,
    speedMps: pose.speedMps,
  };
}
