/**
 * The Trajectory action space (DESIGN §7): poses and speeds with times, tracked kinematically.
 * Each step the body moves to the trajectory's state one step from now: between the two points
 * around that time, the position follows the cubic Hermite curve whose end tangents are the
 * points' velocities (speed along heading), and heading (shortest way) and speed are interpolated
 * linearly. The body's current pose and speed count as a point at time 0, so a trajectory whose
 * first point lies beyond one step is joined smoothly. Past the last point the body stays there.
 */
import type { KinematicPose } from "../../spec/KinematicPose.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";
import { cubicHermite } from "./cubicHermite.js";

/** One point of a trajectory. */
export interface TrajectoryPoint {
  /** Time from now, in s; points in increasing time order. */
  tS: number;
  xM: number;
  yM: number;
  headingRad: number;
  speedMps: number;
}

/** Options of a {@link TrajectoryController}. */
export interface TrajectoryControllerOptions {
  /** Environment step in s. @default 0.1 */
  dtS?: number;
}

/** Why `points` is not a usable trajectory, or undefined when it is one. */
export function checkTrajectory(points: readonly TrajectoryPoint[]): string | undefined {
  if (points.length === 0) return "a trajectory needs at least one point";
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (![p.tS, p.xM, p.yM, p.headingRad, p.speedMps].every(Number.isFinite))
      return `trajectory point ${i} has a non-finite value`;
    if (i > 0 && !(p.tS > points[i - 1].tS))
      return `trajectory times must increase, but point ${i} is at ${p.tS} s after ${points[i - 1].tS} s`;
  }
  return undefined;
}

/** Tracks Trajectory actions; stateless apart from its options. */
export class TrajectoryController {
  readonly dtS: number;

  constructor(options: TrajectoryControllerOptions = {}) {
    this.dtS = options.dtS ?? 0.1;
    if (!(this.dtS > 0)) throw new Error(`TrajectoryController needs dtS > 0, got ${this.dtS}`);
  }

  /** The pose one step after `from` along `points` (see `checkTrajectory`). Writes into and returns `out` (may be `from`). */
  step(from: KinematicPose, points: readonly TrajectoryPoint[], out: KinematicPose): KinematicPose {
    if (points.length === 0) throw new Error("TrajectoryController: empty trajectory");
    const t = this.dtS;
    const last = points[points.length - 1];
    if (t >= last.tS) return set(out, last.xM, last.yM, last.headingRad, last.speedMps);
    // Segment [a, b] containing t; `a` is the current state when t comes before the first point.
    let i = 0;
    while (i < points.length && points[i].tS <= t) i++;
    const b = points[i];
    if (i === 0) {
      if (b.tS <= 0) return set(out, b.xM, b.yM, b.headingRad, b.speedMps);
      interpolate(0, from.xM, from.yM, from.headingRad, from.speedMps, b, t, out);
    } else {
      const a = points[i - 1];
      interpolate(a.tS, a.xM, a.yM, a.headingRad, a.speedMps, b, t, out);
    }
    return out;
  }
}

function set(out: KinematicPose, x: number, y: number, h: number, v: number): KinematicPose {
  out.xM = x;
  out.yM = y;
  out.headingRad = wrapAngleRad(h);
  out.speedMps = v;
  return out;
}

/** State at time `t` between (ta; xa, ya, ha, va) and point `b`, Hermite in position. */
function interpolate(
  ta: number,
  xa: number,
  ya: number,
  ha: number,
  va: number,
  b: TrajectoryPoint,
  t: number,
  out: KinematicPose,
): void {
  const span = b.tS - ta;
  const u = (t - ta) / span;
  const ma = va * span;
  const mb = b.speedMps * span;
  out.xM = cubicHermite(xa, ma * Math.cos(ha), b.xM, mb * Math.cos(b.headingRad), u);
  out.yM = cubicHermite(ya, ma * Math.sin(ha), b.yM, mb * Math.sin(b.headingRad), u);
  out.headingRad = wrapAngleRad(ha + wrapAngleRad(b.headingRad - ha) * u);
  out.speedMps = va + (b.speedMps - va) * u;
}
