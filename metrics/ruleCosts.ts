/**
 * Rule costs of one agent episode (docs/metrics.md, "Rules"): driving above the lane's speed limit
 * and driving against the lane's direction.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";

/** Rule costs of one agent episode. */
export interface RuleCosts {
  /** Mean over samples on a lane with a limit of max(0, v − limit) (m/s); 0 when there are none. */
  speedExcessMps: number;
  /** Mean over those samples of max(0, v − limit) / limit (a fraction of the limit). */
  speedExcessShare: number;
  /** Share of those samples above the limit. */
  speedingShare: number;
  /** Time with the wrong-way event (s): samples × dt. */
  wrongWayTimeS: number;
  /** Share of samples with the wrong-way event. */
  wrongWayShare: number;
}

/** Rule costs of `t`. */
export function ruleCosts(t: AgentTrajectory): RuleCosts {
  let n = 0;
  let excess = 0;
  let excessShare = 0;
  let speeding = 0;
  let wrong = 0;
  for (const s of t.steps) {
    if (s.events.wrongWay) wrong++;
    if (!(s.speedLimitMps > 0)) continue;
    n++;
    const over = Math.max(0, s.speedMps - s.speedLimitMps);
    excess += over;
    excessShare += over / s.speedLimitMps;
    if (over > 0) speeding++;
  }
  const total = t.steps.length;
  return {
    speedExcessMps: n ? excess / n : 0,
    speedExcessShare: n ? excessShare / n : 0,
    speedingShare: n ? speeding / n : 0,
    wrongWayTimeS: wrong * t.dtS,
    wrongWayShare: total ? wrong / total : 0,
  };
}
