/**
 * Overtaking of one agent episode — the competitive metric (docs/metrics.md, "Competitive").
 *
 * A neighbour heading the same way (|Δheading| < `overtakeHeadingRad`) within `overtakeLateralM`
 * sideways is an *opportunity* once it is ahead of the ego by at most `overtakeAheadM` (centre
 * offset > 0). The ego *overtakes* it when, later, the same vehicle (still same way, still within
 * the lateral distance) is entirely behind: its centre more than the ego's half length plus its own
 * longitudinal half extent behind the ego's centre. Each neighbour counts at most once either way.
 * A neighbour first seen entirely behind the ego is never an opportunity; when it is later entirely
 * ahead, it has overtaken the ego (`overtakenBy`).
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { relativeTo } from "./egoFrame.js";
import { DEFAULT_METRIC_PARAMS, type MetricParams } from "./MetricParams.js";

/** Overtaking in one agent episode. */
export interface OvertakeMetrics {
  overtakeOpportunities: number;
  overtakes: number;
  /** Neighbours that overtook the ego. */
  overtakenBy: number;
  /** overtakes / opportunities; null without opportunities. */
  competitive: number | null;
}

/** Overtaking metrics of `t`. */
export function overtakeMetrics(t: AgentTrajectory, params: MetricParams = DEFAULT_METRIC_PARAMS): OvertakeMetrics {
  const ahead = new Set<string>();
  const behind = new Set<string>();
  const passed = new Set<string>();
  const passedBy = new Set<string>();
  for (const e of t.steps) {
    for (const n of e.neighbours) {
      const r = relativeTo(e, n);
      if (Math.abs(r.dHeadingRad) >= params.overtakeHeadingRad || Math.abs(r.latM) > params.overtakeLateralM) continue;
      const clear = t.halfLengthM + r.halfExtentLonM;
      if (r.lonM > 0 && r.lonM <= params.overtakeAheadM && !behind.has(n.id)) ahead.add(n.id);
      if (r.lonM < -clear && ahead.has(n.id) && !behind.has(n.id)) passed.add(n.id);
      if (r.lonM < -clear && !ahead.has(n.id)) behind.add(n.id);
      if (r.lonM > clear && behind.has(n.id)) passedBy.add(n.id);
    }
  }
  return {
    overtakeOpportunities: ahead.size,
    overtakes: passed.size,
    overtakenBy: passedBy.size,
    competitive: ahead.size > 0 ? passed.size / ahead.size : null,
  };
}
