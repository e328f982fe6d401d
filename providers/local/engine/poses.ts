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
import type { TrafficState } from "./TrafficState.js";
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
  lane: LaneData;
  s: number;
}
const _loc: PathPoint = { lane: null as unknown as LaneData, s: 0 };

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
    _loc.lane = idx.lane(prev);
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
  _loc.lane = idx.lane(lane);
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
  const rearLane = _loc.lane,
    rearS = _loc.s;
  const kf = locate(st, v, s + hc);
  frontIndex = kf;
  const frontLane = _loc.lane,
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
  const midLane = _loc.lane,
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
  if (midLane.lengthM > lane.lengthM) ((lane = midLane), (s = midS));
  if (frontLane.lengthM > lane.lengthM) ((lane = frontLane), (s = frontS));
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
  const laneOrd = c.lane[v];
  const lane = st.index.lane(laneOrd);
  const s = c.s[v];
  const cum = lane.cum;
  const seg = c.segLane[v] === laneOrd ? segmentFrom(cum, c.segIndex[v], s) : lane.lane.centreline.segmentAt(s);
  c.segIndex[v] = seg;
  c.segLane[v] = laneOrd;
  pointOnSegment(lane, seg, s, c.t[v], _p);
  const hl = c.halfLengthM[v];
  if (s - hl >= cum[seg] && s + hl <= cum[seg + 1]) {
    c.x[v] = _p.x;
    c.y[v] = _p.y;
    c.headingRad[v] = lane.segHeading[seg] + c.lcAngleRad[v];
    return;
  }
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
