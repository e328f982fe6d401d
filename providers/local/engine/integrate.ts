/**
 * Step phase *accelerate and move* (parallel: each vehicle reads what it perceived and writes only its
 * own slot).
 *
 * The acceleration is the least of: IDM behind the leader (or the free road); IDM behind the leader on
 * the lane a lane change leaves; IDM towards a closed stop line (1 m standstill gap), a dead path end,
 * or where a long vehicle's swing over its stop line would be met; the braking towards a slower lane
 * ahead (at most the comfortable deceleration). Driver imperfection σ (SUMO's sigma) takes a random
 * share of the free-road margin a_max·(1 − (v/v0)⁴) — it slows starts and recoveries as Krauss's
 * dawdling does without pulling the cruising speed below v0. The random numbers are a hash of the
 * engine's key, the tick and the vehicle's sequence number: the same whichever thread draws them.
 *
 * Movement is ballistic (v' = max(0, v + a·dt), s' = s + v·dt + ½·a·dt²; a vehicle stopping within the
 * step travels v²/2|a|), never past the leader's rear as perceived, the current leader on its lane (a
 * lane change may have put one there), a closed stop line, a swing or a dead end. Lane transitions
 * (`s` past the lane's end) are left to the commit phase.
 */
import { ballisticStep, idmAccelerationOf, idmFreeAccelerationOf, type BallisticStep } from "../IdmModel.js";
import type { TrafficState } from "./TrafficState.js";
import { PathEnd } from "./VehicleColumns.js";
import { STANDING_MPS } from "./perceive.js";

/** Physical braking limit applied to every planned acceleration (m/s²). */
export const EMERGENCY_DECEL_MPS2 = 9;
/** Standstill gap kept to a closed stop line (m). */
export const STOP_LINE_GAP_M = 1;
/** Standstill gap kept to a dead lane end (m). */
export const LANE_END_GAP_M = 1;
/** Standstill gap kept to where a long vehicle's swing would be met (m). */
const SWING_GAP_M = 0.5;
/** Smallest gap the hard position limit leaves to the leader's rear (m). */
const HARD_GAP_M = 0.1;
/** Lateral motion progresses at least as if the vehicle moved this fast, so a standing vehicle finishes its change (m/s). */
const LC_CREEP_MPS = 1;
/** Largest heading deviation a lateral motion shows (rad). */
const MAX_LC_ANGLE_RAD = 0.35;
/**
 * How far a body turned by a lateral motion may swing its far end out towards the lane on its other
 * side (m): a long body turns less, so its tail never reaches the lane it is not changing to.
 */
const LC_SWING_M = 0.5;

const _step: BallisticStep = { advanceM: 0, speedMps: 0 };
/** Obstacles of one vehicle: gap (m), speed (m/s) and standstill gap (m) each. */
const _obstacles = new Float64Array(15);

/** A uniform number in [0, 1) from the engine's noise key, the tick and a sequence number (murmur3 finaliser). */
export function noise(key0: number, key1: number, tick: number, seq: number): number {
  let h = key0 ^ Math.imul(tick, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.imul(seq | 0, 0xc2b2ae35) ^ key1;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= Math.imul(Math.floor(seq / 4294967296), 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Accelerates and moves `order[from … to − 1]`. */
export function integrate(st: TrafficState, tick: number, from: number, to: number): void {
  const order = st.order;
  for (let i = from; i < to; i++) integrateOne(st, tick, order[i]);
}

function integrateOne(st: TrafficState, tick: number, v: number): void {
  const c = st.cols;
  const dt = st.dtS;
  const speed = c.speedMps[v];
  const T = c.headwayS[v],
    s0 = c.minGapM[v],
    am = c.accelMps2[v],
    b = c.decelMps2[v],
    root = c.idmRootMps2[v];
  const lane = c.lane[v];
  const v0 = st.desiredSpeed(v, lane);
  const hl = c.halfLengthM[v];
  const s = c.s[v];
  const leaderGap = c.leaderGapM[v];
  // Standing in a queue behind a standing leader at the standstill gap: nothing to compute.
  if (speed === 0 && leaderGap <= s0 && c.leaderSpeedMps[v] === 0 && c.lcProgress[v] >= 1) {
    c.accelPlanMps2[v] = 0;
    c.lastAccelMps2[v] = 0;
    if (c.stopLink[v] >= 0) c.waitS[v] += dt;
    return;
  }
  const free = idmFreeAccelerationOf(speed, v0, am, b);
  // IDM towards each obstacle — the leader, the leader on the lane a change leaves, a closed stop
  // line, a dead path end, a long body's swing — the least of them. The obstacles are gathered first
  // and IDM is called from one place: five call sites exceed V8's inlining budget, and every call
  // not inlined boxes its nine numbers on the heap (most of the engine's garbage).
  const obst = _obstacles;
  let n = 0;
  const leaderFirst = leaderGap < Infinity;
  if (leaderFirst) {
    obst[n] = leaderGap;
    obst[n + 1] = c.leaderSpeedMps[v];
    obst[n + 2] = s0;
    n += 3;
  }
  const gap2 = c.gap2M[v];
  if (gap2 < Infinity) {
    obst[n] = gap2;
    obst[n + 1] = c.speed2Mps[v];
    obst[n + 2] = s0;
    n += 3;
  }
  const stopDist = c.stopDistM[v];
  if (c.stopLink[v] >= 0) {
    obst[n] = stopDist;
    obst[n + 1] = 0;
    obst[n + 2] = STOP_LINE_GAP_M;
    n += 3;
  }
  const dead = c.pathEnd[v] === PathEnd.Dead;
  const toEnd = c.pathDistM[v] - s - hl;
  if (dead) {
    obst[n] = toEnd;
    obst[n + 1] = 0;
    obst[n + 2] = LANE_END_GAP_M;
    n += 3;
  }
  const swing = c.swingGapM[v];
  if (swing < Infinity) {
    obst[n] = swing;
    obst[n + 1] = 0;
    obst[n + 2] = SWING_GAP_M;
    n += 3;
  }
  let a = free;
  for (let k = 0; k < n; k += 3) {
    const ak = idmAccelerationOf(speed, v0, obst[k], obst[k + 1], T, obst[k + 2], am, b, root);
    // Behind a leader IDM replaces the free-road value; the other obstacles can only lower it.
    if ((k === 0 && leaderFirst) || ak < a) a = ak;
  }
  // Slower lanes ahead: brake towards their speed, but never harder than comfortably (overshoot instead).
  const lim = c.limitAccelMps2[v] > -b ? c.limitAccelMps2[v] : -b;
  if (lim < a) a = lim;
  const sigma = c.imperfection[v];
  // Dawdling takes a random share of the free-road margin.
  if (sigma > 0 && free > 0) a -= sigma * free * noise(st.noiseKey0, st.noiseKey1, tick, c.seq[v]);
  if (a < -EMERGENCY_DECEL_MPS2) a = -EMERGENCY_DECEL_MPS2;
  else if (a > am) a = am;
  c.accelPlanMps2[v] = a;

  // Move.
  ballisticStep(speed, a, dt, _step);
  let advance = _step.advanceM;
  let next = _step.speedMps;
  let maxAdvance = leaderGap - HARD_GAP_M;
  const g2 = gap2 - HARD_GAP_M;
  if (g2 < maxAdvance) maxAdvance = g2;
  if (c.stopLink[v] >= 0 && stopDist < maxAdvance) maxAdvance = stopDist;
  if (swing < maxAdvance) maxAdvance = swing;
  if (dead && toEnd < maxAdvance) maxAdvance = toEnd;
  // Whoever is right ahead on the lane now (a lane change this step may have put someone there).
  const ahead = st.lists.occNext[3 * v];
  if (ahead >= 0) {
    const w = (ahead / 3) | 0;
    const gap = st.lists.occS[ahead] - c.halfLengthM[w] - s - hl - HARD_GAP_M;
    if (gap < maxAdvance) maxAdvance = gap;
  }
  if (maxAdvance < 0) maxAdvance = 0;
  if (advance > maxAdvance) {
    advance = maxAdvance;
    if (next > maxAdvance / dt) next = maxAdvance / dt;
  }
  c.lastAccelMps2[v] = (next - speed) / dt;
  c.speedMps[v] = next;
  if (advance > 0) {
    c.s[v] = s + advance;
    c.poseDirty[v] = 1;
  }
  const cur = c.curLink[v];
  if (cur >= 0) {
    const since = c.sinceLinkM[v] + advance;
    c.sinceLinkM[v] = since;
    if (since - hl >= st.index.linkViaLength[cur]) c.curLink[v] = -1;
  }
  if (c.stopLink[v] >= 0 && next < STANDING_MPS) c.waitS[v] += dt;
  if (c.lcProgress[v] < 1) advanceLateral(st, v, advance, dt);
}

/**
 * Advances slot `v`'s lateral motion after it travelled `advanceM`: the offset follows a smoothstep
 * over the lane-change distance (a standing vehicle creeps sideways as if at {@link LC_CREEP_MPS}).
 * Finished, it stays marked on its old lane until the commit phase takes it off there.
 */
function advanceLateral(st: TrafficState, v: number, advanceM: number, dtS: number): void {
  const c = st.cols;
  const creep = LC_CREEP_MPS * dtS;
  const moved = advanceM > creep ? advanceM : creep;
  const lane = c.lane[v];
  const progress = c.lcProgress[v];
  if (st.index.laneInternal[lane] === 0) {
    // Finish on this lane: the rest of the motion is compressed into the room to its end, so that no
    // vehicle enters a junction off its connector's centreline (conflict zones assume that).
    const left = st.index.laneLength[lane] - c.s[v] + advanceM;
    if ((1 - progress) * c.lcDistM[v] > left) c.lcDistM[v] = (left > moved ? left : moved) / (1 - progress);
  }
  const dist = c.lcDistM[v];
  const p = Math.min(1, progress + moved / dist);
  c.lcProgress[v] = p;
  c.poseDirty[v] = 1;
  if (p >= 1) {
    c.t[v] = 0;
    c.lcAngleRad[v] = 0;
    return;
  }
  const t0 = c.lcT0[v];
  c.t[v] = t0 * (1 - p * p * (3 - 2 * p));
  let angle = Math.atan((-t0 * 6 * p * (1 - p)) / dist);
  const max = maxLateralAngle(c.halfLengthM[v]);
  if (angle > max) angle = max;
  else if (angle < -max) angle = -max;
  c.lcAngleRad[v] = angle;
}

/** Largest heading deviation a lateral motion shows for a body `halfLengthM` long each way (rad). */
export function maxLateralAngle(halfLengthM: number): number {
  const a = halfLengthM > LC_SWING_M ? Math.asin(LC_SWING_M / halfLengthM) : MAX_LC_ANGLE_RAD;
  return a < MAX_LC_ANGLE_RAD ? a : MAX_LC_ANGLE_RAD;
}
