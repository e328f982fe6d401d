/**
 * Leaders and followers across lane and junction boundaries, read from the lane lists.
 *
 * A vehicle's leader is the nearest occupant ahead along a lane sequence (its planned path): on the
 * lane itself its list neighbour, then the back-most occupant of each following lane, until the
 * look-ahead. Lanes that start where a path lane starts (connectors leaving one lane towards different
 * roads: LaneData.siblings) share the road for their first metres, so their occupants there count
 * too. On a fold (a short lane pointing backwards, LaneData.foldM) a body is as much nearer on the
 * ground as its centre has gone along the fold. Gaps are bumper to bumper along the path (m).
 *
 * A follower is the nearest occupant behind a position: on the lane, else on the lanes leading into
 * it (every predecessor, up to three lanes back).
 *
 * Answers go into {@link Found} (one reused object per thread); functions here only read.
 */
import type { TrafficState } from "./TrafficState.js";

/** A query's answer: the occupant (−1: none), the gap to it (m; Infinity: none) and its speed (m/s). */
export interface Found {
  occ: number;
  gapM: number;
  speedMps: number;
}

/** A fresh answer object (allocate once per thread, reuse). */
export function found(): Found {
  return { occ: -1, gapM: Infinity, speedMps: 0 };
}

function none(out: Found): Found {
  out.occ = -1;
  out.gapM = Infinity;
  out.speedMps = 0;
  return out;
}

function hit(st: TrafficState, out: Found, o: number, gapM: number): Found {
  out.occ = o;
  out.gapM = gapM;
  out.speedMps = st.cols.speedMps[(o / 3) | 0];
  return out;
}

/** Rear of occupant `o` along its lane (m). */
export function occRear(st: TrafficState, o: number): number {
  return st.lists.occS[o] - st.cols.halfLengthM[(o / 3) | 0];
}

/**
 * The first occupant ahead of (s, seq) on `lane` not of slot `self`, or on a lane starting alongside
 * it within their overlap (nearest rear first); −1 when none.
 */
export function aheadOnLane(st: TrafficState, lane: number, s: number, seq: number, self: number): number {
  const lists = st.lists;
  const idx = st.index;
  let best = lists.aheadOf(lane, s, seq, self);
  const end = idx.laneSibStart[lane + 1];
  for (let k = idx.laneSibStart[lane]; k < end; k++) {
    const o = lists.aheadOf(idx.laneSibLane[k], s, seq, self);
    if (o < 0 || occRear(st, o) >= idx.laneSibOverlap[k]) continue;
    if (best < 0 || occRear(st, o) < occRear(st, best)) best = o;
  }
  return best;
}

/** The back-most occupant of `lane` not of slot `self`, or on a lane starting alongside within their overlap. */
function firstOnLane(st: TrafficState, lane: number, self: number): number {
  const lists = st.lists;
  const idx = st.index;
  let best = lists.backOf(lane, self);
  const end = idx.laneSibStart[lane + 1];
  for (let k = idx.laneSibStart[lane]; k < end; k++) {
    const o = lists.backOf(idx.laneSibLane[k], self);
    if (o < 0 || occRear(st, o) >= idx.laneSibOverlap[k]) continue;
    if (best < 0 || occRear(st, o) < occRear(st, best)) best = o;
  }
  return best;
}

/**
 * Leader of slot `v` with its centre at `s` on `lanes[at]`, then along `lanes[at + 1 … at + count − 1]`,
 * up to `lookaheadM` ahead of its front. `own`: `s` is the vehicle's own place on its own lane, so the
 * list neighbour of its primary occupant is the answer there.
 */
export function leaderAlong(
  st: TrafficState,
  v: number,
  s: number,
  lanes: Int32Array,
  at: number,
  count: number,
  lookaheadM: number,
  own: boolean,
  out: Found,
): Found {
  const hl = st.cols.halfLengthM[v];
  const idx = st.index;
  const lane0 = lanes[at];
  let o: number;
  if (own && idx.laneSibStart[lane0] === idx.laneSibStart[lane0 + 1]) o = st.lists.occNext[3 * v];
  else o = aheadOnLane(st, lane0, s, st.cols.seq[v], v);
  if (o >= 0) return hit(st, out, o, occRear(st, o) - s - hl);
  let dist = idx.laneLength[lane0] - s; // centre → start of lanes[at + i]
  for (let i = 1; i < count; i++) {
    if (dist - hl > lookaheadM) break;
    const lane = lanes[at + i];
    o = firstOnLane(st, lane, v);
    if (o >= 0) {
      const fold = idx.laneFold[lane];
      const os = st.lists.occS[o];
      const back = fold === 0 || os <= 0 ? 0 : os < fold ? os : fold;
      return hit(st, out, o, dist + occRear(st, o) - 2 * back - hl);
    }
    dist += idx.laneLength[lane] - 2 * idx.laneFold[lane];
  }
  return none(out);
}

/**
 * For a vehicle whose route ends at the end of `lane` (its centre `toEndM` before it): the nearest
 * body on a lane right after that end which still hangs back over it (a vehicle standing just past
 * the line, its tail registered only on the lane just behind it; or one on a fold). Taken into `out`
 * when nearer than what `out` holds.
 */
export function leaderBeyondEnd(st: TrafficState, v: number, lane: number, toEndM: number, out: Found): void {
  const next = st.index.lane(lane).successors;
  const hl = st.cols.halfLengthM[v];
  for (let k = 0; k < next.length; k++) {
    const n = next[k].ordinal;
    const o = firstOnLane(st, n, v);
    if (o < 0) continue;
    const fold = st.index.laneFold[n];
    const os = st.lists.occS[o];
    const rear = occRear(st, o) - 2 * (fold === 0 || os <= 0 ? 0 : os < fold ? os : fold);
    if (rear >= 0) continue;
    const gap = toEndM + rear - hl;
    if (gap < out.gapM) hit(st, out, o, gap);
  }
}

/**
 * Follower behind a body centred at `s` with half length `hl` on `lane` (the nearest occupant behind,
 * on the lane or up to `maxBackM` back through its predecessors); slot `self`'s occupants skipped.
 */
export function followerOf(
  st: TrafficState,
  lane: number,
  s: number,
  seq: number,
  hl: number,
  self: number,
  maxBackM: number,
  out: Found,
): Found {
  const o = st.lists.behindOf(lane, s, seq, self);
  if (o >= 0) return hit(st, out, o, s - hl - (st.lists.occS[o] + st.cols.halfLengthM[(o / 3) | 0]));
  none(out);
  backward(st, lane, s - hl, self, maxBackM, 0, out);
  return out;
}

/** Nearest occupant on the predecessors of `lane` (`rearDist`: this lane's start → the body's rear). */
function backward(
  st: TrafficState,
  lane: number,
  rearDist: number,
  self: number,
  maxBackM: number,
  depth: number,
  out: Found,
): void {
  const preds = st.index.lane(lane).predecessors;
  for (let k = 0; k < preds.length; k++) {
    const p = preds[k].ordinal;
    const o = st.lists.frontOf(p, self);
    const len = st.index.laneLength[p];
    if (o >= 0) {
      const gap = rearDist + len - (st.lists.occS[o] + st.cols.halfLengthM[(o / 3) | 0]);
      if (gap < out.gapM) hit(st, out, o, gap);
    } else if (depth < 3 && rearDist + len < maxBackM) {
      backward(st, p, rearDist + len, self, maxBackM, depth + 1, out);
    }
  }
}
