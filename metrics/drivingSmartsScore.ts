/**
 * The driving-SMARTS style overall score of one agent episode (DESIGN.md §9; docs/metrics.md,
 * "Overall score"): four costs in [0, 1], each turned into a component `1 − cost`, averaged:
 *
 *   score = 0.25·(1 − distance) + 0.25·(1 − time) + 0.25·(1 − humanness error) + 0.25·(1 − rule violation)
 *
 * - distance: 0 when the goal was reached; 1 after a collision or leaving the road; else the share
 *   of the route left (1 − route completion; 1 for endless missions).
 * - time: steps / step limit when the goal was reached (capped at 1), else 1.
 * - humanness error: the mean of three costs — obstacle (per sample max(0, 1 − nearest gap /
 *   `scoreSafeGapM`), averaged over all samples), jerk (min(1, mean |jerk| / `scoreJerkRefMps3`)) and
 *   lane centre (mean |offset| / half lane width, capped at 1 per sample).
 * - rule violation: the mean of the speed cost (min(1, mean excess over the limit as a fraction of
 *   the limit)) and the wrong-way share of samples.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { DEFAULT_METRIC_PARAMS, type MetricParams } from "./MetricParams.js";
import type { OutcomeMetrics } from "./outcomeMetrics.js";
import type { RuleCosts } from "./ruleCosts.js";
import type { SafetyMetrics } from "./safetyMetrics.js";
import type { StabilityMetrics } from "./stabilityMetrics.js";

/** The overall score and its parts. */
export interface DrivingScore {
  score: number;
  /** 1 − distance cost. */
  scoreCompletion: number;
  /** 1 − time cost. */
  scoreTime: number;
  /** 1 − humanness error. */
  scoreHumanness: number;
  /** 1 − rule violation. */
  scoreRules: number;
}

/** What the score reads: the trajectory and its other metric families. */
export interface ScoreInputs {
  outcome: OutcomeMetrics;
  safety: SafetyMetrics;
  stability: StabilityMetrics;
  rules: RuleCosts;
}

/** The driving-SMARTS style score of `t`. */
export function drivingSmartsScore(
  t: AgentTrajectory,
  m: ScoreInputs,
  params: MetricParams = DEFAULT_METRIC_PARAMS,
): DrivingScore {
  const o = m.outcome;
  const distance = o.completed ? 0 : o.collided || o.offRoad ? 1 : 1 - (o.routeCompletion ?? 0);
  const maxSteps = t.maxSteps ?? params.scoreDefaultMaxSteps;
  const time = o.completed ? Math.min(1, o.steps / maxSteps) : 1;
  let obstacle = 0;
  for (const g of m.safety.nearestGapsM) obstacle += Math.max(0, 1 - g / params.scoreSafeGapM);
  obstacle = m.safety.nearestGapsM.length ? obstacle / m.safety.nearestGapsM.length : 0;
  const jerk = Math.min(1, (m.stability.meanAbsJerkMps3 ?? 0) / params.scoreJerkRefMps3);
  const lane = m.stability.meanLaneOffsetShare ?? 0;
  const humanness = (obstacle + jerk + lane) / 3;
  const rules = (Math.min(1, m.rules.speedExcessShare) + m.rules.wrongWayShare) / 2;
  const c = {
    scoreCompletion: 1 - distance,
    scoreTime: 1 - time,
    scoreHumanness: 1 - humanness,
    scoreRules: 1 - rules,
  };
  return { score: 0.25 * (c.scoreCompletion + c.scoreTime + c.scoreHumanness + c.scoreRules), ...c };
}
