/**
 * Per-step derivatives of a trajectory that several metric families share: linear jerk and
 * lateral acceleration, by backward differences over the fixed step.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { wrapRad } from "./egoFrame.js";

/** Linear jerk of steps 1…n−1: `(a_k − a_{k−1}) / dt` (m/s³); empty for fewer than two steps. */
export function linearJerks(t: AgentTrajectory): number[] {
  const out: number[] = [];
  for (let k = 1; k < t.steps.length; k++)
    out.push((t.steps[k].accelerationMps2 - t.steps[k - 1].accelerationMps2) / t.dtS);
  return out;
}

/** Lateral acceleration of steps 1…n−1: `v_k · wrap(h_k − h_{k−1}) / dt` (m/s², left positive). */
export function lateralAccelerations(t: AgentTrajectory): number[] {
  const out: number[] = [];
  for (let k = 1; k < t.steps.length; k++) {
    const s = t.steps[k];
    out.push((s.speedMps * wrapRad(s.headingRad - t.steps[k - 1].headingRad)) / t.dtS);
  }
  return out;
}

/** Mean of `xs`, or null when empty. */
export function meanOrNull(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Largest |x|, or null when empty. */
export function maxAbsOrNull(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(x));
  return m;
}
