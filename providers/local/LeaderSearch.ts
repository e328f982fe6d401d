/**
 * Leaders and followers across lane and junction boundaries, from the per-lane occupant lists.
 *
 * A leader is the nearest occupant ahead along a lane sequence (the vehicle's planned path): first on
 * the lane itself after the vehicle's own position, then the first occupant of each following lane,
 * until the lookahead distance. Lanes that start where a path lane starts (connectors leaving the
 * same lane towards different roads) share the road space for their first metres, so their occupants
 * near the start count too. Gaps are bumper to bumper along the path (m).
 *
 * A follower is the nearest occupant behind a position: on the lane, else on the lanes leading into
 * it (every predecessor, up to a few lanes back).
 */
import type { LaneData } from "./LocalNetwork.js";
import type { Occupant } from "./LaneOccupancy.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";

/** A leader query's answer (reused object). */
export interface Neighbour {
  /** The occupant, or null when none within range. */
  occ: Occupant | null;
  /** Bumper-to-bumper gap (m); Infinity when none. */
  gapM: number;
  /** Its speed (m/s). */
  speedMps: number;
}

/** A fresh, empty answer object (allocate once, reuse). */
export function neighbour(): Neighbour {
  return { occ: null, gapM: Infinity, speedMps: 0 };
}

function setNone(out: Neighbour): Neighbour {
  out.occ = null;
  out.gapM = Infinity;
  out.speedMps = 0;
  return out;
}

/** The first occupant ahead of (s, seq) on `lane`, or on a lane starting alongside within its overlap. */
export function aheadOnLane(lane: LaneData, s: number, seq: number, self: TrafficVehicle | null): Occupant | null {
  let best = lane.occupants.ahead(s, seq, self);
  const sibs = lane.siblings;
  for (let k = 0; k < sibs.length; k++) {
    const sib = sibs[k];
    const o = sib.lane.occupants.ahead(s, seq, self);
    if (o === null || o.s - o.halfLength >= sib.overlapM) continue;
    if (best === null || o.s - o.halfLength < best.s - best.halfLength) best = o;
  }
  return best;
}

/**
 * Leader of vehicle `v` at centre position `s` on `lanes[0]`, then along `lanes[1 … count−1]`, up to
 * `lookaheadM` ahead of its front; the vehicle's own occupants are skipped.
 */
export function leaderAlong(
  v: TrafficVehicle,
  s: number,
  lanes: readonly LaneData[],
  count: number,
  lookaheadM: number,
  out: Neighbour,
): Neighbour {
  const hl = v.halfLength;
  let o = aheadOnLane(lanes[0], s, v.seq, v);
  if (o !== null) return hit(out, o, o.s - o.halfLength - s - hl);
  let dist = lanes[0].lengthM - s; // centre → start of lanes[i]
  for (let i = 1; i < count; i++) {
    if (dist - hl > lookaheadM) break;
    const lane = lanes[i];
    o = aheadOnLane(lane, -Infinity, -1, v);
    if (o !== null) {
      // On a fold (a short lane pointing backwards) the leader's body, placed by its centre along the
      // road, is as much nearer on the ground as its centre has gone along the fold.
      const fold = lane.foldM === 0 || o.s <= 0 ? 0 : o.s < lane.foldM ? o.s : lane.foldM;
      return hit(out, o, dist + o.s - o.halfLength - 2 * fold - hl);
    }
    dist += lane.lengthM - 2 * lane.foldM;
  }
  return setNone(out);
}

/**
 * For a vehicle whose route ends at the end of `lane` (its centre `toEndM` before it): the nearest
 * body on a lane right after that end which still hangs back over it — a vehicle standing just past
 * the line, its rear over the last metres of `lane` (its tail is registered only on the lane just
 * behind it), or one on a fold, which is that much nearer on the ground. Taken into `out` when nearer
 * than what `out` holds; bodies wholly beyond the end are no concern of a vehicle that leaves there.
 */
export function leaderBeyondEnd(v: TrafficVehicle, lane: LaneData, toEndM: number, out: Neighbour): void {
  const next = lane.successors;
  for (let k = 0; k < next.length; k++) {
    const n = next[k];
    const o = aheadOnLane(n, -Infinity, -1, v);
    if (o === null) continue;
    const rear = o.s - o.halfLength - 2 * (n.foldM === 0 || o.s <= 0 ? 0 : o.s < n.foldM ? o.s : n.foldM);
    if (rear >= 0) continue;
    const gap = toEndM + rear - v.halfLength;
    if (gap < out.gapM) hit(out, o, gap);
  }
}

function hit(out: Neighbour, o: Occupant, gapM: number): Neighbour {
  out.occ = o;
  out.gapM = gapM;
  out.speedMps = o.speedMps;
  return out;
}

/**
 * Follower behind a vehicle body centred at `s` with half length `hl` on `lane` (the nearest occupant
 * behind, on the lane or up to `maxBackM` back through its predecessors); `self`'s occupants skipped.
 */
export function followerOf(
  lane: LaneData,
  s: number,
  seq: number,
  hl: number,
  self: TrafficVehicle | null,
  maxBackM: number,
  out: Neighbour,
): Neighbour {
  const o = lane.occupants.behind(s, seq, self);
  if (o !== null) return hit(out, o, s - hl - (o.s + o.halfLength));
  setNone(out);
  backward(lane, s - hl, self, maxBackM, 0, out);
  return out;
}

/** Nearest occupant on the predecessors of `lane` (`rearDist`: this lane's start → the body's rear). */
function backward(
  lane: LaneData,
  rearDist: number,
  self: TrafficVehicle | null,
  maxBackM: number,
  depth: number,
  out: Neighbour,
): void {
  const preds = lane.predecessors;
  for (let k = 0; k < preds.length; k++) {
    const p = preds[k];
    const o = p.occupants.last(self);
    if (o !== null) {
      const gap = rearDist + p.lengthM - (o.s + o.halfLength);
      if (gap < out.gapM) hit(out, o, gap);
    } else if (depth < 3 && rearDist + p.lengthM < maxBackM) {
      backward(p, rearDist + p.lengthM, self, maxBackM, depth + 1, out);
    }
  }
}
