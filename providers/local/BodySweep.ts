/**
 * Exact body test for the one claim whose window has no end: a vehicle standing inside a junction.
 * Conflict zones are conservative (connector centrelines, the widest vehicle, the longest corner
 * swing), which is right for windows in time — but a vehicle standing in a zone for ever would then
 * close the foe link for ever, and in clusters of junctions it often stands there because it waits for
 * the very vehicle it holds up (two opposite lanes passing close, a queue through two junctions).
 * Instead, the arbiter asks whether the two bodies can actually touch: the boxes of the one vehicle
 * along its path until its rear has left the zone, against the boxes of the standing one along its
 * own path until it has left the zone (it may start while the other is still passing). Boxes are
 * posed as reported ones are (TrafficVehicle.bodyPose: bumpers on the path), enlarged by a margin.
 * The same test serves the near-lane, U-turn and swing rules (JunctionArbiter), with agents' bodies
 * swept along their lanes.
 */
import type { LaneData } from "./LocalNetwork.js";
import { bodyPose, pointOn, type ChordPose, type TrafficVehicle } from "./TrafficVehicle.js";

/** Added to every box's half width and half length (m). */
export const BODY_MARGIN_M = 0.3;
/** Spacing of the sampled poses along a path (m). */
const SAMPLE_M = 0.5;
/** Longest stretch sampled ahead of a vehicle (m). */
const MAX_SWEEP_M = 40;

/**
 * Sampled boxes of one vehicle: centre x, y, heading unit vector (ux, uy), four numbers per pose, at
 * 0, {@link SAMPLE_M}, 2·{@link SAMPLE_M} … ahead, extended as queries reach further. The poses
 * depend only on where the vehicle is and on its path, so they are kept for as long as those stay
 * as they were (a vehicle standing at a line or inside a junction is asked about every step).
 */
export class Sweep {
  data = new Float64Array(4 * 16);
  /** Poses sampled so far. */
  count = 0;
  /** What the poses were sampled from: lane, position on it, previous lane, path length… */
  lane: LaneData | null = null;
  s = NaN;
  prevLane: LaneData | null = null;
  pathLen = 0;
  /** …and the path lanes after the current one up to the furthest front bumper (`path[1 … pathUsed]`). */
  path: LaneData[] = [];
  pathUsed = 0;

  /** Whether `v` is where and as these poses were sampled. */
  holds(v: TrafficVehicle): boolean {
    if (v.lane !== this.lane || v.s !== this.s || v.prevLane !== this.prevLane || v.pathLen !== this.pathLen)
      return false;
    for (let k = 1; k <= this.pathUsed; k++) if (v.path[k] !== this.path[k - 1]) return false;
    return true;
  }

  /** Forgets the poses and records the vehicle they will be sampled from. */
  restart(v: TrafficVehicle): void {
    this.count = 0;
    this.lane = v.lane;
    this.s = v.s;
    this.prevLane = v.prevLane;
    this.pathLen = v.pathLen;
    this.pathUsed = 0;
  }

  /** Records that a pose reached path index `front` (TrafficVehicle.bodyPose's answer). */
  reached(v: TrafficVehicle, front: number): void {
    for (let k = this.pathUsed + 1; k <= front; k++) this.path[k - 1] = v.path[k];
    if (front > this.pathUsed) this.pathUsed = front;
  }
}

const _end = new Float64Array(8);
const _p = { x: 0, y: 0 };
const _q = { x: 0, y: 0 };
const _c = { x: 0, y: 0 };

/**
 * Whether vehicle `a`, driving up to `aAheadM` further along its path, and vehicle `b`, driving up to
 * `bAheadM` along its own, can touch (boxes enlarged by {@link BODY_MARGIN_M}). Poses are sampled
 * every {@link SAMPLE_M} from where each is (`a`'s from `aFromM` ahead on), plus one at the end of
 * its stretch.
 */
export function bodiesMeet(
  a: TrafficVehicle,
  aAheadM: number,
  b: TrafficVehicle,
  bAheadM: number,
  aFromM = 0,
): boolean {
  const bAhead = clampAhead(bAheadM);
  const nb = Math.ceil(bAhead / SAMPLE_M) + 1;
  const db = sweepOf(b, nb - 1);
  pose(b, b.s + bAhead, _end, 4);
  return meets(a, aAheadM, aFromM, db, nb, b.halfLength + BODY_MARGIN_M, b.widthM / 2 + BODY_MARGIN_M);
}

/**
 * {@link bodiesMeet} for a body the provider does not drive (an agent): centred at `s` on `lane`,
 * `halfLength` × `halfWidth`, going up to `bAheadM` further along that lane (its path beyond is not
 * known; the near-lane and U-turn checks ask no further than the lane's end).
 */
export function bodyMeetsLaneSpan(
  a: TrafficVehicle,
  aAheadM: number,
  lane: LaneData,
  s: number,
  halfLength: number,
  halfWidth: number,
  bAheadM: number,
  aFromM = 0,
): boolean {
  const bAhead = clampAhead(bAheadM);
  const nb = Math.ceil(bAhead / SAMPLE_M) + 1;
  if (_span.length < 4 * nb) _span = new Float64Array(8 * nb);
  for (let k = 0; k < nb - 1; k++) lanePose(lane, s + k * SAMPLE_M, halfLength, _span, 4 * k);
  lanePose(lane, s + bAhead, halfLength, _end, 4);
  return meets(a, aAheadM, aFromM, _span, nb, halfLength + BODY_MARGIN_M, halfWidth + BODY_MARGIN_M);
}
let _span = new Float64Array(4 * 16);

/**
 * Whether `a`'s boxes up to `aAheadM` ahead (from `aFromM` on) meet any of b's `nb` poses: the first
 * `nb − 1` in `db`, the last at `_end[4 …]`; b's boxes are `bHalfL` × `bHalfW` (margin included).
 */
function meets(
  a: TrafficVehicle,
  aAheadM: number,
  aFromM: number,
  db: Float64Array,
  nb: number,
  bHalfL: number,
  bHalfW: number,
): boolean {
  const aHalfL = a.halfLength + BODY_MARGIN_M,
    aHalfW = a.widthM / 2 + BODY_MARGIN_M;
  const aAhead = clampAhead(aAheadM);
  const na = Math.ceil(aAhead / SAMPLE_M) + 1;
  const da = sweepOf(a, na - 1);
  pose(a, a.s + aAhead, _end, 0);
  const ra = Math.hypot(aHalfL, aHalfW);
  const rb = Math.hypot(bHalfL, bHalfW);
  const reachD = ra + rb;
  const reach = reachD * reachD;
  // b's poses' bounding box grown by the reach: a's poses outside it meet none of b's.
  let minX = _end[4],
    maxX = _end[4],
    minY = _end[5],
    maxY = _end[5];
  for (let j = 0; j < nb - 1; j++) {
    const x = db[4 * j],
      y = db[4 * j + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  minX -= reachD;
  maxX += reachD;
  minY -= reachD;
  maxY += reachD;
  for (let i = aFromM > 0 ? Math.min(na - 1, Math.floor(aFromM / SAMPLE_M)) : 0; i < na; i++) {
    const src = i < na - 1 ? da : _end;
    const o = i < na - 1 ? 4 * i : 0;
    const ax = src[o],
      ay = src[o + 1],
      aux = src[o + 2],
      auy = src[o + 3];
    if (ax < minX || ax > maxX || ay < minY || ay > maxY) continue;
    for (let j = 0; j < nb; j++) {
      const dst = j < nb - 1 ? db : _end;
      const q = j < nb - 1 ? 4 * j : 4;
      const dx = dst[q] - ax,
        dy = dst[q + 1] - ay;
      if (dx * dx + dy * dy > reach) continue;
      if (boxesOverlap(dx, dy, aux, auy, aHalfL, aHalfW, dst[q + 2], dst[q + 3], bHalfL, bHalfW)) return true;
    }
  }
  return false;
}

/** A box pose at `s` along `lane` alone (bumpers on the centreline, as {@link pose}) into `out` at `at`. */
function lanePose(lane: LaneData, s: number, halfLength: number, out: Float64Array, at: number): void {
  pointOn(lane, s + halfLength, 0, _p);
  pointOn(lane, s - halfLength, 0, _q);
  const ux = _p.x - _q.x,
    uy = _p.y - _q.y;
  const len = Math.hypot(ux, uy);
  if (len >= halfLength && len > 1e-9) {
    out[at] = 0.5 * (_p.x + _q.x);
    out[at + 1] = 0.5 * (_p.y + _q.y);
    out[at + 2] = ux / len;
    out[at + 3] = uy / len;
    return;
  }
  const seg = pointOn(lane, s, 0, _p);
  out[at] = _p.x;
  out[at + 1] = _p.y;
  out[at + 2] = Math.cos(lane.segHeading[seg]);
  out[at + 3] = Math.sin(lane.segHeading[seg]);
}

function clampAhead(aheadM: number): number {
  return aheadM < 0 ? 0 : aheadM > MAX_SWEEP_M ? MAX_SWEEP_M : aheadM;
}

/** `v`'s sampled poses, at least the first `n` (k · {@link SAMPLE_M} ahead, k < n). */
function sweepOf(v: TrafficVehicle, n: number): Float64Array {
  let sw = v.sweep;
  if (sw === null) sw = v.sweep = new Sweep();
  if (!sw.holds(v)) sw.restart(v);
  if (sw.count >= n) return sw.data;
  if (sw.data.length < 4 * n) {
    const grown = new Float64Array(4 * Math.max(n, 2 * sw.count));
    grown.set(sw.data.subarray(0, 4 * sw.count));
    sw.data = grown;
  }
  for (let k = sw.count; k < n; k++) sw.reached(v, pose(v, v.s + k * SAMPLE_M, sw.data, 4 * k));
  sw.count = n;
  return sw.data;
}

/**
 * The box pose at arc length `s` along `v`'s path into `out` at `at`, as reported (TrafficVehicle.writeState)
 * but for the sideways offset; returns the path index of the lane its front bumper is on.
 */
function pose(v: TrafficVehicle, s: number, out: Float64Array, at: number): number {
  const front = bodyPose(v, s, _c, _cp);
  out[at] = _cp.x;
  out[at + 1] = _cp.y;
  out[at + 2] = Math.cos(_cp.headingRad);
  out[at + 3] = Math.sin(_cp.headingRad);
  return front;
}
const _cp: ChordPose = { x: 0, y: 0, headingRad: 0, cx: 0, cy: 0 };

/** Separating-axis test of two boxes; (dx, dy) is the second centre relative to the first. */
function boxesOverlap(
  dx: number,
  dy: number,
  aux: number,
  auy: number,
  ahl: number,
  ahw: number,
  bux: number,
  buy: number,
  bhl: number,
  bhw: number,
): boolean {
  // Axes of a: u (along), n = (−uy, ux) (across); of b likewise.
  const cuu = Math.abs(aux * bux + auy * buy); // |ua·ub| = |na·nb|
  const cun = Math.abs(-aux * buy + auy * bux); // |ua·nb| = |na·ub|
  if (Math.abs(dx * aux + dy * auy) > ahl + bhl * cuu + bhw * cun) return false;
  if (Math.abs(-dx * auy + dy * aux) > ahw + bhl * cun + bhw * cuu) return false;
  if (Math.abs(dx * bux + dy * buy) > bhl + ahl * cuu + ahw * cun) return false;
  if (Math.abs(-dx * buy + dy * bux) > bhw + ahl * cun + ahw * cuu) return false;
  return true;
}
