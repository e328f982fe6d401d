/**
 * The TargetPose action space (DESIGN §7): reach pose (x, y, heading) in t seconds, kinematically.
 *
 * Each step the controller plans from the body's current pose and speed to the target: the path is
 * a cubic Hermite curve P(u) whose end tangents point along the start and target headings (length =
 * the straight-line distance L), and the time scaling u(τ) = α₀τ + (1 − α₀)τ² (τ = elapsed /
 * remaining time) starts at the current speed (α₀ = v₀·T / L, clamped to 0..2 so u stays
 * monotonic) and changes the speed linearly. The body moves to the plan's pose one step ahead.
 * Re-sending the same action counts the remaining time down, so the target is reached exactly
 * (position and heading) at the requested time, rounded to whole steps; a changed action starts a
 * new count. Once there, the body holds the pose at rest while the action stays the same.
 */
import type { KinematicPose } from "../../spec/KinematicPose.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";
import { cubicHermite, cubicHermiteDerivative } from "./cubicHermite.js";

/** A TargetPose action: a world pose to reach and the time to reach it in. */
export interface TargetPoseAction {
  /** Target x in m. */
  xM: number;
  /** Target y in m. */
  yM: number;
  /** Target heading in rad. */
  headingRad: number;
  /** Time from now to reach the target, in s (rounded to whole steps, at least one). */
  tS: number;
}

/** The controller's state, plain data (snapshot with `{ ...state }`). */
export interface TargetPoseState {
  /** The action being executed (NaNs when none). */
  xM: number;
  yM: number;
  headingRad: number;
  tS: number;
  /** Steps left until the target is reached; 0 once there. */
  remainingSteps: number;
}

/** Options of a {@link TargetPoseController}. */
export interface TargetPoseControllerOptions {
  /** Environment step in s. @default 0.1 */
  dtS?: number;
}

/** Below this distance in m the target counts as "same place": the body only turns. */
const SAME_PLACE_M = 1e-6;

/** A fresh state: no target. */
export function createTargetPoseState(): TargetPoseState {
  return { xM: NaN, yM: NaN, headingRad: NaN, tS: NaN, remainingSteps: 0 };
}

/** Kinematic motion planner for TargetPose actions. */
export class TargetPoseController {
  readonly dtS: number;
  /** The controller's state; replace it with a copy to restore a snapshot. */
  state: TargetPoseState = createTargetPoseState();

  constructor(options: TargetPoseControllerOptions = {}) {
    this.dtS = options.dtS ?? 0.1;
    if (!(this.dtS > 0)) throw new Error(`TargetPoseController needs dtS > 0, got ${this.dtS}`);
  }

  /** The pose one step after `from` under `action`. Writes into and returns `out` (may be `from`). */
  step(from: KinematicPose, action: TargetPoseAction, out: KinematicPose): KinematicPose {
    const st = this.state;
    if (action.xM !== st.xM || action.yM !== st.yM || action.headingRad !== st.headingRad || action.tS !== st.tS) {
      st.xM = action.xM;
      st.yM = action.yM;
      st.headingRad = action.headingRad;
      st.tS = action.tS;
      const n = Math.round(action.tS / this.dtS);
      st.remainingSteps = n > 1 ? n : 1;
    }
    if (st.remainingSteps === 0) {
      out.xM = st.xM;
      out.yM = st.yM;
      out.headingRad = wrapAngleRad(st.headingRad);
      out.speedMps = 0;
      return out;
    }
    const n = st.remainingSteps;
    planStep(from, st.xM, st.yM, st.headingRad, n * this.dtS, 1 / n, out);
    st.remainingSteps = n - 1;
    if (n === 1) {
      out.xM = st.xM;
      out.yM = st.yM;
      out.headingRad = wrapAngleRad(st.headingRad);
    }
    return out;
  }
}

/**
 * The pose at fraction `tau` (0..1) of a `totalS`-second Hermite plan from `from` to
 * (x1, y1, h1); see the file comment. Writes into `out`.
 */
function planStep(
  from: KinematicPose,
  x1: number,
  y1: number,
  h1: number,
  totalS: number,
  tau: number,
  out: KinematicPose,
): void {
  const x0 = from.xM;
  const y0 = from.yM;
  const h0 = from.headingRad;
  const L = Math.hypot(x1 - x0, y1 - y0);
  if (L < SAME_PLACE_M) {
    out.xM = x1;
    out.yM = y1;
    out.headingRad = wrapAngleRad(h0 + wrapAngleRad(h1 - h0) * tau);
    out.speedMps = 0;
    return;
  }
  let a0 = (from.speedMps * totalS) / L;
  a0 = a0 < 0 ? 0 : a0 > 2 ? 2 : a0;
  const u = a0 * tau + (1 - a0) * tau * tau;
  const du = a0 + 2 * (1 - a0) * tau; // du/dτ
  const m0x = L * Math.cos(h0);
  const m0y = L * Math.sin(h0);
  const m1x = L * Math.cos(h1);
  const m1y = L * Math.sin(h1);
  out.xM = cubicHermite(x0, m0x, x1, m1x, u);
  out.yM = cubicHermite(y0, m0y, y1, m1y, u);
  const dx = cubicHermiteDerivative(x0, m0x, x1, m1x, u);
  const dy = cubicHermiteDerivative(y0, m0y, y1, m1y, u);
  out.headingRad = dx === 0 && dy === 0 ? wrapAngleRad(h1) : Math.atan2(dy, dx);
  out.speedMps = (Math.hypot(dx, dy) * du) / totalS;
}
