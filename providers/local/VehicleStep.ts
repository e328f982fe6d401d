/**
 * The per-vehicle work of one step, as functions over the {@link TrafficWorld}, in the order the
 * provider calls them (see LocalTrafficProvider.step for why that order):
 * - {@link perceive}: path top-up, leader along the path (and on the lane being left), the braking
 *   needed for slower lanes ahead, and junction registrations (the first contested link ahead within
 *   braking range becomes a decision);
 * - {@link accelerate}: IDM towards the leader, a closed stop line, a dead lane end, where a long
 *   vehicle's swing over its stop line would be met (JunctionArbiter.swingGap); the speed-limit term;
 *   driver imperfection; bounds;
 * - {@link move}: ballistic integration with hard limits (never past the leader's current rear, a
 *   closed stop line, a swing or a dead end), lateral motion, lane transitions along the path, arrival;
 * - {@link updateOccupancy}: the vehicle's occupants follow it (primary, tail, side).
 */
import { ballisticStep, idmAcceleration, idmFreeAcceleration, type BallisticStep } from "./IdmModel.js";
import { QUEUE_MARGIN_M, swingGap, type Registration } from "./JunctionArbiter.js";
import { leaderAlong, leaderBeyondEnd, neighbour } from "./LeaderSearch.js";
import { LANE_END_GAP_M } from "./Mobil.js";
import { PLAN_TOPUP_M } from "./RoutePlanner.js";
import { PathEnd, type TrafficVehicle } from "./TrafficVehicle.js";
import type { TrafficWorld } from "./TrafficWorld.js";

/** Physical braking limit applied to every planned acceleration (m/s²). */
export const EMERGENCY_DECEL_MPS2 = 9;
/** Standstill gap kept to a closed stop line (m). */
export const STOP_LINE_GAP_M = 1;
/** Standstill gap kept to where a long vehicle's swing would be met (m; the swept boxes have a margin of their own). */
const SWING_GAP_M = 0.5;
/** Smallest gap the hard position limit leaves to the leader's current rear (m). */
const HARD_GAP_M = 0.1;
/** A vehicle within this of its stop line, slower than {@link STANDING_MPS}, waits at the line (m). */
const AT_LINE_M = 4;
const STANDING_MPS = 0.3;
/** Most registrations kept per vehicle per step. */
const MAX_REGS = 6;

const _lead = neighbour();
const _lead2 = neighbour();
const _step: BallisticStep = { advanceM: 0, speedMps: 0 };

/** Per-vehicle scratch the phases share within one step (indexed by position in `world.vehicles`). */
export class StepScratch {
  /** Planned acceleration (m/s²). */
  accel = new Float64Array(64);
  /** Second leader (lane being left): gap (m) and speed (m/s). */
  gap2 = new Float64Array(64);
  speed2 = new Float64Array(64);
  /** How far the front may go before meeting a long vehicle's swing over its stop line (m; see swingGap). */
  swing = new Float64Array(64);
  /** The vehicle's registrations this step, MAX_REGS per vehicle, in path order. */
  regs: (Registration | null)[] = [];
  regCount = new Int32Array(64);

  reserve(n: number): void {
    while (this.regs.length < n * MAX_REGS) this.regs.push(null);
    if (this.accel.length >= n) return;
    let cap = this.accel.length;
    while (cap < n) cap *= 2;
    this.accel = new Float64Array(cap);
    this.gap2 = new Float64Array(cap);
    this.speed2 = new Float64Array(cap);
    this.swing = new Float64Array(cap);
    this.regCount = new Int32Array(cap);
  }
}

/** Leader look-ahead: long enough for IDM to react to a standing queue at the vehicle's speed (m). */
function lookahead(v: TrafficVehicle): number {
  const speed = v.speedMps;
  const la = 3 * (speed * v.headwayS + (speed * speed) / (2 * Math.sqrt(v.accelMps2 * v.decelMps2)));
  return la < 100 ? 100 : la > 400 ? 400 : la;
}

/** Perception and junction registration for vehicle `i`. */
export function perceive(w: TrafficWorld, i: number, v: TrafficVehicle, scratch: StepScratch): void {
  v.stopLink = null;
  v.stopDistM = Infinity;
  if (v.pathEnd === PathEnd.Horizon && v.pathDistM - v.s < PLAN_TOPUP_M) w.planner.plan(v, true);
  const leaderLook = lookahead(v);
  const lead = leaderAlong(v, v.s, v.path, v.pathLen, leaderLook, _lead);
  // Arriving within sight of the route's end: a body just beyond it may still hang back over it.
  const toEnd = v.pathDistM - v.s;
  if (v.pathEnd === PathEnd.RouteEnd && toEnd - v.halfLength <= leaderLook)
    leaderBeyondEnd(v, v.path[v.pathLen - 1], toEnd, lead);
  v.leaderGapM = lead.gapM;
  v.leaderSpeedMps = lead.speedMps;
  scratch.gap2[i] = Infinity;
  if (v.lcFrom !== null) {
    // Still partly on the lane it leaves: whoever is ahead there (and on the lanes after it) counts too.
    const n = v.sidePathLen;
    const l2 = leaderAlong(v, v.s + v.sideOffsetM, v.sidePath, n, 100, _lead2);
    scratch.gap2[i] = l2.gapM;
    scratch.speed2[i] = l2.speedMps;
    // A lane that ends (an acceleration lane): not past its end while still mostly on it.
    if (n === 1 && v.sidePathDead && Math.abs(v.t) > 0.5 * v.lcFrom.lane.widthM) {
      const toEnd = v.lcFrom.lengthM - (v.s + v.sideOffsetM) - v.halfLength;
      if (toEnd < scratch.gap2[i]) {
        scratch.gap2[i] = toEnd;
        scratch.speed2[i] = 0;
      }
    }
  }
  // Walk the path: slower lanes ahead, junction links.
  const speed = v.speedMps;
  const hl = v.halfLength;
  const brakeLook = (speed * speed) / (2 * v.decelMps2) + 2 * speed + 10;
  const regLook = Math.max(60, 10 * Math.max(speed, 0.8 * v.desiredSpeed(v.lane)));
  const decideLook = Math.max(30, (speed * speed) / (2 * v.decelMps2) + 3 * speed);
  v.decideLookM = decideLook;
  // Behind a standing leader the vehicle cannot reach a link beyond it before that leader moves: it
  // registers there only once the leader has started (a step later), so that crossing traffic does
  // not yield to — nor wait for — arrivals a queue makes impossible.
  const regLimit = v.leaderSpeedMps < STANDING_MPS ? v.leaderGapM + QUEUE_MARGIN_M : Infinity;
  // Nothing beyond both the braking and the registration range matters (in a queue: a few metres).
  const regReach = regLook < regLimit ? regLook : regLimit;
  const look = brakeLook > regReach ? brakeLook : regReach;
  let limit = Infinity;
  let regs = 0;
  const base = i * MAX_REGS;
  let decided = false;
  // End of the last junction the vehicle is committed to (m from its front; −∞ when none).
  let commitEnd = v.curLink !== null ? 0 : -Infinity;
  v.curReg = null;
  if (v.curLink !== null && v.curLink.contested) {
    v.curReg = scratch.regs[base] = w.arbiter.register(
      v.curLink,
      regInput(v, -(v.sinceLinkM + hl), v.curLink.first.speedLimitMps),
    );
    regs = 1;
  }
  let entry = -v.s; // centre → start of path[k]
  for (let k = 1; k < v.pathLen; k++) {
    entry += v.path[k - 1].lengthM;
    const d = entry - hl;
    if (d > look) break;
    const lane = v.path[k];
    if (d < brakeLook && lane.speedLimitMps * v.speedFactor < speed) {
      const v0 = v.desiredSpeed(lane);
      if (v0 < speed) {
        const a = (v0 * v0 - speed * speed) / (2 * (d > 0.5 ? d : 0.5));
        if (a < limit) limit = a;
      }
    }
    const link = v.pathLinks[k];
    if (link === null || !link.contested || d > regLook || d > regLimit || regs >= MAX_REGS) continue;
    const input = regInput(v, d, link.first.speedLimitMps);
    // Rear still in the junction just left and this link right after it: stopping would block that
    // junction. Through a cluster of junctions too close to stand between, every link of the chain.
    input.committed = d >= 0 && d < commitEnd + v.lengthM + v.minGapM + 1;
    const reg = w.arbiter.register(link, input);
    if (input.committed) commitEnd = d + link.viaLengthM;
    scratch.regs[base + regs++] = reg;
    if (!decided && d >= 0) {
      decided = true; // the first contested link ahead is decided, together with those after it in range
      if (d <= decideLook) w.arbiter.addDecider(reg);
    }
  }
  scratch.regCount[i] = regs;
  v.limitAccelMps2 = limit;
}

/** The registration input of `v` at a link `dFrontM` ahead whose connector's speed limit is `limitMps`. */
function regInput(v: TrafficVehicle, dFrontM: number, limitMps: number) {
  _reg.veh = v;
  _reg.seq = v.seq;
  _reg.dFrontM = dFrontM;
  _reg.speedMps = v.speedMps;
  _reg.accelMps2 = v.accelMps2;
  _reg.crossSpeedMps = Math.min(limitMps * v.speedFactor, v.maxSpeedMps);
  _reg.lengthM = v.lengthM;
  _reg.comfortDecelMps2 = v.decelMps2;
  _reg.maxDecelMps2 = v.maxDecelMps2;
  _reg.waitS = v.waitS;
  _reg.atLine = v.speedMps < STANDING_MPS && dFrontM >= 0 && dFrontM < AT_LINE_M;
  _reg.committed = false;
  return _reg;
}
const _reg = {
  veh: null as TrafficVehicle | null,
  seq: 0,
  dFrontM: 0,
  speedMps: 0,
  accelMps2: 0,
  crossSpeedMps: 0,
  lengthM: 0,
  comfortDecelMps2: 0,
  maxDecelMps2: 0,
  waitS: 0,
  atLine: false,
  committed: false,
};

/**
 * The registrations after `reg` on its vehicle's path that are decided together with it: the further
 * contested links within the vehicle's decision range (it must be able to stop for any of them).
 */
export function groupOf(scratch: StepScratch, reg: Registration, out: Registration[]): number {
  const v = reg.veh!;
  const i = v.stepIndex;
  const base = i * MAX_REGS;
  const n = scratch.regCount[i];
  let k = 0;
  while (k < n && scratch.regs[base + k] !== reg) k++;
  let count = 0;
  for (k++; k < n; k++) {
    const next = scratch.regs[base + k]!;
    if (next.dFrontM > v.decideLookM) break;
    out[count++] = next;
  }
  return count;
}

/** Planned acceleration of vehicle `i`. */
export function accelerate(w: TrafficWorld, i: number, v: TrafficVehicle, scratch: StepScratch): void {
  const speed = v.speedMps;
  const v0 = v.desiredSpeed(v.lane);
  let a =
    v.leaderGapM < Infinity
      ? idmAcceleration(speed, v0, v.leaderGapM, v.leaderSpeedMps, v)
      : idmFreeAcceleration(speed, v0, v);
  const gap2 = scratch.gap2[i];
  if (gap2 < Infinity) {
    const a2 = idmAcceleration(speed, v0, gap2, scratch.speed2[i], v);
    if (a2 < a) a = a2;
  }
  if (v.stopLink !== null) {
    const aStop = idmAcceleration(speed, v0, v.stopDistM, 0, v, STOP_LINE_GAP_M);
    if (aStop < a) a = aStop;
  }
  if (v.pathEnd === PathEnd.Dead) {
    const aEnd = idmAcceleration(speed, v0, v.pathDistM - v.s - v.halfLength, 0, v, LANE_END_GAP_M);
    if (aEnd < a) a = aEnd;
  }
  const swing = (scratch.swing[i] = v.lane.nearOf.length === 0 ? Infinity : swingGap(v, w.tick));
  if (swing < Infinity) {
    const aSwing = idmAcceleration(speed, v0, swing, 0, v, SWING_GAP_M);
    if (aSwing < a) a = aSwing;
  }
  // Slower lanes ahead: brake towards their speed, but never harder than comfortably (overshoot instead).
  const lim = v.limitAccelMps2 > -v.decelMps2 ? v.limitAccelMps2 : -v.decelMps2;
  if (lim < a) a = lim;
  if (v.imperfection > 0) {
    // Dawdling (SUMO's sigma) takes a random share of the acceleration still available on a free
    // road — the free-road margin a_max·(1 − (v/v0)^δ) — so it slows starts and recoveries as
    // Krauss's dawdling does, but does not pull the cruising speed below v0.
    const margin = idmFreeAcceleration(speed, v0, v);
    if (margin > 0) a -= v.imperfection * margin * w.rng.next();
  }
  if (a < -EMERGENCY_DECEL_MPS2) a = -EMERGENCY_DECEL_MPS2;
  else if (a > v.accelMps2) a = v.accelMps2;
  scratch.accel[i] = a;
}

/**
 * Moves vehicle `i` by one step. Returns true when it arrived (the caller removes it).
 */
export function move(w: TrafficWorld, i: number, v: TrafficVehicle, scratch: StepScratch): boolean {
  const dt = w.dtS;
  const hl = v.halfLength;
  ballisticStep(v.speedMps, scratch.accel[i], dt, _step);
  let advance = _step.advanceM;
  let speed = _step.speedMps;
  let maxAdvance = v.leaderGapM - HARD_GAP_M;
  const gap2 = scratch.gap2[i] - HARD_GAP_M;
  if (gap2 < maxAdvance) maxAdvance = gap2;
  if (v.stopLink !== null && v.stopDistM < maxAdvance) maxAdvance = v.stopDistM;
  if (scratch.swing[i] < maxAdvance) maxAdvance = scratch.swing[i];
  if (v.pathEnd === PathEnd.Dead) {
    const toEnd = v.pathDistM - v.s - hl;
    if (toEnd < maxAdvance) maxAdvance = toEnd;
  }
  if (maxAdvance < 0) maxAdvance = 0;
  if (advance > maxAdvance) {
    advance = maxAdvance;
    if (speed > maxAdvance / dt) speed = maxAdvance / dt;
  }
  v.lastAccelMps2 = (speed - v.speedMps) / dt;
  v.speedMps = speed;
  v.s += advance;
  if (v.curLink !== null) {
    v.sinceLinkM += advance;
    if (v.sinceLinkM - hl >= v.curLink.viaLengthM) v.curLink = null;
  }
  if (v.stopLink !== null && speed < STANDING_MPS) v.waitS += dt;
  w.changer.advanceLateral(v, advance, dt);
  // Lane transitions along the path.
  while (v.s >= v.lane.lengthM) {
    if (v.pathLen <= 1) {
      if (v.pathEnd === PathEnd.RouteEnd) return true;
      v.s = v.lane.lengthM; // a dead end reached exactly: stay at its end
      break;
    }
    const old = v.lane;
    v.s -= old.lengthM;
    const path = v.path;
    const links = v.pathLinks;
    for (let k = 1; k < v.pathLen; k++) {
      path[k - 1] = path[k];
      links[k - 1] = links[k];
    }
    v.pathLen--;
    links[v.pathLen] = null;
    v.pathDistM -= old.lengthM;
    v.lane = path[0];
    v.prevLane = old;
    old.occupants.remove(v.occ);
    v.occ.s = v.s;
    v.lane.occupants.insert(v.occ);
    if (v.lcFrom !== null) {
      v.lcFrom = null;
      v.sideOcc.list?.remove(v.sideOcc);
    }
    const link = links[0];
    links[0] = null;
    if (link !== null) {
      v.curLink = link;
      v.sinceLinkM = v.s;
      v.waitS = 0;
    }
    if (!v.lane.internal) {
      v.routeIndex++;
      w.planner.trimRoute(v);
      w.planner.plan(v, true);
      w.planner.updateStrategy(v);
    }
  }
  // Arrival: the front passes the arrival offset on the route's last road (endless routes: a dead end).
  if (!v.lane.internal && v.routeIndex >= v.route.length - 1 && (!v.endless || v.pathEnd === PathEnd.RouteEnd)) {
    const at = v.arrivalS < v.lane.lengthM ? v.arrivalS : v.lane.lengthM;
    if (v.s + hl >= at - 1e-9) return true;
  }
  return false;
}

/** Moves vehicle `v`'s occupants to its new position (lists are re-sorted afterwards). */
export function updateOccupancy(v: TrafficVehicle): void {
  v.occ.s = v.s;
  v.occ.speedMps = v.speedMps;
  const tail = v.tailOcc;
  if (v.prevLane !== null && v.s < v.halfLength) {
    const list = v.prevLane.occupants;
    tail.s = v.prevLane.lengthM + v.s;
    tail.speedMps = v.speedMps;
    if (tail.list !== list) {
      tail.list?.remove(tail);
      list.insert(tail);
    }
  } else if (tail.list !== null) {
    tail.list.remove(tail);
  }
  if (v.lcFrom !== null) {
    v.sideOcc.s = v.s + v.sideOffsetM;
    v.sideOcc.speedMps = v.speedMps;
  }
}

/** Sorts the lists vehicle `v` is in, once per tick each. */
export function sortListsOf(v: TrafficVehicle, tick: number): void {
  const a = v.occ.list;
  if (a !== null && a.sortedAt !== tick) {
    a.sortedAt = tick;
    a.sort();
  }
  const b = v.tailOcc.list;
  if (b !== null && b.sortedAt !== tick) {
    b.sortedAt = tick;
    b.sort();
  }
  const c = v.sideOcc.list;
  if (c !== null && c.sortedAt !== tick) {
    c.sortedAt = tick;
    c.sort();
  }
}
