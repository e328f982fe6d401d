/**
 * Safety metrics of one agent episode (docs/metrics.md, "Safety"): the smallest time-to-collision
 * with a vehicle in the ego's corridor, and the clearance to the nearest other vehicle.
 *
 * Time-to-collision at a step, for each neighbour whose box overlaps the ego's corridor (|lateral
 * offset| < ego half width + the other's lateral half extent) and lies ahead: gap = longitudinal
 * offset − ego half length − the other's longitudinal half extent; closing speed = v_ego − the
 * other's velocity along the ego heading; TTC = max(gap, 0) / closing speed when that exceeds 0.1 m/s.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { boxGapM } from "./boxGap.js";
import { relativeTo } from "./egoFrame.js";

/** Closing speeds up to this do not count (m/s): equal speeds differ by rounding noise, not by intent. */
export const MIN_CLOSING_MPS = 0.1;

/** Safety of one agent episode. */
export interface SafetyMetrics {
  /** Smallest time-to-collision over the episode (s); null when the ego never closed in on a vehicle in its corridor. */
  minTtcS: number | null;
  /** Smallest clearance to any recorded neighbour (m); null when it never had one. */
  minObstacleGapM: number | null;
  /** Mean over steps with a neighbour of the clearance to the nearest one (m); null without any. */
  meanObstacleGapM: number | null;
  /** Per step (all steps), the clearance to the nearest neighbour (m), Infinity without one. */
  nearestGapsM: number[];
}

/** Time-to-collision of the ego at step `k` with its most pressing corridor neighbour (s), Infinity when none closes in. */
export function stepTtcS(t: AgentTrajectory, k: number): number {
  const e = t.steps[k];
  let best = Infinity;
  for (const n of e.neighbours) {
    const r = relativeTo(e, n);
    if (r.lonM <= 0 || Math.abs(r.latM) >= t.halfWidthM + r.halfExtentLatM) continue;
    const closing = e.speedMps - r.speedAlongMps;
    if (closing <= MIN_CLOSING_MPS) continue;
    const gap = Math.max(0, r.lonM - t.halfLengthM - r.halfExtentLonM);
    best = Math.min(best, gap / closing);
  }
  return best;
}

/** Safety metrics of `t`. */
export function safetyMetrics(t: AgentTrajectory): SafetyMetrics {
  let minTtc = Infinity;
  let minGap = Infinity;
  let sumGap = 0;
  let withNeighbour = 0;
  const nearestGapsM: number[] = [];
  for (let k = 0; k < t.steps.length; k++) {
    minTtc = Math.min(minTtc, stepTtcS(t, k));
    const e = t.steps[k];
    let nearest = Infinity;
    for (const n of e.neighbours) {
      nearest = Math.min(
        nearest,
        boxGapM({ x: e.x, y: e.y, headingRad: e.headingRad, halfLengthM: t.halfLengthM, halfWidthM: t.halfWidthM }, n),
      );
    }
    nearestGapsM.push(nearest);
    if (nearest < Infinity) {
      withNeighbour++;
      sumGap += nearest;
      minGap = Math.min(minGap, nearest);
    }
  }
  return {
    minTtcS: minTtc < Infinity ? minTtc : null,
    minObstacleGapM: minGap < Infinity ? minGap : null,
    meanObstacleGapM: withNeighbour > 0 ? sumGap / withNeighbour : null,
    nearestGapsM,
  };
}
