/**
 * Lane following for dynamic vehicles (the driver behind the Lane and LaneWithContinuousSpeed
 * action spaces, DESIGN §7): turns a target speed and a lane-change request (−1 / 0 / +1) into
 * throttle, brake and steering for `PhysicsWorld.setControls`, given the waypoint paths of the
 * vehicle's road (`waypointPaths`, one per lane).
 *
 * Lateral control is a path-following law on the reference lane with a desired lateral offset
 * d(t) (0 when keeping the lane):
 *
 *   κ_cmd = κ_ref + d̈/v² − ωn²/v² · (t − d) − 2ζωn/v · (χ − χ_ref) − k_i ∫(t − d) dt
 *
 * where t is the vehicle's lateral offset from the reference path (left positive), χ the course
 * angle (direction of travel, so the dynamic model's side slip is not mistaken for a heading
 * error) relative to the path, χ_ref = atan(ḋ / v), and κ_ref the path curvature (feed-forward,
 * corrected for the offset). In path coordinates this makes the lateral error a critically damped
 * second-order system of natural frequency ωn, independent of speed; the integral term removes
 * the residual steady-state error of the dynamic tyre model on curves. The road-wheel angle is
 * atan(wheelbase · κ_cmd) (kinematic bicycle).
 *
 * A lane change makes the adjacent lane the reference at once, with d starting at the vehicle's
 * current offset from it and going to 0 along a quintic smoothstep over `laneChangeS` (zero
 * lateral velocity and acceleration at both ends); the feed-forward terms d̈ and ḋ make the car
 * follow that profile rather than chase it.
 *
 * Speed: PI on the speed error, clamped to [−comfortDecelMps2, maxAccelMps2], plus a feed-forward
 * of rolling resistance and drag, turned into throttle (through the engine's available force at
 * this speed) or brake (through the vehicle's full-brake deceleration).
 *
 * The controller's state is plain data (`LaneFollowingState`) for snapshot / restore; projections
 * reuse instance scratch, so a step allocates nothing.
 */
import { AIR_DENSITY_KGPM3, GRAVITY_MPS2, driveForceN } from "../physics/driveForceN.js";
import type { VehicleParams } from "../physics/VehicleParams.js";
import type { VehicleState } from "../physics/VehicleState.js";
import type { Waypoint } from "../road/waypointPaths.js";
import type { DriveControls } from "./DriveControls.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

/** Options of a {@link LaneFollowingController}. */
export interface LaneFollowingOptions {
  /** Environment step in s (the time between calls to `step`). @default 0.1 */
  dtS?: number;
  /** Duration of a lane change's lateral transition, in s. @default 3 */
  laneChangeS?: number;
  /** Natural frequency of the closed-loop lateral error, in rad/s. @default 1.2 */
  lateralFrequencyRadps?: number;
  /** Damping ratio of the closed-loop lateral error. @default 1 */
  lateralDamping?: number;
  /** Integral gain on the lateral error, in 1/(m²·s) (curvature per metre-second of error). @default 0.002 */
  lateralIntegralGain?: number;
  /** Proportional speed gain, in (m/s²)/(m/s). @default 1.5 */
  speedGainPerS?: number;
  /** Integral speed gain, in (m/s²)/m. @default 0.2 */
  speedIntegralGainPerS2?: number;
  /** Strongest deceleration the speed controller asks for, in m/s². @default 4 */
  comfortDecelMps2?: number;
  /** Time ahead of the vehicle at which the path curvature is read (steering lag), in s. @default 0.2 */
  curvaturePreviewS?: number;
  /**
   * Largest lateral acceleration in curves, m/s²: the target speed is lowered ahead of bends
   * so that v² · |κ| stays below it. @default 4
   */
  maxLateralAccelMps2?: number;
}

/** The controller's state, plain data (snapshot with `{ ...state }`). */
export interface LaneFollowingState {
  /** Lane index (on the current road) of the lane being changed to; −1 when not changing lanes. */
  targetLaneIndex: number;
  /** Lateral offset from the target lane's centre when the lane change began, in m (left positive). */
  startOffsetM: number;
  /** Steps taken since the lane change began. */
  laneChangeSteps: number;
  /** Integral of the speed error, in m. */
  speedIntegralM: number;
  /** Integral of the lateral error, in m·s. */
  lateralIntegralMs: number;
}

/** A fresh state: no lane change, integrators empty. */
export function createLaneFollowingState(): LaneFollowingState {
  return { targetLaneIndex: -1, startOffsetM: 0, laneChangeSteps: 0, speedIntegralM: 0, lateralIntegralMs: 0 };
}

/** Where a point lies relative to a waypoint path. */
interface PathProjection {
  /** Index of the segment (from waypoint `segment` to `segment + 1`) the foot point is on. */
  segment: number;
  /** Lateral offset from the path, left positive, in m. */
  tM: number;
  /** Path heading at the foot point, in rad. */
  headingRad: number;
}

/** How far ahead curves are looked for when choosing the speed (m). */
const CURVE_LOOKAHEAD_M = 36;

/** Largest lateral-integral contribution, in 1/m of curvature (anti-windup). */
const MAX_INTEGRAL_CURVATURE = 0.01;
/** Below this speed the lateral law uses this speed instead, in m/s (the gains scale with 1/v). */
const MIN_CONTROL_SPEED_MPS = 2;

/** Lane-following controller of one dynamic vehicle. */
export class LaneFollowingController {
  /** The controller's state; replace it with a copy to restore a snapshot. */
  state: LaneFollowingState = createLaneFollowingState();
  private readonly dtS: number;
  private readonly laneChangeS: number;
  private readonly omega: number;
  private readonly zeta: number;
  private readonly kLatI: number;
  private readonly kSpeedP: number;
  private readonly kSpeedI: number;
  private readonly comfortDecel: number;
  private readonly previewS: number;
  private readonly maxLateralAccel: number;
  private readonly proj: PathProjection = { segment: 0, tM: 0, headingRad: 0 };
  /** Segment lengths of the reference path (m), for `curveSpeedLimitMps`. */
  private lengths = new Float64Array(64);

  constructor(
    readonly params: VehicleParams,
    options: LaneFollowingOptions = {},
  ) {
    this.dtS = options.dtS ?? 0.1;
    this.laneChangeS = options.laneChangeS ?? 3;
    this.omega = options.lateralFrequencyRadps ?? 1.2;
    this.zeta = options.lateralDamping ?? 1;
    this.kLatI = options.lateralIntegralGain ?? 0.002;
    this.kSpeedP = options.speedGainPerS ?? 1.5;
    this.kSpeedI = options.speedIntegralGainPerS2 ?? 0.2;
    this.comfortDecel = options.comfortDecelMps2 ?? 4;
    this.previewS = options.curvaturePreviewS ?? 0.2;
    this.maxLateralAccel = options.maxLateralAccelMps2 ?? 4;
    if (!(this.dtS > 0) || !(this.laneChangeS > 0) || !(this.omega > 0))
      throw new Error(`LaneFollowingController needs dtS, laneChangeS and lateralFrequencyRadps > 0`);
  }

  /** Whether a lane change is under way. */
  get changingLane(): boolean {
    return this.state.targetLaneIndex >= 0;
  }

  /**
   * Controls for the next step. `paths` are the waypoint paths of the vehicle's road, one per lane
   * (`waypointPaths`; at least one with two points); `targetSpeedMps` in m/s; `laneChange` −1
   * (right), 0 or +1 (left) starts a lane change when none is under way and that lane exists
   * (otherwise it is ignored). Writes into and returns `out`.
   */
  step(
    vehicle: VehicleState,
    paths: readonly (readonly Waypoint[])[],
    targetSpeedMps: number,
    laneChange: number,
    out: DriveControls,
  ): DriveControls {
    const st = this.state;
    const proj = this.proj;
    // 1. Reference path: the lane-change target while changing, otherwise the nearest lane.
    let ref = st.targetLaneIndex >= 0 ? pathOfLane(paths, st.targetLaneIndex) : undefined;
    if (!ref) {
      st.targetLaneIndex = -1;
      ref = this.nearestPath(vehicle, paths);
      if (laneChange !== 0 && ref.length > 0) {
        const target = pathOfLane(paths, ref[0].laneIndex + (laneChange > 0 ? 1 : -1));
        if (target && target.length >= 2) {
          project(target, vehicle.x, vehicle.y, proj);
          st.targetLaneIndex = target[0].laneIndex;
          st.startOffsetM = proj.tM;
          st.laneChangeSteps = 0;
          st.lateralIntegralMs = 0;
          ref = target;
        }
      }
    }
    if (ref.length < 2)
      throw new Error(
        `LaneFollowingController: the reference path${ref.length ? ` on lane ${ref[0].laneId}` : ""} has fewer than two waypoints`,
      );
    project(ref, vehicle.x, vehicle.y, proj);

    // 2. Desired offset d and its derivatives (lane change: quintic smoothstep to 0).
    let d = 0;
    let dDot = 0;
    let dDdot = 0;
    if (st.targetLaneIndex >= 0) {
      const T = this.laneChangeS;
      const sigma = (st.laneChangeSteps * this.dtS) / T;
      if (sigma >= 1) st.targetLaneIndex = -1;
      else {
        const s2 = sigma * sigma;
        const left = 1 - s2 * sigma * (10 - 15 * sigma + 6 * s2);
        d = st.startOffsetM * left;
        dDot = (-st.startOffsetM * 30 * s2 * (1 - sigma) * (1 - sigma)) / T;
        dDdot = (-st.startOffsetM * 60 * sigma * (1 - sigma) * (1 - 2 * sigma)) / (T * T);
        st.laneChangeSteps++;
      }
    }

    // 3. Lateral law → road-wheel angle.
    const p = this.params;
    const speed = vehicle.speedMps;
    const v = speed > MIN_CONTROL_SPEED_MPS ? speed : MIN_CONTROL_SPEED_MPS;
    const course = speed > 1 ? Math.atan2(vehicle.vyMps, vehicle.vxMps) : vehicle.headingRad;
    const chiErr = wrapAngleRad(course - proj.headingRad) - Math.atan2(dDot, v);
    const kappaPath = pathCurvature(ref, proj.segment, v * this.previewS);
    const kappaRef = kappaPath / (1 - kappaPath * d);
    const err = proj.tM - d;
    st.lateralIntegralMs += err * this.dtS;
    const iMax = MAX_INTEGRAL_CURVATURE / this.kLatI;
    if (st.lateralIntegralMs > iMax) st.lateralIntegralMs = iMax;
    else if (st.lateralIntegralMs < -iMax) st.lateralIntegralMs = -iMax;
    const w = this.omega;
    const kappa =
      kappaRef +
      dDdot / (v * v) -
      ((w * w) / (v * v)) * err -
      ((2 * this.zeta * w) / v) * chiErr -
      this.kLatI * st.lateralIntegralMs;
    const steer = Math.atan(p.wheelbaseM * kappa) / p.maxSteerRad;
    out.steering = steer > 1 ? 1 : steer < -1 ? -1 : steer;

    // 4. Speed law → throttle / brake, the target capped so that curves ahead are taken within the
    // lateral-acceleration limit (slowing at the comfortable deceleration to reach them).
    const target = Math.min(targetSpeedMps > 0 ? targetSpeedMps : 0, this.curveSpeedLimitMps(ref, proj.segment));
    const ev = target - speed;
    if (target === 0 && speed < 0.5) {
      st.speedIntegralM = 0;
      out.throttle = 0;
      out.brake = 1;
      return out;
    }
    let accel = this.kSpeedP * ev + this.kSpeedI * st.speedIntegralM;
    const hi = p.maxAccelMps2;
    const lo = -this.comfortDecel;
    // Conditional integration (anti-windup): only while the command is not saturated in the error's direction.
    if ((accel < hi || ev < 0) && (accel > lo || ev > 0)) st.speedIntegralM += ev * this.dtS;
    if (accel > hi) accel = hi;
    else if (accel < lo) accel = lo;
    const vPos = speed > 0 ? speed : 0;
    const resist =
      p.rollingResistance * GRAVITY_MPS2 + (0.5 * AIR_DENSITY_KGPM3 * p.dragAreaM2 * vPos * vPos) / p.massKg;
    const need = accel + resist;
    if (need >= 0) {
      const available = driveForceN(p, 1, speed) / p.massKg;
      const th = available > 0 ? need / available : 0;
      out.throttle = th > 1 ? 1 : th;
      out.brake = 0;
    } else {
      const br = -need / p.maxDecelMps2;
      out.throttle = 0;
      out.brake = br > 1 ? 1 : br;
    }
    return out;
  }

  /**
   * Highest speed now (m/s) from which every curve on the path ahead can be taken within
   * `maxLateralAccelMps2`, braking at most at the comfortable deceleration: the minimum over points
   * `s` m ahead (every 2 m) of √(a_lat / |κ(s)| + 2 · b · s).
   */
  private curveSpeedLimitMps(ref: readonly Waypoint[], segment: number): number {
    let limit = Number.POSITIVE_INFINITY;
    const b = this.comfortDecel;
    // One walk along the path serves every look-ahead distance: `pathCurvature(ref, segment, ahead)`
    // for each, with the same sums in the same order (so the same numbers), but each segment's
    // length and heading computed once — this loop was 40 % of a training environment's step.
    const nSeg = ref.length - 1;
    const lengths = this.scratchLengths(nSeg);
    const length = (i: number) => (Number.isNaN(lengths[i]) ? (lengths[i] = segmentLength(ref, i)) : lengths[i]);
    let c = segment;
    let walked = 0;
    for (let ahead = 0; ahead <= CURVE_LOOKAHEAD_M; ahead += 2) {
      while (c < nSeg - 1 && walked < ahead) {
        walked += length(c);
        c++;
      }
      const k = Math.abs(curvatureAround(ref, c, length));
      if (k < 1e-4) continue;
      const v2 = this.maxLateralAccel / k + 2 * b * ahead;
      if (v2 < limit) limit = v2;
    }
    return Math.sqrt(limit);
  }

  /** Segment lengths of the current path, unknown (NaN) until computed; reused between steps. */
  private scratchLengths(nSeg: number): Float64Array {
    if (this.lengths.length < nSeg) this.lengths = new Float64Array(2 * nSeg);
    this.lengths.fill(Number.NaN, 0, nSeg);
    return this.lengths;
  }

  /**
   * Speed limit in m/s where the vehicle is on its reference lane (the lane-change target while
   * changing lanes, otherwise the nearest lane's path).
   */
  referenceSpeedLimitMps(vehicle: VehicleState, paths: readonly (readonly Waypoint[])[]): number {
    const ref =
      (this.state.targetLaneIndex >= 0 ? pathOfLane(paths, this.state.targetLaneIndex) : undefined) ??
      this.nearestPath(vehicle, paths);
    if (ref.length === 0) throw new Error("LaneFollowingController: empty waypoint path");
    if (ref.length < 2) return ref[0].speedLimitMps;
    project(ref, vehicle.x, vehicle.y, this.proj);
    return ref[this.proj.segment].speedLimitMps;
  }

  /** The path whose lane centre is nearest the vehicle (the lane it is in). */
  private nearestPath(vehicle: VehicleState, paths: readonly (readonly Waypoint[])[]): readonly Waypoint[] {
    if (paths.length === 0) throw new Error("LaneFollowingController: no waypoint paths");
    let best = paths[0];
    let bestT = Infinity;
    for (let i = 0; i < paths.length; i++) {
      if (paths[i].length < 2) continue;
      project(paths[i], vehicle.x, vehicle.y, this.proj);
      const t = Math.abs(this.proj.tM);
      if (t < bestT) {
        bestT = t;
        best = paths[i];
      }
    }
    return best;
  }
}

/** The path that starts on lane index `laneIndex`, if any. */
function pathOfLane(paths: readonly (readonly Waypoint[])[], laneIndex: number): readonly Waypoint[] | undefined {
  for (let i = 0; i < paths.length; i++)
    if (paths[i].length >= 2 && paths[i][0].laneIndex === laneIndex) return paths[i];
  return undefined;
}

/**
 * Projects (x, y) in m onto the polyline through the waypoints (nearest segment; before the first
 * or beyond the last point the end segments are extended). Writes into `out`.
 */
function project(path: readonly Waypoint[], x: number, y: number, out: PathProjection): void {
  let bestD2 = Infinity;
  const last = path.length - 2;
  for (let i = 0; i <= last; i++) {
    const a = path[i];
    const b = path[i + 1];
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const len2 = ex * ex + ey * ey;
    if (len2 === 0) continue;
    let u = ((x - a.x) * ex + (y - a.y) * ey) / len2;
    if (u < 0 && i > 0) u = 0;
    if (u > 1 && i < last) u = 1;
    const px = a.x + u * ex - x;
    const py = a.y + u * ey - y;
    const d2 = px * px + py * py;
    if (d2 < bestD2) {
      bestD2 = d2;
      const len = Math.sqrt(len2);
      out.segment = i;
      out.tM = (ex * (y - a.y) - ey * (x - a.x)) / len;
      out.headingRad = Math.atan2(ey, ex);
    }
  }
}

/**
 * Signed curvature of the path in 1/m (left positive), from the heading change between segments
 * about `aheadM` m past segment `segment`, over a window of about ±2 m.
 */
function pathCurvature(path: readonly Waypoint[], segment: number, aheadM: number): number {
  const nSeg = path.length - 1;
  // Walk `aheadM` along the path to find the centre segment.
  let c = segment;
  let walked = 0;
  while (c < nSeg - 1 && walked < aheadM) {
    walked += segmentLength(path, c);
    c++;
  }
  return curvatureAround(path, c, (i) => segmentLength(path, i));
}

/** Length of segment `i` (waypoint i to i + 1), in m. */
function segmentLength(path: readonly Waypoint[], i: number): number {
  return Math.hypot(path[i + 1].x - path[i].x, path[i + 1].y - path[i].y);
}

/**
 * Signed curvature in 1/m around segment `c`: the heading change from segment `c − 2` to `c + 2`
 * (clamped to the path) over the distance between their midpoints; `length(i)` is segment i's length.
 */
function curvatureAround(path: readonly Waypoint[], c: number, length: (i: number) => number): number {
  const nSeg = path.length - 1;
  const i0 = c - 2 > 0 ? c - 2 : 0;
  const i1 = c + 2 < nSeg - 1 ? c + 2 : nSeg - 1;
  if (i1 <= i0) return 0;
  const h0 = Math.atan2(path[i0 + 1].y - path[i0].y, path[i0 + 1].x - path[i0].x);
  const h1 = Math.atan2(path[i1 + 1].y - path[i1].y, path[i1 + 1].x - path[i1].x);
  // Distance between the two segments' midpoints.
  let dist = 0;
  for (let i = i0; i <= i1; i++) {
    const l = length(i);
    dist += i === i0 || i === i1 ? l / 2 : l;
  }
  return dist > 0 ? wrapAngleRad(h1 - h0) / dist : 0;
}
