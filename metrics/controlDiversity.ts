/**
 * Control diversity of one agent episode (docs/metrics.md, "Control diversity"): how the ego's
 * control effort splits between the longitudinal (speed) and lateral (steering) directions,
 * measured on the vehicle's motion so that every action space is judged alike.
 *
 * E_lon = Σ_k |a_lon,k|, E_lat = Σ_k |a_lat,k| over steps 1…n−1; share = E_lon / (E_lon + E_lat);
 * diversity = 1 − |2·share − 1| (1: effort split evenly, 0: one direction only).
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { lateralAccelerations } from "./kinematics.js";

/** Control diversity of one agent episode. */
export interface ControlDiversityMetrics {
  /** Σ |longitudinal acceleration| over steps 1…n−1 (m/s²). */
  longitudinalEffort: number;
  /** Σ |lateral acceleration| over steps 1…n−1 (m/s²). */
  lateralEffort: number;
  /** E_lon / (E_lon + E_lat); null when the ego never accelerated either way. */
  longitudinalControlShare: number | null;
  /** 1 − |2·share − 1|; null with the share. */
  controlDiversity: number | null;
}

/** Control diversity of `t`. */
export function controlDiversity(t: AgentTrajectory): ControlDiversityMetrics {
  let lon = 0;
  for (let k = 1; k < t.steps.length; k++) lon += Math.abs(t.steps[k].accelerationMps2);
  let lat = 0;
  for (const a of lateralAccelerations(t)) lat += Math.abs(a);
  const total = lon + lat;
  const share = total > 0 ? lon / total : null;
  return {
    longitudinalEffort: lon,
    lateralEffort: lat,
    longitudinalControlShare: share,
    controlDiversity: share === null ? null : 1 - Math.abs(2 * share - 1),
  };
}
