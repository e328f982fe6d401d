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

/**
 * Sampled boxes of one vehicle (x, y, ux, uy per pose) at the fixed arc lengths `(first + k) ·`
 * {@link SAMPLE_M} of its current lane (k = 0 … count − 1; those beyond the lane's end lie along its
 * path), and what they were sampled from. The arc lengths do not move with the vehicle: as it drives
 * on, the samples it has passed are dropped and only the new ones ahead are posed.
 */
class Sweep {
  data = new Float64Array(4 * 16);
  /** Index into `data` (in poses) of the first kept sample. */
  head = 0;
  first = 0;
  count = 0;
  lane = -1;
  prevLane = -1;
  pathLen = 0;
  /** The path lanes after the current one up to the furthest front bumper. */
  path: number[] = [];
  pathUsed = 0;
  /** The pose at the vehicle's own place `s` (x, y, ux, uy), valid while `hereS` is its place. */
  readonly here = new Float64Array(4);
  hereS = NaN;
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

  /**
   * Slot `v`'s poses from where it is to `aheadM` further along its path into `out` (4 numbers each,
   * their arc lengths ahead of it in `at`): the pose where it is, the fixed samples in between, the
   * pose at the end. Returns how many.
   */
  of(st: TrafficState, v: number, aheadM: number, out: Scratch): number {
    let sw = this.bySlot[v];
    if (sw === undefined) sw = this.bySlot[v] = new Sweep();
    const c = st.cols;
    const base = v * PATH_CAPACITY;
    const s = c.s[v];
    let holds = c.lane[v] === sw.lane && c.prevLane[v] === sw.prevLane && c.pathLen[v] === sw.pathLen;
    for (let k = 1; holds && k <= sw.pathUsed; k++) if (c.pathLane[base + k] !== sw.path[k - 1]) holds = false;
    if (!holds) {
      sw.count = 0;
      sw.head = 0;
      sw.lane = c.lane[v];
      sw.prevLane = c.prevLane[v];
      sw.pathLen = c.pathLen[v];
      sw.pathUsed = 0;
      sw.hereS = NaN;
    }
    if (sw.hereS !== s) {
      const front = pose(st, v, s, sw.here, 0);
      this.noteFront(st, sw, v, front);
      sw.hereS = s;
    }
    // The fixed samples strictly between here and the end.
    const lo = Math.floor(s / SAMPLE_M) + 1;
    const hi = Math.ceil((s + aheadM) / SAMPLE_M) - 1;
    if (sw.count > 0 && (lo < sw.first || lo > sw.first + sw.count)) sw.count = 0;
    if (sw.count === 0) {
      sw.head = 0;
      sw.first = lo;
    } else if (lo > sw.first) {
      sw.head += lo - sw.first;
      sw.count -= lo - sw.first;
      sw.first = lo;
    }
    const need = hi - lo + 1;
    if (need > sw.count) {
      if (4 * (sw.head + need) > sw.data.length) {
        const grown = new Float64Array(4 * Math.max(2 * need, 16));
        grown.set(sw.data.subarray(4 * sw.head, 4 * (sw.head + sw.count)));
        sw.data = grown;
        sw.head = 0;
      }
      for (let k = sw.count; k < need; k++) {
        const front = pose(st, v, (sw.first + k) * SAMPLE_M, sw.data, 4 * (sw.head + k));
        this.noteFront(st, sw, v, front);
      }
      sw.count = need;
    }
    const n = (need > 0 ? need : 0) + 2;
    out.reserve(n);
    const d = out.data;
    const here = sw.here;
    d[0] = here[0];
    d[1] = here[1];
    d[2] = here[2];
    d[3] = here[3];
    out.at[0] = 0;
    const src = sw.data;
    for (let k = 0, from = 4 * sw.head; k < 4 * need; k++) d[4 + k] = src[from + k];
    for (let k = 0; k < need; k++) out.at[k + 1] = (lo + k) * SAMPLE_M - s;
    pose(st, v, s + aheadM, d, 4 * (n - 1));
    out.at[n - 1] = aheadM;
    return n;
  }

  /** Keeps the path lanes up to the one a sampled front bumper reached (they must stay for the samples to hold). */
  private noteFront(st: TrafficState, sw: Sweep, v: number, front: number): void {
    const base = v * PATH_CAPACITY;
    for (let j = sw.pathUsed + 1; j <= front; j++) sw.path[j - 1] = st.cols.pathLane[base + j];
    if (front > sw.pathUsed) sw.pathUsed = front;
  }
}

/** Poses of one body for one question (x, y, ux, uy each) and their arc lengths ahead of it (m). */
class Scratch {
  data = new Float64Array(4 * 96);
  at = new Float64Array(96);
  reserve(n: number): void {
    if (this.at.length >= n) return;
    this.data = new Float64Array(8 * n);
    this.at = new Float64Array(2 * n);
  }
}

const _a = new Scratch();
const _b = new Scratch();
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
  const nb = sweeps.of(st, b, clampAhead(bAheadM), _b);
  const c = st.cols;
  return meets(st, sweeps, a, aAheadM, aFromM, nb, c.halfLengthM[b] + BODY_MARGIN_M, c.widthM[b] / 2 + BODY_MARGIN_M);
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
  _b.reserve(nb);
  for (let k = 0; k < nb - 1; k++) lanePose(lane, s + k * SAMPLE_M, halfLength, _b.data, 4 * k);
  lanePose(lane, s + bAhead, halfLength, _b.data, 4 * (nb - 1));
  return meets(st, sweeps, a, aAheadM, aFromM, nb, halfLength + BODY_MARGIN_M, halfWidth + BODY_MARGIN_M);
}

/**
 * Whether `a`'s boxes up to `aAheadM` ahead (from the last sample at or before `aFromM` on) meet any
 * of b's `nb` poses in `_b`; b's boxes are `bHalfL` × `bHalfW` (margin included).
 */
function meets(
  st: TrafficState,
  sweeps: Sweeps,
  a: number,
  aAheadM: number,
  aFromM: number,
  nb: number,
  bHalfL: number,
  bHalfW: number,
): boolean {
  const c = st.cols;
  const aHalfL = c.halfLengthM[a] + BODY_MARGIN_M,
    aHalfW = c.widthM[a] / 2 + BODY_MARGIN_M;
  const na = sweeps.of(st, a, clampAhead(aAheadM), _a);
  const da = _a.data,
    db = _b.data;
  const reachD = Math.hypot(aHalfL, aHalfW) + Math.hypot(bHalfL, bHalfW);
  const reach = reachD * reachD;
  // b's poses' bounding box grown by the reach: a's poses outside it meet none of b's.
  let minX = db[0],
    maxX = db[0],
    minY = db[1],
    maxY = db[1];
  for (let j = 1; j < nb; j++) {
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
  let i0 = 0;
  if (aFromM > 0) while (i0 + 1 < na && _a.at[i0 + 1] <= aFromM) i0++;
  for (let i = i0; i < na; i++) {
    const o = 4 * i;
    const ax = da[o],
      ay = da[o + 1],
      aux = da[o + 2],
      auy = da[o + 3];
    if (ax < minX || ax > maxX || ay < minY || ay > maxY) continue;
    for (let j = 0; j < nb; j++) {
      const q = 4 * j;
      const dx = db[q] - ax,
        dy = db[q + 1] - ay;
      if (dx * dx + dy * dy > reach) continue;
      if (boxesOverlap(dx, dy, aux, auy, aHalfL, aHalfW, db[q + 2], db[q + 3], bHalfL, bHalfW)) return true;
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
