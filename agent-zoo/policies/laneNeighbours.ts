/**
 * Neighbours by lane, from an observation: each vehicle of the `neighbours` part driving the ego's
 * way is put on a lane slot relative to the ego's lane (−1 right, 0 own, +1 left) by its lateral
 * offset from the ego lane's waypoint path (ahead) or from the ego lane's centre (behind, where the
 * path has no points), and the nearest leader and follower of each slot are kept. A vehicle two
 * lanes away beside or behind the ego that is converging counts on the neighbouring lane; one ahead
 * beside the ego whose body reaches into the ego's lane counts as a leader on the ego's lane too. Gaps are bumper
 * to bumper (m); speeds are along the ego lane's direction where the vehicle is (a car crossing the
 * path ahead is a leader standing still; one coming the other way is left out, unless its box
 * reaches into the ego's path ahead: then it is a leader standing still).
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

/** Horizon over which a converging vehicle two lanes away is counted on the neighbouring lane (s). */
const CONVERGE_S = 1.5;

/** Lateral clearance under which a vehicle beside the ego's lane ahead counts as on it (m). */
const INTRUSION_MARGIN_M = 0.3;
/** A vehicle beside the ego's lane ahead nearer than this share of a lane width counts as on it. */
const DRIFT_SHARE = 0.8;

/** Leaders and followers of slots −1, 0, +1 (index slot + 1). */
export interface LaneNeighbours {
  leaders: (LaneVehicle | null)[];
  followers: (LaneVehicle | null)[];
}

/** Sorts the observation's neighbours onto lane slots; `egoLengthM` and `egoWidthM` are the ego's box size (m). */
export function laneNeighbours(obs: AgentObservation, egoLengthM: number, egoWidthM = 1.8): LaneNeighbours {
  const out: LaneNeighbours = { leaders: [null, null, null], followers: [null, null, null] };
  const nb = obs.neighbours;
  const ego = obs.ego;
  if (!nb || !ego) return out;
  const laneW = ego[E.laneWidthM] > 0 ? ego[E.laneWidthM] : 3.2;
  const laneT = ego[E.onLane] ? ego[E.laneT] : 0;
  const scratch = { pathHeadingRad: 0, alongM: 0 };
  for (let i = 0; i < nb.mask.length; i++) {
    if (!nb.mask[i]) continue;
    const o = i * NN;
    const f = nb.features;
    const x = f[o + N.x];
    const y = f[o + N.y];
    const lateral = lateralFromEgoLane(obs, x, y, laneT, scratch);
    const rel = f[o + N.relHeadingRad] - scratch.pathHeadingRad;
    const along = Math.cos(rel);
    if (along < -0.7) {
      // Oncoming: left out, unless its box reaches into the ego's path ahead (one stuck across a
      // junction, one swung wide): then it is a standing obstacle on the ego's lane.
      if (x > 0 && Math.abs(lateral) < (f[o + N.widthM] + egoWidthM) / 2) {
        const half = (egoLengthM + Math.abs(along) * f[o + N.lengthM] + Math.abs(Math.sin(rel)) * f[o + N.widthM]) / 2;
        const gap = scratch.alongM - half;
        const own = out.leaders[1];
        if (!own || gap < own.gapM) out.leaders[1] = { gapM: gap, speedMps: 0 };
      }
      continue;
    }
    let slot = Math.round(lateral / laneW);
    // A vehicle two lanes away beside or behind the ego that converges (a merging road's lane, a lane
    // change under way) is counted on the lane next to the ego when it would be there within
    // CONVERGE_S: a lane change must leave room for it.
    if ((slot === 2 || slot === -2) && x < egoLengthM) {
      const soon = lateral + f[o + N.speedMps] * Math.sin(rel) * CONVERGE_S;
      if (Math.abs(Math.round(soon / laneW)) <= 1) slot = slot / 2;
    }
    if (slot < -1 || slot > 1) continue;
    // A vehicle ahead on a lane beside the ego whose body reaches into the ego's lane (cutting in,
    // changing lanes from a standstill) is a leader on the ego's lane as well.
    // (Or that has left its lane's middle by a fifth of a lane towards the ego's: on its way over.)
    const reach = Math.max((f[o + N.widthM] + egoWidthM) / 2 + INTRUSION_MARGIN_M, DRIFT_SHARE * laneW);
    const intrudes = slot !== 0 && x > 0 && Math.abs(lateral) < reach;
    // Its extent along the lane: half its length when it drives the ego's way, half its width when it crosses.
    const half = (egoLengthM + Math.abs(along) * f[o + N.lengthM] + Math.abs(Math.sin(rel)) * f[o + N.widthM]) / 2;
    const v = Math.max(0, f[o + N.speedMps] * along);
    if (x > 0) {
      // Along the path where it bends (a vehicle beside a curve ahead is farther than its x).
      const gap = scratch.alongM - half;
      const cur = out.leaders[slot + 1];
      if (!cur || gap < cur.gapM) out.leaders[slot + 1] = { gapM: gap, speedMps: v };
      const own = out.leaders[1];
      if (intrudes && (!own || gap < own.gapM)) out.leaders[1] = { gapM: gap, speedMps: v };
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
 * the lane's direction there (ego frame, rad) into `out.pathHeadingRad` (0 behind the ego) and the
 * distance along the path to the point's projection into `out.alongM` (`x` where there is no path).
 */
function lateralFromEgoLane(
  obs: AgentObservation,
  x: number,
  y: number,
  laneT: number,
  out: { pathHeadingRad: number; alongM: number },
): number {
  out.pathHeadingRad = 0;
  out.alongM = x;
  const wp = obs.waypoints;
  if (wp && x > 1) {
    const n = wp.mask.length / 3;
    let best = Infinity;
    let lat = 0;
    let heading = 0;
    let along = x;
    // Arc length from the ego (the origin) to each point ahead; points behind count by their x.
    let s = 0;
    let qx = 0,
      qy = 0;
    for (let j = 0; j < n && wp.mask[n + j]; j++) {
      const o = (n + j) * WN;
      const px = wp.points[o + W.x];
      const py = wp.points[o + W.y];
      if (px > 0) {
        s += Math.hypot(px - qx, py - qy);
        qx = px;
        qy = py;
      }
      const d = (px - x) * (px - x) + (py - y) * (py - y);
      if (d < best) {
        best = d;
        const h = wp.points[o + W.relHeadingRad];
        lat = -Math.sin(h) * (x - px) + Math.cos(h) * (y - py);
        heading = h;
        along = (px > 0 ? s : px) + Math.cos(h) * (x - px) + Math.sin(h) * (y - py);
      }
    }
    if (best < 25 * 25) {
      out.pathHeadingRad = heading;
      out.alongM = along;
      return lat;
    }
  }
  // Behind (or beside) the ego: in the lane's frame (the ego may be heading across its lane), and
  // corrected for the lane's curvature near the ego (a vehicle behind on the ego's lane in a left
  // bend lies κ·x²/2 to the right).
  const err = obs.ego ? obs.ego[E.onLane] * obs.ego[E.laneHeadingErrorRad] : 0;
  const latLane = x * Math.sin(err) + y * Math.cos(err);
  return latLane + laneT + (pathCurvature(obs) * x * x) / 2;
}

/** Curvature (1/m, left positive) of the ego lane's path over its first ~10 m ahead; 0 without a path. */
function pathCurvature(obs: AgentObservation): number {
  const wp = obs.waypoints;
  if (!wp) return 0;
  const n = wp.mask.length / 3;
  let h0 = Number.NaN;
  let s = 0;
  let qx = 0,
    qy = 0;
  for (let j = 0; j < n && wp.mask[n + j]; j++) {
    const o = (n + j) * WN;
    const px = wp.points[o + W.x];
    const py = wp.points[o + W.y];
    if (px <= 0) continue;
    const h = wp.points[o + W.relHeadingRad];
    if (Number.isNaN(h0)) {
      h0 = h;
      qx = px;
      qy = py;
      continue;
    }
    s += Math.hypot(px - qx, py - qy);
    qx = px;
    qy = py;
    if (s >= 10) return Math.atan2(Math.sin(h - h0), Math.cos(h - h0)) / s;
  }
  return 0;
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
