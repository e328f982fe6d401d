/**
 * Cut-ins of one agent episode (docs/metrics.md, "Cut-in ratio"). A lane change is a step where the
 * ego is on a different lane of the same (normal) road than at the step before. It is a cut-in when
 * some vehicle heading the same way (within 90°) on the ego's new lane is behind it with a gap
 * (rear bumper to front bumper) below `cutInHeadwayS · its speed + cutInMinGapM`.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { relativeTo } from "./egoFrame.js";
import { DEFAULT_METRIC_PARAMS, type MetricParams } from "./MetricParams.js";

/** Cut-ins of one agent episode. */
export interface CutInMetrics {
  laneChanges: number;
  cutIns: number;
  /** cutIns / laneChanges; null without lane changes. */
  cutInRatio: number | null;
}

/** Cut-in metrics of `t`. */
export function cutInMetrics(t: AgentTrajectory, params: MetricParams = DEFAULT_METRIC_PARAMS): CutInMetrics {
  let laneChanges = 0;
  let cutIns = 0;
  for (let k = 1; k < t.steps.length; k++) {
    const prev = t.steps[k - 1];
    const cur = t.steps[k];
    if (!prev.laneId || !cur.laneId || prev.internalLane || cur.internalLane) continue;
    if (prev.roadId !== cur.roadId || prev.laneIndex === cur.laneIndex) continue;
    laneChanges++;
    const cut = cur.neighbours.some((n) => {
      if (n.laneId !== cur.laneId) return false;
      const r = relativeTo(cur, n);
      if (Math.abs(r.dHeadingRad) >= Math.PI / 2 || r.lonM >= 0) return false;
      const gap = -r.lonM - t.halfLengthM - r.halfExtentLonM;
      return gap < params.cutInHeadwayS * Math.max(0, n.speedMps) + params.cutInMinGapM;
    });
    if (cut) cutIns++;
  }
  return { laneChanges, cutIns, cutInRatio: laneChanges > 0 ? cutIns / laneChanges : null };
}
