/** Agility of one agent episode (docs/metrics.md, "Agility"): how fast it drives. */
import type { AgentTrajectory } from "./AgentTrajectory.js";

/** Agility of one agent episode. */
export interface AgilityMetrics {
  /** Mean speed over all samples (m/s). */
  meanSpeedMps: number;
  /** Largest speed (m/s). */
  maxSpeedMps: number;
}

/** Agility metrics of `t`. */
export function agilityMetrics(t: AgentTrajectory): AgilityMetrics {
  let sum = 0;
  let max = 0;
  for (const s of t.steps) {
    sum += s.speedMps;
    max = Math.max(max, s.speedMps);
  }
  return { meanSpeedMps: t.steps.length ? sum / t.steps.length : 0, maxSpeedMps: max };
}
