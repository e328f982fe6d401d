/**
 * The aggregated metrics of a benchmark, one definition each: key, label, unit, family, formula and
 * how it is aggregated over the agent episodes of one policy × scenario cell. Reports, CSV columns
 * and docs/metrics.md follow this list's order.
 */
import type { AgentEpisodeMetrics } from "./agentEpisodeMetrics.js";

/** A metric family (DESIGN.md §9). */
export type MetricFamily =
  "outcome" | "safety" | "agility" | "stability" | "control" | "interaction" | "robustness" | "rules" | "score";

/** Numeric per-episode fields (booleans count as 0/1). */
export type EpisodeField = {
  [K in keyof AgentEpisodeMetrics]: AgentEpisodeMetrics[K] extends number | null | boolean ? K : never;
}[keyof AgentEpisodeMetrics];

/** How a cell's value comes from its agent episodes. */
export type Aggregation =
  /** Mean over episodes where the field is not null (a rate for booleans). */
  | { kind: "mean"; of: EpisodeField }
  /** Smallest non-null value. */
  | { kind: "min"; of: EpisodeField }
  /** Σ num / Σ den over all episodes (pooled ratio); null when Σ den = 0. */
  | { kind: "ratio"; num: EpisodeField; den: EpisodeField }
  /** Σ part / (Σ part + Σ other) over all episodes; null when both sums are 0. */
  | { kind: "share"; part: EpisodeField; other: EpisodeField }
  /** 1 − another aggregated metric. */
  | { kind: "complement"; of: string }
  /** Computed across episodes (stochasticity, generalization): see their files. */
  | { kind: "crossRun" };

/** One aggregated metric. */
export interface MetricDefinition {
  key: string;
  label: string;
  /** SI unit, `1` for rates and ratios. */
  unit: string;
  family: MetricFamily;
  /** Whether a larger value is better (for charts and the reader); null when neither. */
  higherIsBetter: boolean | null;
  aggregate: Aggregation;
  /** The formula, in words and symbols (docs/metrics.md repeats it). */
  formula: string;
}

/** Every aggregated metric, in report order. */
export const METRICS: readonly MetricDefinition[] = [
  {
    key: "collisionRate",
    label: "collision rate",
    unit: "1",
    family: "outcome",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "collided" },
    formula: "agent episodes with a collision event / agent episodes",
  },
  {
    key: "completionRate",
    label: "completion rate",
    unit: "1",
    family: "outcome",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "completed" },
    formula: "agent episodes that reached the goal / agent episodes",
  },
  {
    key: "offRoadRate",
    label: "off-road rate",
    unit: "1",
    family: "outcome",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "offRoad" },
    formula: "agent episodes with an off-road event / agent episodes",
  },
  {
    key: "timeToGoalS",
    label: "time to goal",
    unit: "s",
    family: "outcome",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "timeToGoalS" },
    formula: "mean over completed agent episodes of (goal tick − first tick) · dt",
  },
  {
    key: "distanceM",
    label: "distance driven",
    unit: "m",
    family: "outcome",
    higherIsBetter: null,
    aggregate: { kind: "mean", of: "distanceM" },
    formula: "mean of Σ_k |p_k − p_{k−1}|",
  },
  {
    key: "routeCompletion",
    label: "route completion",
    unit: "1",
    family: "outcome",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "routeCompletion" },
    formula: "mean of (1 if completed else clamp(route position at the end / route length, 0, 1))",
  },
  {
    key: "collisionFreeRate",
    label: "collision-free rate",
    unit: "1",
    family: "safety",
    higherIsBetter: true,
    aggregate: { kind: "complement", of: "collisionRate" },
    formula: "1 − collision rate",
  },
  {
    key: "minTtcS",
    label: "minimum time-to-collision",
    unit: "s",
    family: "safety",
    higherIsBetter: true,
    aggregate: { kind: "min", of: "minTtcS" },
    formula:
      "min over episodes and steps of corridor TTC = max(gap, 0) / (v_ego − v_other·cos Δh), closing vehicles ahead in the ego's corridor only",
  },
  {
    key: "meanMinTtcS",
    label: "mean episode minimum TTC",
    unit: "s",
    family: "safety",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "minTtcS" },
    formula: "mean over episodes (with a closing vehicle) of the episode's minimum TTC",
  },
  {
    key: "minObstacleGapM",
    label: "minimum distance to obstacles",
    unit: "m",
    family: "safety",
    higherIsBetter: true,
    aggregate: { kind: "min", of: "minObstacleGapM" },
    formula: "min over episodes and steps of the box-to-box clearance to the nearest vehicle",
  },
  {
    key: "meanObstacleGapM",
    label: "mean distance to nearest obstacle",
    unit: "m",
    family: "safety",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "meanObstacleGapM" },
    formula: "mean over episodes of the per-step nearest clearance, averaged over steps with a neighbour within 50 m",
  },
  {
    key: "meanSpeedMps",
    label: "mean speed",
    unit: "m/s",
    family: "agility",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "meanSpeedMps" },
    formula: "mean over episodes of the mean speed over samples",
  },
  {
    key: "meanAbsJerkMps3",
    label: "linear jerk",
    unit: "m/s³",
    family: "stability",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "meanAbsJerkMps3" },
    formula: "mean over episodes of mean_k |(a_k − a_{k−1}) / dt|",
  },
  {
    key: "meanAbsLateralAccelMps2",
    label: "lateral acceleration",
    unit: "m/s²",
    family: "stability",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "meanAbsLateralAccelMps2" },
    formula: "mean over episodes of mean_k |v_k · wrap(h_k − h_{k−1}) / dt|",
  },
  {
    key: "meanLaneOffsetM",
    label: "lane-centre offset",
    unit: "m",
    family: "stability",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "meanLaneOffsetM" },
    formula: "mean over episodes of mean |t| over samples on a lane (t: lateral offset from the centreline)",
  },
  {
    key: "longitudinalControlShare",
    label: "longitudinal control share",
    unit: "1",
    family: "control",
    higherIsBetter: null,
    aggregate: { kind: "share", part: "longitudinalEffort", other: "lateralEffort" },
    formula: "Σ|a_lon| / (Σ|a_lon| + Σ|a_lat|), pooled over episodes; the lateral share is 1 − this",
  },
  {
    key: "controlDiversity",
    label: "control diversity",
    unit: "1",
    family: "control",
    higherIsBetter: null,
    aggregate: { kind: "mean", of: "controlDiversity" },
    formula: "mean over episodes of 1 − |2·share − 1|",
  },
  {
    key: "cutInRatio",
    label: "cut-in ratio",
    unit: "1",
    family: "interaction",
    higherIsBetter: false,
    aggregate: { kind: "ratio", num: "cutIns", den: "laneChanges" },
    formula:
      "Σ cut-ins / Σ lane changes; a cut-in leaves a same-way follower on the new lane a gap < 1.5 s · its speed + 2 m",
  },
  {
    key: "collaborative",
    label: "collaborative (gave way)",
    unit: "1",
    family: "interaction",
    higherIsBetter: null,
    aggregate: { kind: "ratio", num: "gaveWay", den: "conflicts" },
    formula: "Σ conflicts where the other vehicle passed the conflict point first / Σ resolved conflicts",
  },
  {
    key: "competitive",
    label: "competitive (overtaking)",
    unit: "1",
    family: "interaction",
    higherIsBetter: null,
    aggregate: { kind: "ratio", num: "overtakes", den: "overtakeOpportunities" },
    formula: "Σ same-way vehicles the ego passed / Σ same-way vehicles it had ahead within 30 m",
  },
  {
    key: "stochasticity",
    label: "stochasticity",
    unit: "1",
    family: "robustness",
    higherIsBetter: null,
    aggregate: { kind: "crossRun" },
    formula: "mean over (seed, agent, step) seen in ≥ 2 episodes of 1 − (most common decision's count / runs)",
  },
  {
    key: "generalization",
    label: "generalization",
    unit: "1",
    family: "robustness",
    higherIsBetter: true,
    aggregate: { kind: "crossRun" },
    formula: "1 − (max − min) of the completion rates of the scenario's traffic variations (null with one variation)",
  },
  {
    key: "speedExcessMps",
    label: "speed-limit excess",
    unit: "m/s",
    family: "rules",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "speedExcessMps" },
    formula: "mean over episodes of mean_k max(0, v_k − limit_k)",
  },
  {
    key: "speedingShare",
    label: "time above the speed limit",
    unit: "1",
    family: "rules",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "speedingShare" },
    formula: "mean over episodes of the share of samples with v > limit",
  },
  {
    key: "wrongWayTimeS",
    label: "wrong-way time",
    unit: "s",
    family: "rules",
    higherIsBetter: false,
    aggregate: { kind: "mean", of: "wrongWayTimeS" },
    formula: "mean over episodes of (samples with the wrong-way event) · dt",
  },
  {
    key: "score",
    label: "overall score",
    unit: "1",
    family: "score",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "score" },
    formula: "0.25·(1 − distance) + 0.25·(1 − time) + 0.25·(1 − humanness error) + 0.25·(1 − rule violation)",
  },
  {
    key: "scoreCompletion",
    label: "score: completion",
    unit: "1",
    family: "score",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "scoreCompletion" },
    formula: "1 − distance cost (0 at the goal; 1 after a collision or off-road; else the route share left)",
  },
  {
    key: "scoreTime",
    label: "score: time",
    unit: "1",
    family: "score",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "scoreTime" },
    formula: "1 − time cost (steps / step limit at the goal, else 1)",
  },
  {
    key: "scoreHumanness",
    label: "score: humanness",
    unit: "1",
    family: "score",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "scoreHumanness" },
    formula: "1 − mean(obstacle cost, jerk cost, lane-centre cost)",
  },
  {
    key: "scoreRules",
    label: "score: rules",
    unit: "1",
    family: "score",
    higherIsBetter: true,
    aggregate: { kind: "mean", of: "scoreRules" },
    formula: "1 − mean(speed cost, wrong-way share)",
  },
];

/** The definition of metric `key`; throws for an unknown key. */
export function metricDefinition(key: string): MetricDefinition {
  const d = METRICS.find((m) => m.key === key);
  if (!d) throw new Error(`unknown metric "${key}"; metrics: ${METRICS.map((m) => m.key).join(", ")}`);
  return d;
}
