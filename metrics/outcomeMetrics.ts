/**
 * Outcome metrics of one agent episode: did it collide, reach its goal, leave the road; how long it
 * took and how far it drove (docs/metrics.md, "Outcomes").
 */
import type { AgentTrajectory } from "./AgentTrajectory.js";

/** Outcomes of one agent episode. */
export interface OutcomeMetrics {
  /** Steps driven (samples − 1). */
  steps: number;
  /** Simulated time from appearance to the last sample (s). */
  durationS: number;
  /** A collision event at any step. */
  collided: boolean;
  /**
   * The goal was reached (goal event at any step, or `goal` among the done reasons); for a learner of
   * a learning-agent bubble, which has no goal of its own: it drove through and was released.
   */
  completed: boolean;
  /** An off-road event at any step. */
  offRoad: boolean;
  /** Time from appearance to the first goal event (s); null when not completed. */
  timeToGoalS: number | null;
  /** Path length driven: Σ |p_k − p_{k−1}| (m). */
  distanceM: number;
  /** Share of the route covered: 1 when completed, else clamp(last route position / route length, 0, 1); null for endless missions. */
  routeCompletion: number | null;
}

/** Outcomes of `t`. */
export function outcomeMetrics(t: AgentTrajectory): OutcomeMetrics {
  const s = t.steps;
  if (s.length === 0) throw new Error(`agent "${t.agentId}": a trajectory needs at least one step`);
  const first = s[0];
  let distanceM = 0;
  let goalTick = -1;
  let collided = false;
  let offRoad = false;
  let lastRoute = Number.NaN;
  for (let k = 0; k < s.length; k++) {
    const p = s[k];
    if (k > 0) distanceM += Math.hypot(p.x - s[k - 1].x, p.y - s[k - 1].y);
    if (p.events.collision) collided = true;
    if (p.events.offRoad) offRoad = true;
    if (p.events.reachedGoal && goalTick < 0) goalTick = p.tick;
    if (Number.isFinite(p.routePositionM)) lastRoute = p.routePositionM;
  }
  if (goalTick < 0 && (t.doneReasons.includes("goal") || t.doneReasons.includes("released")))
    goalTick = s[s.length - 1].tick;
  const completed = goalTick >= 0;
  let routeCompletion: number | null = null;
  if (completed) routeCompletion = 1;
  else if (Number.isFinite(t.routeLengthM) && t.routeLengthM > 0)
    routeCompletion = Math.min(1, Math.max(0, (Number.isFinite(lastRoute) ? lastRoute : 0) / t.routeLengthM));
  return {
    steps: s.length - 1,
    durationS: (s[s.length - 1].tick - first.tick) * t.dtS,
    collided,
    completed,
    offRoad,
    timeToGoalS: completed ? (goalTick - first.tick) * t.dtS : null,
    distanceM,
    routeCompletion,
  };
}
