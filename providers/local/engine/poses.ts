/**
 * Where a vehicle's body is in the world, from its lane coordinates: the box's **bumpers on the path**
 * — the rear on the centreline path half a length behind `s` (back onto the previous lane), the front
 * half a length ahead (into the planned lanes); the box is the one between them, heading along that
 * chord, centre in its middle — shifted sideways by `t`, plus the lane-change angle. On a straight
 * stretch that is the point at `s`; round a bend or a sharp polyline corner the body cuts the inside,
 * as a long vehicle's does (centred on the path, a bus at a 95° corner stuck out 2.5 m over the
 * oncoming lane). Where a fold (LaneData.foldM) lies under the body the chord means nothing: the
 * centre stays at `s`, the heading is that of a {@link FOLD_CHORD_M} chord, or the road's where even
 * that chord folds.
 *
 * Pure functions of the state (parallel-safe); answers go into per-thread scratch objects.
 */
import type { LaneData } from "../LocalNetwork.js";
import { GEO_STRIDE, type TrafficState } from "./TrafficState.js";
import { PATH_CAPACITY } from "./VehicleColumns.js";

/** Near a fold the body keeps to the pose of a chord this long either side of `s` (m). */
export const FOLD_CHORD_M = 2;

/** A body pose: centre, heading, and the centreline point at `s` it belongs to (offsets apply to it). */
export interface ChordPose {
  x: number;
  y: number;
  headingRad: number;
  cx: number;
  cy: number;
}

/** A fresh pose object (allocate once per thread). */
export function chordPoseScratch(): ChordPose {
  return { x: 0, y: 0, headingRad: 0, cx: 0, cy: 0 };
}

/**
 * World point of lane coordinates (s, t) into `out` (extrapolates beyond the lane's ends); returns
 * the centreline segment index.
 */
export function pointOn(lane: LaneData, s: number, t: number, out: { x: number; y: number }): number {
  return pointOnSegment(lane, lane.lane.centreline.segmentAt(s), s, t, out);
}

/**
 * The segment `Polyline.segmentAt(s)` gives, searched from segment `i` (a vehicle's last one: it has
 * moved a little since, so the answer is found in a step or two).
 */
export function segmentFrom(cum: Float64Array, i: number, s: number): number {
  const last = cum.length - 2;
  if (s <= cum[1]) return 0;
  if (s >= cum[last]) return last;
  if (i < 1) i = 1;
  else if (i > last - 1) i = last - 1;
  while (cum[i + 1] <= s) i++;
  while (cum[i] > s) i--;
  return i;
}

/** `Polyline.segmentAt` on lane geometry in {@link NetIndex.laneGeo} (from `g`; `last`: its last segment). */
function geoSegmentAt(geo: Float64Array, g: number, last: number, s: number): number {
  let lo = 0;
  let hi = last;
  if (s <= geo[g + GEO_STRIDE + 2]) return 0;
  if (s >= geo[g + GEO_STRIDE * hi + 2]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (geo[g + GEO_STRIDE * mid + 2] <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** {@link pointOn} on a known centreline segment `i`. */
function pointOnSegment(lane: LaneData, i: number, s: number, t: number, out: { x: number; y: number }): number {
  const xs = lane.xs,
    ys = lane.ys,
    cum = lane.cum;
  const x0 = xs[i];
  const y0 = ys[i];
  const len = cum[i + 1] - cum[i];
  const ux = len > 0 ? (xs[i + 1] - x0) / len : 1;
  const uy = len > 0 ? (ys[i + 1] - y0) / len : 0;
  const u = s - cum[i];
  out.x = x0 + ux * u - uy * t;
  out.y = y0 + uy * u + ux * t;
  return i;
}

/** Where an arc length lies on a vehicle's path: the lane and the arc length on it. */
interface PathPoint {
  /** The lane's index in the traffic state's lane index. */
  lane: number;
  s: number;
}
const _loc: PathPoint = { lane: 0, s: 0 };

/**
 * Where arc length `s` (measured on slot `v`'s current lane) lies on its path, into {@link _loc}:
 * back onto the previous lane below 0, along the planned lanes beyond the lane's end (extrapolated
 * past either end of what there is). Returns the path index (−1: the previous lane).
 */
function locate(st: TrafficState, v: number, s: number): number {
  const c = st.cols;
  const idx = st.index;
  const prev = c.prevLane[v];
  if (s < 0 && prev >= 0) {
    _loc.lane = prev;
    _loc.s = s + idx.laneLength[prev];
    return -1;
  }
  const base = v * PATH_CAPACITY;
  const n = c.pathLen[v];
  let lane = c.lane[v];
  let k = 0;
  while (s > idx.laneLength[lane] && k + 1 < n) {
    s -= idx.laneLength[lane];
    lane = c.pathLane[base + ++k];
  }
  _loc.lane = lane;
  _loc.s = s;
  return k;
}

const _f = { x: 0, y: 0 };
const _r = { x: 0, y: 0 };
/** The path index of the front end of the last {@link chordPose}'s chord. */
let frontIndex = 0;

/**
 * The pose of slot `v`'s body centred at `s` along its path (`s` on its current lane), from the chord
 * between the path points `hc` behind and ahead, into `out`:
 * - `middle`: bumpers on the path — centre in the chord's middle, heading along it; returns false
 *   (writing nothing) where that cannot be trusted: a fold under the body, or a chord shorter than `hc`;
 * - otherwise: centre on the centreline at `s`, heading along the chord, or where the chord folds the
 *   road's ({@link foldedHeading}).
 */
export function chordPose(
  st: TrafficState,
  v: number,
  s: number,
  hc: number,
  middle: boolean,
  out: ChordPose,
): boolean {
  const c = st.cols;
  const kr = locate(st, v, s - hc);
  const rearLane = st.index.lane(_loc.lane),
    rearS = _loc.s;
  const kf = locate(st, v, s + hc);
  frontIndex = kf;
  const frontLane = st.index.lane(_loc.lane),
    frontS = _loc.s;
  if (middle) {
    if (kr < 0 && rearLane.foldM > 0) return false;
    const base = v * PATH_CAPACITY;
    for (let k = kr < 0 ? 0 : kr; k <= kf; k++) if (st.index.laneFold[c.pathLane[base + k]] > 0) return false;
  }
  pointOn(frontLane, frontS, 0, _f);
  pointOn(rearLane, rearS, 0, _r);
  const fx = _f.x,
    fy = _f.y;
  const dx = fx - _r.x,
    dy = fy - _r.y;
  const folded = dx * dx + dy * dy < hc * hc;
  if (middle && folded) return false;
  locate(st, v, s);
  const midLane = st.index.lane(_loc.lane),
    midS = _loc.s;
  pointOn(midLane, midS, 0, _f);
  out.cx = _f.x;
  out.cy = _f.y;
  if (middle) {
    out.x = 0.5 * (fx + _r.x);
    out.y = 0.5 * (fy + _r.y);
    out.headingRad = Math.atan2(dy, dx);
  } else {
    out.x = _f.x;
    out.y = _f.y;
    out.headingRad = folded ? foldedHeading(rearLane, rearS, midLane, midS, frontLane, frontS) : Math.atan2(dy, dx);
  }
  return true;
}

/**
 * The pose of slot `v`'s body centred at `s` along its path, as reported but for the sideways offset
 * and the lane-change angle: bumpers on the path, or near a fold the pose of {@link FOLD_CHORD_M}.
 * Returns the path index of the lane the front bumper is on.
 */
export function bodyPose(st: TrafficState, v: number, s: number, out: ChordPose): number {
  const hl = st.cols.halfLengthM[v];
  if (chordPose(st, v, s, hl, true, out)) return frontIndex;
  const front = frontIndex;
  chordPose(st, v, s, hl < FOLD_CHORD_M ? hl : FOLD_CHORD_M, false, out);
  return front;
}

/**
 * The heading of a body whose chord folds (its two ends, `2·hc` apart along the path, nearer than
 * `hc`): the direction of the longest of the lanes the chord touches, at the point it touches.
 */
export function foldedHeading(
  rearLane: LaneData,
  rearS: number,
  midLane: LaneData,
  midS: number,
  frontLane: LaneData,
  frontS: number,
): number {
  let lane = rearLane,
    s = rearS;
  if (midLane.lengthM > lane.lengthM) {
    lane = midLane;
    s = midS;
  }
  if (frontLane.lengthM > lane.lengthM) {
    lane = frontLane;
    s = frontS;
  }
  return lane.segHeading[lane.lane.centreline.segmentAt(s < 0 ? 0 : s > lane.lengthM ? lane.lengthM : s)];
}

const _p = { x: 0, y: 0 };
const _pose = chordPoseScratch();

/**
 * Writes slot `v`'s reported pose (x, y, heading columns) from its lane coordinates. The usual case —
 * the whole body on one centreline segment — is the point at (s, t) with the segment's heading.
 */
export function writePose(st: TrafficState, v: number): void {
  const c = st.cols;
  const idx = st.index;
  const laneOrd = c.lane[v];
  const s = c.s[v];
  // The lane's centreline from the flat copy (NetIndex.laneGeo): point i at g + GEO_STRIDE·i.
  const geo = idx.laneGeo;
  const g = idx.laneGeoStart[laneOrd];
  const last = (idx.laneGeoStart[laneOrd + 1] - g) / GEO_STRIDE - 2; // the last segment
  let seg: number;
  if (c.segLane[v] !== laneOrd) seg = geoSegmentAt(geo, g, last, s);
  else if (s <= geo[g + GEO_STRIDE + 2]) seg = 0;
  else if (s >= geo[g + GEO_STRIDE * last + 2]) seg = last;
  else {
    // segmentFrom, written out: the vehicle's last segment or one a step or two ahead.
    seg = c.segIndex[v];
    if (seg < 1) seg = 1;
    else if (seg > last - 1) seg = last - 1;
    while (geo[g + GEO_STRIDE * (seg + 1) + 2] <= s) seg++;
    while (geo[g + GEO_STRIDE * seg + 2] > s) seg--;
  }
  c.segIndex[v] = seg;
  c.segLane[v] = laneOrd;
  // pointOnSegment, on the flat copy: the same arithmetic.
  const at = g + GEO_STRIDE * seg;
  const x0 = geo[at],
    y0 = geo[at + 1],
    c0 = geo[at + 2],
    c1 = geo[at + GEO_STRIDE + 2];
  const len = c1 - c0;
  const ux = len > 0 ? (geo[at + GEO_STRIDE] - x0) / len : 1;
  const uy = len > 0 ? (geo[at + GEO_STRIDE + 1] - y0) / len : 0;
  const u = s - c0;
  const t = c.t[v];
  const px = x0 + ux * u - uy * t;
  const py = y0 + uy * u + ux * t;
  const hl = c.halfLengthM[v];
  if (s - hl >= c0 && s + hl <= c1) {
    c.x[v] = px;
    c.y[v] = py;
    c.headingRad[v] = geo[at + 3] + c.lcAngleRad[v];
    return;
  }
  _p.x = px;
  _p.y = py;
  bodyPose(st, v, s, _pose);
  c.x[v] = _pose.x + (_p.x - _pose.cx);
  c.y[v] = _pose.y + (_p.y - _pose.cy);
  c.headingRad[v] = _pose.headingRad + c.lcAngleRad[v];
}

/** Writes the poses of `order[from … to − 1]` whose pose is out of date (parallel-safe). */
export function publishPoses(st: TrafficState, from: number, to: number): void {
  const order = st.order;
  const dirty = st.cols.poseDirty;
  for (let i = from; i < to; i++) {
    const v = order[i];
    if (dirty[v] === 0) continue;
    dirty[v] = 0;
    writePose(st, v);
  }
}
