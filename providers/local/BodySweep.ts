/**
 * Exact body test for the one claim whose window has no end: a vehicle standing inside a junction.
 * Conflict zones are conservative (connector centrelines, the widest vehicle, the longest corner
 * swing), which is right for windows in time — but a vehicle standing in a zone for ever would then
 * close the foe link for ever, and in clusters of junctions it often stands there because it waits for
 * the very vehicle it holds up (two opposite lanes passing close, a queue through two junctions).
 * Instead, the arbiter asks whether the two bodies can actually touch: the boxes of the one vehicle
 * along its path until its rear has left the zone, against the boxes of the standing one along its
 * own path until it has left the zone (it may start while the other is still passing). Boxes are the
 * reported ones (centre on the centreline, heading along a chord of the path), enlarged by a margin.
 */
import type { LaneData } from "./LocalNetwork.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";

/** Added to every box's half width and half length (m). */
export const BODY_MARGIN_M = 0.3;
/** Spacing of the sampled poses along a path (m). */
const SAMPLE_M = 0.5;
/** Longest stretch sampled ahead of a vehicle (m). */
const MAX_SWEEP_M = 40;
/** Half the chord a sampled heading is taken along (m), as the reported heading. */
const CHORD_M = 2;

/** Sampled boxes: centre x, y, heading unit vector (ux, uy), four numbers per pose. */
class Sweep {
  data = new Float64Array(4 * 128);
  count = 0;
  halfL = 0;
  halfW = 0;
}

const _a = new Sweep();
const _b = new Sweep();
const _p = { x: 0, y: 0 };
const _q = { x: 0, y: 0 };

/**
 * Whether vehicle `a`, driving up to `aAheadM` further along its path, and vehicle `b`, driving up to
 * `bAheadM` along its own, can touch (boxes enlarged by {@link BODY_MARGIN_M}).
 */
export function bodiesMeet(a: TrafficVehicle, aAheadM: number, b: TrafficVehicle, bAheadM: number): boolean {
  sweep(a, aAheadM, _a);
  sweep(b, bAheadM, _b);
  const ra = Math.hypot(_a.halfL, _a.halfW);
  const rb = Math.hypot(_b.halfL, _b.halfW);
  const reach = (ra + rb) * (ra + rb);
  const da = _a.data;
  const db = _b.data;
  for (let i = 0; i < _a.count; i++) {
    const ax = da[4 * i], ay = da[4 * i + 1], aux = da[4 * i + 2], auy = da[4 * i + 3];
    for (let j = 0; j < _b.count; j++) {
      const dx = db[4 * j] - ax, dy = db[4 * j + 1] - ay;
      if (dx * dx + dy * dy > reach) continue;
      if (boxesOverlap(dx, dy, aux, auy, _a.halfL, _a.halfW, db[4 * j + 2], db[4 * j + 3], _b.halfL, _b.halfW)) return true;
    }
  }
  return false;
}

/** Samples `v`'s boxes from where it is to `aheadM` along its path. */
function sweep(v: TrafficVehicle, aheadM: number, out: Sweep): void {
  out.halfL = v.halfLength + BODY_MARGIN_M;
  out.halfW = v.widthM / 2 + BODY_MARGIN_M;
  const ahead = aheadM < 0 ? 0 : aheadM > MAX_SWEEP_M ? MAX_SWEEP_M : aheadM;
  const n = Math.ceil(ahead / SAMPLE_M) + 1;
  if (out.data.length < 4 * n) out.data = new Float64Array(4 * n);
  const hc = v.halfLength < CHORD_M ? v.halfLength : CHORD_M;
  for (let k = 0; k < n; k++) {
    const s = v.s + (k === n - 1 ? ahead : k * SAMPLE_M);
    pathPoint(v, s, _p);
    const cx = _p.x, cy = _p.y;
    pathPoint(v, s + hc, _p);
    pathPoint(v, s - hc, _q);
    let ux = _p.x - _q.x, uy = _p.y - _q.y;
    const len = Math.hypot(ux, uy);
    if (len > 1e-9) {
      ux /= len;
      uy /= len;
    } else {
      ux = 1;
      uy = 0;
    }
    out.data[4 * k] = cx;
    out.data[4 * k + 1] = cy;
    out.data[4 * k + 2] = ux;
    out.data[4 * k + 3] = uy;
  }
  out.count = n;
}

/** World point at arc length `s` along `v`'s path (measured on its current lane; back onto the previous lane, beyond the ends extrapolated). */
function pathPoint(v: TrafficVehicle, s: number, out: { x: number; y: number }): void {
  let lane: LaneData = v.lane;
  if (s < 0 && v.prevLane !== null) {
    lane = v.prevLane;
    s += lane.lengthM;
  } else {
    for (let k = 1; s > lane.lengthM && k < v.pathLen; k++) {
      s -= lane.lengthM;
      lane = v.path[k];
    }
  }
  const c = lane.lane.centreline;
  const i = c.segmentAt(s);
  const x0 = c.xs[i];
  const y0 = c.ys[i];
  const len = c.cum[i + 1] - c.cum[i];
  const ux = len > 0 ? (c.xs[i + 1] - x0) / len : 1;
  const uy = len > 0 ? (c.ys[i + 1] - y0) / len : 0;
  const u = s - c.cum[i];
  out.x = x0 + ux * u;
  out.y = y0 + uy * u;
}

/** Separating-axis test of two boxes; (dx, dy) is the second centre relative to the first. */
function boxesOverlap(dx: number, dy: number, aux: number, auy: number, ahl: number, ahw: number, bux: number, buy: number, bhl: number, bhw: number): boolean {
  // Axes of a: u (along), n = (−uy, ux) (across); of b likewise.
  const cuu = Math.abs(aux * bux + auy * buy); // |ua·ub| = |na·nb|
  const cun = Math.abs(-aux * buy + auy * bux); // |ua·nb| = |na·ub|
  if (Math.abs(dx * aux + dy * auy) > ahl + bhl * cuu + bhw * cun) return false;
  if (Math.abs(-dx * auy + dy * aux) > ahw + bhl * cun + bhw * cuu) return false;
  if (Math.abs(dx * bux + dy * buy) > bhl + ahl * cuu + ahw * cun) return false;
  if (Math.abs(-dx * buy + dy * bux) > bhw + ahl * cun + ahw * cuu) return false;
  return true;
}
