/**
 * The Direct action space (DESIGN §7): longitudinal acceleration and yaw rate, integrated exactly
 * over one step for a kinematic body (constant acceleration and yaw rate during the step, so the
 * path is a clothoid-like arc; the position integral is in closed form).
 */
import { type KinematicPose } from "../../spec/KinematicPose.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

/** A Direct action. */
export interface DirectAction {
  /** Longitudinal acceleration in m/s² (negative brakes). */
  accelerationMps2: number;
  /** Yaw rate in rad/s, counter-clockwise positive. */
  yawRateRadps: number;
}

/** Options of a {@link DirectController}. */
export interface DirectControllerOptions {
  /** Environment step in s. @default 0.1 */
  dtS?: number;
  /** Whether braking may carry the speed below 0 (reversing); otherwise the body stops and stays at rest. @default false */
  allowReverse?: boolean;
}

/** Below this |yaw rate · dt| (rad) the series form of the position integral is used. */
const SMALL_TURN_RAD = 1e-4;

/** Integrates Direct actions; stateless apart from its options. */
export class DirectController {
  readonly dtS: number;
  readonly allowReverse: boolean;

  constructor(options: DirectControllerOptions = {}) {
    this.dtS = options.dtS ?? 0.1;
    this.allowReverse = options.allowReverse ?? false;
    if (!(this.dtS > 0)) throw new Error(`DirectController needs dtS > 0, got ${this.dtS}`);
  }

  /** The pose and speed one step after `from` under `action`. Writes into and returns `out` (may be `from`). */
  step(from: KinematicPose, action: DirectAction, out: KinematicPose): KinematicPose {
    const a = action.accelerationMps2;
    const w = action.yawRateRadps;
    const v0 = from.speedMps;
    let t = this.dtS;
    // Without reverse, a braking body stops at t = −v0 / a and rests for the rest of the step.
    if (!this.allowReverse && a < 0 && v0 + a * t < 0) t = v0 > 0 ? -v0 / a : 0;
    integrate(from.xM, from.yM, from.headingRad, v0, a, w, t, out);
    if (t < this.dtS) {
      out.speedMps = 0;
      out.headingRad = wrapAngleRad(from.headingRad + w * this.dtS);
    }
    return out;
  }
}

/**
 * Exact motion over `t` s from (x, y, h) at speed v0 with constant acceleration `a` and yaw rate
 * `w`: x(t) = x + ∫ (v0 + a τ) cos(h + w τ) dτ, likewise y with sin.
 */
function integrate(
  x: number,
  y: number,
  h: number,
  v0: number,
  a: number,
  w: number,
  t: number,
  out: KinematicPose,
): void {
  const v1 = v0 + a * t;
  const h1 = h + w * t;
  if (Math.abs(w * t) < SMALL_TURN_RAD) {
    // Second-order series in w: the closed form below loses precision as w → 0.
    const dist = v0 * t + 0.5 * a * t * t;
    const lat = w * (0.5 * v0 * t * t + (a * t * t * t) / 3); // ∫ (v0 + aτ) wτ dτ
    const c = Math.cos(h);
    const s = Math.sin(h);
    out.xM = x + c * dist - s * lat;
    out.yM = y + s * dist + c * lat;
  } else {
    const s0 = Math.sin(h);
    const c0 = Math.cos(h);
    const s1 = Math.sin(h1);
    const c1 = Math.cos(h1);
    out.xM = x + (v1 * s1 - v0 * s0) / w + (a * (c1 - c0)) / (w * w);
    out.yM = y + (-v1 * c1 + v0 * c0) / w + (a * (s1 - s0)) / (w * w);
  }
  out.headingRad = wrapAngleRad(h1);
  out.speedMps = v1;
}
