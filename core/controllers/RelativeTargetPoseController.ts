/**
 * The RelativeTargetPose action space (DESIGN §7): a displacement in the vehicle's own frame,
 * reached exactly in one step by a kinematic body.
 */
import type { KinematicPose } from "../../spec/KinematicPose.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

/** A RelativeTargetPose action, in the vehicle frame at the start of the step. */
export interface RelativeTargetPoseAction {
  /** Forward displacement in m. */
  dxM: number;
  /** Leftward displacement in m. */
  dyM: number;
  /** Heading change in rad, counter-clockwise positive. */
  dHeadingRad: number;
}

/** Options of a {@link RelativeTargetPoseController}. */
export interface RelativeTargetPoseControllerOptions {
  /** Environment step in s. @default 0.1 */
  dtS?: number;
}

/** Moves a kinematic body by RelativeTargetPose actions; stateless apart from its options. */
export class RelativeTargetPoseController {
  readonly dtS: number;

  constructor(options: RelativeTargetPoseControllerOptions = {}) {
    this.dtS = options.dtS ?? 0.1;
    if (!(this.dtS > 0)) throw new Error(`RelativeTargetPoseController needs dtS > 0, got ${this.dtS}`);
  }

  /**
   * The pose after one step: `from` displaced by the action; the speed is the straight-line
   * distance over the step (m/s), negative when the displacement points backwards.
   * Writes into and returns `out` (may be `from`).
   */
  step(from: KinematicPose, action: RelativeTargetPoseAction, out: KinematicPose): KinematicPose {
    const c = Math.cos(from.headingRad);
    const s = Math.sin(from.headingRad);
    const { dxM, dyM } = action;
    const x = from.xM + c * dxM - s * dyM;
    const y = from.yM + s * dxM + c * dyM;
    const h = wrapAngleRad(from.headingRad + action.dHeadingRad);
    const dist = Math.sqrt(dxM * dxM + dyM * dyM);
    out.xM = x;
    out.yM = y;
    out.headingRad = h;
    out.speedMps = (dxM < 0 ? -dist : dist) / this.dtS;
    return out;
  }
}
