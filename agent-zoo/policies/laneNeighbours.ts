/**
 * Neighbours by lane, from an observation: each vehicle of the `neighbours` part driving the ego's
 * way is put on a lane slot relative to the ego's lane (−1 right, 0 own, +1 left) by its lateral
 * offset from the ego lane's waypoint path (ahead) or from the ego lane's centre (behind, where the
 * path has no points), and the nearest leader and follower of each slot are kept. Gaps are bumper
 * to bumper (m); speeds are along the ego lane's direction where the vehicle is (a car crossing the
 * path ahead is a leader standing still; one coming the other way is left out).
 */
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import {
  EGO_FEATURES,
  NEIGHBOUR_FEATURES,
  WAYPOINT_FEATURES,
  columns,
} from "../../core/observations/observationFeatures.js";

const E = columns(EGO_FEATURES);
const N = columns(NEIGHBOUR_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const NN = NEIGHBOUR_FEATURES.length;
const WN = WAYPOINT_FEATURES.length;

/** The nearest vehicle ahead or behind on one lane slot. */
export interface LaneVehicle {
  /** Bumper-to-bumper gap (m; may be ≤ 0 when the boxes overlap lengthwise). */
  gapM: number;
  /** Its speed (m/s). */
  speedMps: number;
}

/** Leaders and followers of slots −1, 0, +1 (index slot + 1). */
export interface LaneNeighbours {
  leaders: (LaneVehicle | null)[];
  followers: (LaneVehicle | null)[];
}

/** Sorts the observation's neighbours onto lane slots; `egoLengthM` is the ego's box length. */
export function laneNeighbours(obs: AgentObservation, egoLengthM: number): LaneNeighbours {
  const out: LaneNeighbours = { leaders: [null, null, null], followers: [null, null, null] };
  const nb = obs.neighbours;
  const ego = obs.ego;
  if (!nb || !ego) return out;
  const laneW = ego[E.laneWidthM] > 0 ? ego[E.laneWidthM] : 3.2;
  const laneT = ego[E.onLane] ? ego[E.laneT] : 0;
  const scratch = { pathHeadingRad: 0 };
  for (let i = 0; i < nb.mask.length; i++) {
    if (!nb.mask[i]) continue;
    const o = i * NN;
    const f = nb.features;
    const x = f[o + N.x];
    const y = f[o + N.y];
    const lateral = lateralFromEgoLane(obs, x, y, laneT, scratch);
    const rel = f[o + N.relHeadingRad] - scratch.pathHeadingRad;
    const along = Math.cos(rel);
    if (along < -0.7) continue; // oncoming
    const slot = Math.round(lateral / laneW);
    if (slot < -1 || slot > 1) continue;
    // Its extent along the lane: half its length when it drives the ego's way, half its width when it crosses.
    const half = (egoLengthM + Math.abs(along) * f[o + N.lengthM] + Math.abs(Math.sin(rel)) * f[o + N.widthM]) / 2;
    const v = Math.max(0, f[o + N.speedMps] * along);
    if (x > 0) {
      const gap = x - half;
      const cur = out.leaders[slot + 1];
      if (!cur || gap < cur.gapM) out.leaders[slot + 1] = { gapM: gap, speedMps: v };
    } else {
      const gap = -x - half;
      const cur = out.followers[slot + 1];
      if (!cur || gap < cur.gapM) out.followers[slot + 1] = { gapM: gap, speedMps: v };
    }
  }
  return out;
}

/**
 * Lateral offset (m, left positive) of ego-frame point (x, y) from the ego lane's centreline; writes
 * the lane's direction there (ego frame, rad) into `out.pathHeadingRad` (0 behind the ego).
 */
function lateralFromEgoLane(
  obs: AgentObservation,
  x: number,
  y: number,
  laneT: number,
  out: { pathHeadingRad: number },
): number {
  out.pathHeadingRad = 0;
  const wp = obs.waypoints;
  if (wp && x > 1) {
    const n = wp.mask.length / 3;
    let best = Infinity;
    let lat = 0;
    let heading = 0;
    for (let j = 0; j < n && wp.mask[n + j]; j++) {
      const o = (n + j) * WN;
      const px = wp.points[o + W.x];
      const py = wp.points[o + W.y];
      const d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d < best) {
        best = d;
        const h = wp.points[o + W.relHeadingRad];
        lat = -Math.sin(h) * (x - px) + Math.cos(h) * (y - py);
        heading = h;
      }
    }
    if (best < 25 * 25) {
      out.pathHeadingRad = heading;
      return lat;
    }
  }
  return y + laneT;
}

/** Points left on waypoint path `slot` (0 right, 1 ego lane, 2 left); 0 when there is no such lane. */
export function pathPoints(obs: AgentObservation, slot: number): number {
  const wp = obs.waypoints;
  if (!wp) return 0;
  const n = wp.mask.length / 3;
  let k = 0;
  while (k < n && wp.mask[slot * n + k]) k++;
  return k;
}
