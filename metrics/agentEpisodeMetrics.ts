/**
 * Every per-episode metric of one agent, as one flat record (the rows of the benchmark's CSV):
 * the metric families of this folder applied to one {@link AgentTrajectory}.
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";
import { agilityMetrics, type AgilityMetrics } from "./agilityMetrics.js";
import { controlDiversity, type ControlDiversityMetrics } from "./controlDiversity.js";
import { cutInMetrics, type CutInMetrics } from "./cutInMetrics.js";
import { drivingSmartsScore, type DrivingScore } from "./drivingSmartsScore.js";
import { giveWayMetrics, type GiveWayMetrics } from "./giveWayMetrics.js";
import { DEFAULT_METRIC_PARAMS, type MetricParams } from "./MetricParams.js";
import { outcomeMetrics, type OutcomeMetrics } from "./outcomeMetrics.js";
import { overtakeMetrics, type OvertakeMetrics } from "./overtakeMetrics.js";
import { ruleCosts, type RuleCosts } from "./ruleCosts.js";
import { safetyMetrics, type SafetyMetrics } from "./safetyMetrics.js";
import { stabilityMetrics, type StabilityMetrics } from "./stabilityMetrics.js";

/** All per-episode metrics of one agent (see docs/metrics.md for each field). */
export type AgentEpisodeMetrics = OutcomeMetrics &
  Omit<SafetyMetrics, "nearestGapsM"> &
  AgilityMetrics &
  StabilityMetrics &
  ControlDiversityMetrics &
  CutInMetrics &
  GiveWayMetrics &
  OvertakeMetrics &
  RuleCosts &
  DrivingScore;

/** The metrics of `t`. */
export function agentEpisodeMetrics(
  t: AgentTrajectory,
  params: MetricParams = DEFAULT_METRIC_PARAMS,
): AgentEpisodeMetrics {
  const outcome = outcomeMetrics(t);
  const { nearestGapsM, ...safety } = safetyMetrics(t);
  const stability = stabilityMetrics(t);
  const rules = ruleCosts(t);
  const score = drivingSmartsScore(t, { outcome, safety: { ...safety, nearestGapsM }, stability, rules }, params);
  return {
    ...outcome,
    ...safety,
    ...agilityMetrics(t),
    ...stability,
    ...controlDiversity(t),
    ...cutInMetrics(t, params),
    ...giveWayMetrics(t, params),
    ...overtakeMetrics(t, params),
    ...rules,
    ...score,
  };
}
