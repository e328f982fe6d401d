/**
 * Which way to the goal's lane: −1 / +1 when the goal lies ahead (between `nearM` and `farM`) on
 * the lane to the right / left, else 0. The neighbouring lane's waypoint path must pass the goal
 * closer than the ego lane's by more than 0.6 lane widths; comparing paths, not the ego frame,
 * keeps curves from looking like lane offsets. (The SMARTS paper's missions end on a given lane.)
 */
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { EGO_FEATURES, WAYPOINT_FEATURES, columns } from "../../core/observations/observationFeatures.js";

const E = columns(EGO_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const WN = WAYPOINT_FEATURES.length;

/** −1, 0 or +1 (see the file comment). */
export function goalLaneSide(obs: AgentObservation, nearM = 5, farM = 60): -1 | 0 | 1 {
  const ego = obs.ego;
  const wp = obs.waypoints;
  if (!ego || !wp || !ego[E.hasGoal] || !ego[E.onLane] || ego[E.inJunction]) return 0;
  const gx = ego[E.goalX];
  const gy = ego[E.goalY];
  if (ego[E.goalDistanceM] < nearM || ego[E.goalDistanceM] > farM) return 0;
  return laneSideToward(obs, gx, gy);
}

/**
 * −1 / +1 when the waypoint path of the lane to the right / left passes ego-frame point (x, y)
 * closer than the ego lane's path by more than 0.6 lane widths (the nearer side wins); else 0.
 */
export function laneSideToward(obs: AgentObservation, x: number, y: number): -1 | 0 | 1 {
  const ego = obs.ego;
  const wp = obs.waypoints;
  if (!ego || !wp) return 0;
  const w = ego[E.laneWidthM] || 3.2;
  const n = wp.mask.length / 3;
  const nearest = (slot: number): number => {
    let best = Infinity;
    for (let j = 0; j < n && wp.mask[slot * n + j]; j++) {
      const o = (slot * n + j) * WN;
      best = Math.min(best, Math.hypot(wp.points[o + W.x] - x, wp.points[o + W.y] - y));
    }
    return best;
  };
  const own = nearest(1);
  if (own < 0.6 * w) return 0;
  const right = nearest(0);
  const left = nearest(2);
  if (left < own - 0.6 * w && left <= right) return 1;
  if (right < own - 0.6 * w) return -1;
  return 0;
}
