/**
 * Exact body tests for the few junction questions conflict zones answer too coarsely: whether two
 * vehicles, each driving on along its path for a while, can touch — boxes sampled every
 * {@link SAMPLE_M} along each path, posed as reported (poses.ts: bumpers on the path), enlarged by
 * {@link BODY_MARGIN_M}. Used for a vehicle standing inside a junction (its claim has no end, so it
 * counts only where bodies can actually meet), a U-turn's swing over the lanes beside it, and a long
 * body's swing over a neighbouring junction's stop line (junctions.ts).
 *
 * A vehicle's sampled poses depend only on where it is and on its path, so they are kept while those
 * stay as they were (vehicles standing at a line are asked about every step). Main thread only.
 */
import type { LaneData } from "../LocalNetwork.js";
import { bodyPose, chordPoseScratch, pointOn } from "./poses.js";
import type { TrafficState } from "./TrafficState.js";
import { PATH_CAPACITY } from "./VehicleColumns.js";

/** Added to every box's half width and half length (m). */
export const BODY_MARGIN_M = 0.3;
/** Spacing of the sampled poses along a path (m). */
const SAMPLE_M = 0.5;
/** Longest stretch sampled ahead of a vehicle (m). */
const MAX_SWEEP_M = 40;

/** Sampled boxes of one vehicle (x, y, ux, uy per pose) and what they were sampled from. */
class Sweep {
  data = new Float64Array(4 * 16);
  count = 0;
  lane = -1;
  s = NaN;
  prevLane = -1;
  pathLen = 0;
  /** The path lanes after the current one up to the furthest front bumper. */
  path: number[] = [];
  pathUsed = 0;
}

/** The kept sweeps, by slot. */
export class Sweeps {
  private readonly bySlot: (Sweep | undefined)[] = [];

  /** Forgets every kept pose (slots were renumbered). */
  clear(): void {
    this.bySlot.length = 0;
  }

  /** Forgets slot `v`'s poses (a new vehicle there). */
  forget(v: number): void {
    this.bySlot[v] = undefined;
  }

  /** Slot `v`'s sampled poses, at least the first `n`. */
  of(st: TrafficState, v: number, n: number): Float64Array {
    let sw = this.bySlot[v];
    if (sw === undefined) sw = this.bySlot[v] = new Sweep();
    const c = st.cols;
    const base = v * PATH_CAPACITY;
    let holds =
      c.lane[v] === sw.lane && c.s[v] === sw.s && c.prevLane[v] === sw.prevLane && c.pathLen[v] === sw.pathLen;
    for (let k = 1; holds && k <= sw.pathUsed; k++) if (c.pathLane[base + k] !== sw.path[k - 1]) holds = false;
    if (!holds) {
      sw.count = 0;
      sw.lane = c.lane[v];
      sw.s = c.s[v];
      sw.prevLane = c.prevLane[v];
      sw.pathLen = c.pathLen[v];
      sw.pathUsed = 0;
    }
    if (sw.count >= n) return sw.data;
    if (sw.data.length < 4 * n) {
      const grown = new Float64Array(4 * Math.max(n, 2 * sw.count));
      grown.set(sw.data.subarray(0, 4 * sw.count));
      sw.data = grown;
    }
    for (let k = sw.count; k < n; k++) {
      const front = pose(st, v, c.s[v] + k * SAMPLE_M, sw.data, 4 * k);
      for (let j = sw.pathUsed + 1; j <= front; j++) sw.path[j - 1] = c.pathLane[base + j];
      if (front > sw.pathUsed) sw.pathUsed = front;
    }
    sw.count = n;
    return sw.data;
  }
}

const _end = new Float64Array(8);
let _span = new Float64Array(4 * 16);
const _cp = chordPoseScratch();
const _p = { x: 0, y: 0 };
const _q = { x: 0, y: 0 };

/**
 * Whether slot `a`, driving up to `aAheadM` further along its path, and slot `b`, driving up to
 * `bAheadM` along its own, can touch. Poses are sampled from where each is (`a`'s from `aFromM`
 * ahead on), plus one at the end of its stretch.
 */
export function bodiesMeet(
  st: TrafficState,
  sweeps: Sweeps,
  a: number,
  aAheadM: number,
  b: number,
  bAheadM: number,
  aFromM = 0,
): boolean {
  const bAhead = clampAhead(bAheadM);
  const nb = Math.ceil(bAhead / SAMPLE_M) + 1;
  const db = sweeps.of(st, b, nb - 1);
  pose(st, b, st.cols.s[b] + bAhead, _end, 4);
  const c = st.cols;
  return meets(
    st,
    sweeps,
    a,
    aAheadM,
    aFromM,
    db,
    nb,
    c.halfLengthM[b] + BODY_MARGIN_M,
    c.widthM[b] / 2 + BODY_MARGIN_M,
  );
}

/**
 * {@link bodiesMeet} for a body the engine does not drive (an agent): centred at `s` on `lane`,
 * `halfLength` × `halfWidth`, going up to `bAheadM` further along that lane.
 */
export function bodyMeetsLaneSpan(
  st: TrafficState,
  sweeps: Sweeps,
  a: number,
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
  return meets(st, sweeps, a, aAheadM, aFromM, _span, nb, halfLength + BODY_MARGIN_M, halfWidth + BODY_MARGIN_M);
}

/**
 * Whether `a`'s boxes up to `aAheadM` ahead (from `aFromM` on) meet any of b's `nb` poses: the first
 * `nb − 1` in `db`, the last at `_end[4 …]`; b's boxes are `bHalfL` × `bHalfW` (margin included).
 */
function meets(
  st: TrafficState,
  sweeps: Sweeps,
  a: number,
  aAheadM: number,
  aFromM: number,
  db: Float64Array,
  nb: number,
  bHalfL: number,
  bHalfW: number,
): boolean {
  const c = st.cols;
  const aHalfL = c.halfLengthM[a] + BODY_MARGIN_M,
    aHalfW = c.widthM[a] / 2 + BODY_MARGIN_M;
  const aAhead = clampAhead(aAheadM);
  const na = Math.ceil(aAhead / SAMPLE_M) + 1;
  const da = sweeps.of(st, a, na - 1);
  pose(st, a, c.s[a] + aAhead, _end, 0);
  const reachD = Math.hypot(aHalfL, aHalfW) + Math.hypot(bHalfL, bHalfW);
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

/** A box pose at `s` along `lane` alone (bumpers on the centreline) into `out` at `at`. */
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

/** The box pose at arc length `s` along slot `v`'s path into `out` at `at`; returns its front's path index. */
function pose(st: TrafficState, v: number, s: number, out: Float64Array, at: number): number {
  const front = bodyPose(st, v, s, _cp);
  out[at] = _cp.x;
  out[at + 1] = _cp.y;
  out[at + 2] = Math.cos(_cp.headingRad);
  out[at + 3] = Math.sin(_cp.headingRad);
  return front;
}

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
  const cuu = Math.abs(aux * bux + auy * buy);
  const cun = Math.abs(-aux * buy + auy * bux);
  if (Math.abs(dx * aux + dy * auy) > ahl + bhl * cuu + bhw * cun) return false;
  if (Math.abs(-dx * auy + dy * aux) > ahw + bhl * cun + bhw * cuu) return false;
  if (Math.abs(dx * bux + dy * buy) > bhl + ahl * cuu + ahw * cun) return false;
  if (Math.abs(-dx * buy + dy * bux) > bhw + ahl * cun + ahw * cuu) return false;
  return true;
}
