/**
 * Step phase *perceive* (parallel: each vehicle reads the state at the start of the step and writes
 * only its own slot): the leader along the vehicle's planned path (and on the lane a lane change
 * leaves), the braking needed for slower lanes and bends ahead (bends.ts), and its junction registrations — the contested
 * links on its path within max(60 m, 10 s of driving) and the link it is crossing, the first one
 * ahead within braking range marked as the one to decide this step.
 *
 * Behind a standing leader a vehicle cannot reach a link beyond it before that leader moves: it
 * registers there only once the leader has started (a step later), so crossing traffic neither yields
 * to nor waits for arrivals a queue makes impossible — and a queue costs almost nothing to perceive.
 */
import { idmAccelerationOf } from "../IdmModel.js";
import { bendBraking } from "./bends.js";
import { found, leaderAlong, leaderBeyondEnd, type Found } from "./leaders.js";
import type { TrafficState } from "./TrafficState.js";
import { MAX_REGS, PATH_CAPACITY, PathEnd, SIDE_PATH_CAPACITY, SlotKind } from "./VehicleColumns.js";

/** A vehicle slower than this counts as standing (m/s). */
export const STANDING_MPS = 0.3;
/** How far beyond a standing leader's rear a standing vehicle still registers (m). */
export const QUEUE_MARGIN_M = 1;
/** `regFlags` bit: stopping at this link would block the junction just left (its rear is still in it). */
export const REG_COMMITTED = 1;

/** Leader look-ahead: long enough for IDM to react to a standing queue at the vehicle's speed (m). */
function lookahead(st: TrafficState, v: number): number {
  const c = st.cols;
  const speed = c.speedMps[v];
  const la = 3 * (speed * c.headwayS[v] + (speed * speed) / (2 * Math.sqrt(c.accelMps2[v] * c.decelMps2[v])));
  return la < 100 ? 100 : la > 400 ? 400 : la;
}

/** Per-thread answers of leader queries. */
const _lead = found();
const _lead2 = found();

/** Perceives for the vehicles `order[from … to − 1]`. */
export function perceive(st: TrafficState, from: number, to: number): void {
  const order = st.order;
  for (let i = from; i < to; i++) perceiveOne(st, order[i]);
}

/**
 * Cooperative lane changing: slot `w`, on a lane beside `v`'s and ahead of it, cannot change in and
 * asked `v` to let it in. Where `v` can brake for it comfortably, `w`'s rear (projected onto `v`'s
 * lane) becomes `v`'s leader, so a gap opens beside `w`.
 */
function letIn(st: TrafficState, v: number, w: number, lead: Found): void {
  const c = st.cols;
  if (c.kind[w] !== SlotKind.Driven) return;
  const lane = st.index.lane(c.lane[v]);
  const other = c.lane[w];
  if ((lane.left === null || lane.left.ordinal !== other) && (lane.right === null || lane.right.ordinal !== other))
    return;
  const len = st.index.laneLength[other];
  const sw = len > 0 ? (c.s[w] * lane.lengthM) / len : c.s[w];
  const gap = sw - c.halfLengthM[w] - c.s[v] - c.halfLengthM[v];
  if (gap <= 0 || gap >= lead.gapM) return;
  const speed = c.speedMps[v];
  const a = idmAccelerationOf(
    speed,
    st.desiredSpeed(v, lane.ordinal),
    gap,
    c.speedMps[w],
    c.headwayS[v],
    c.minGapM[v],
    c.accelMps2[v],
    c.decelMps2[v],
    c.idmRootMps2[v],
  );
  if (a < -c.decelMps2[v]) return;
  lead.occ = 3 * w;
  lead.gapM = gap;
  lead.speedMps = c.speedMps[w];
}

function perceiveOne(st: TrafficState, v: number): void {
  const c = st.cols;
  const idx = st.index;
  c.stopLink[v] = -1;
  c.stopDistM[v] = Infinity;
  c.swingGapM[v] = Infinity;
  c.decider[v] = -1;
  const base = v * PATH_CAPACITY;
  const pathLen = c.pathLen[v];
  const s = c.s[v];
  const hl = c.halfLengthM[v];
  const leaderLook = lookahead(st, v);
  const lead = leaderAlong(st, v, s, c.pathLane, base, pathLen, leaderLook, true, _lead);
  // Arriving within sight of the route's end: a body just beyond it may still hang back over it.
  const toEnd = c.pathDistM[v] - s;
  if (c.pathEnd[v] === PathEnd.RouteEnd && toEnd - hl <= leaderLook)
    leaderBeyondEnd(st, v, c.pathLane[base + pathLen - 1], toEnd, lead);
  const asked = c.yieldTo[v];
  if (asked >= 0 && c.yieldUntilTick[v] >= st.tick) letIn(st, v, asked, lead);
  c.leaderGapM[v] = lead.gapM;
  c.leaderSpeedMps[v] = lead.speedMps;
  c.gap2M[v] = Infinity;
  c.speed2Mps[v] = 0;
  const from = c.lcFrom[v];
  if (from >= 0 && c.lcProgress[v] < 1) {
    // Still partly on the lane it leaves: whoever is ahead there (and on the lanes after it) counts too.
    const n = c.sidePathLen[v];
    const sideBase = v * SIDE_PATH_CAPACITY;
    const sOld = s + c.sideOffsetM[v];
    const l2 = leaderAlong(st, v, sOld, c.sidePath, sideBase, n, 100, false, _lead2);
    let gap2 = l2.gapM;
    let speed2 = l2.speedMps;
    // A lane that ends (an acceleration lane): not past its end while still mostly on it.
    if (n === 1 && c.sidePathDead[v] === 1 && Math.abs(c.t[v]) > 0.5 * idx.lane(from).lane.widthM) {
      const end = idx.laneLength[from] - sOld - hl;
      if (end < gap2) {
        gap2 = end;
        speed2 = 0;
      }
    }
    c.gap2M[v] = gap2;
    c.speed2Mps[v] = speed2;
  }
  // Walk the path: slower lanes ahead, junction links.
  const speed = c.speedMps[v];
  const decel = c.decelMps2[v];
  const speedFactor = c.speedFactor[v];
  const brakeLook = (speed * speed) / (2 * decel) + 2 * speed + 10;
  const desiredHere = st.desiredSpeed(v, c.lane[v]);
  const regLook = Math.max(60, 10 * Math.max(speed, 0.8 * desiredHere));
  const decideLook = Math.max(30, (speed * speed) / (2 * decel) + 3 * speed);
  c.decideLookM[v] = decideLook;
  const regLimit = lead.speedMps < STANDING_MPS ? lead.gapM + QUEUE_MARGIN_M : Infinity;
  const regReach = regLook < regLimit ? regLook : regLimit;
  const look = brakeLook > regReach ? brakeLook : regReach;
  // Bends ahead on this lane, and under the body.
  const lateral = st.bendLateralMps2;
  // (Only called with bends on: a call V8 does not inline boxes each of its numbers on the heap.)
  let limit =
    lateral > 0
      ? bendBraking(idx.lane(c.lane[v]), s - hl, s + hl + brakeLook, -s - hl, speed, lateral, Infinity)
      : Infinity;
  let regs = 0;
  const rb = v * MAX_REGS;
  // End of the last junction the vehicle is committed to (m from its front; −∞ when none).
  let commitEnd = -Infinity;
  const cur = c.curLink[v];
  if (cur >= 0) {
    commitEnd = 0;
    if (idx.linkContested[cur] === 1) {
      c.regLink[rb] = cur;
      c.regDFrontM[rb] = -(c.sinceLinkM[v] + hl);
      c.regFlags[rb] = 0;
      regs = 1;
    }
  }
  const room = c.lengthM[v] + c.minGapM[v] + 1;
  let firstAhead = false;
  let entry = -s; // centre → start of path lane k
  for (let k = 1; k < pathLen; k++) {
    entry += idx.laneLength[c.pathLane[base + k - 1]];
    const d = entry - hl;
    if (d > look) break;
    const lane = c.pathLane[base + k];
    if (d < brakeLook && idx.laneSpeed[lane] * speedFactor < speed) {
      const v0 = st.desiredSpeed(v, lane);
      if (v0 < speed) {
        const a = (v0 * v0 - speed * speed) / (2 * (d > 0.5 ? d : 0.5));
        if (a < limit) limit = a;
      }
    }
    if (d < brakeLook && lateral > 0) limit = bendBraking(idx.lane(lane), 0, brakeLook - d, d, speed, lateral, limit);
    const link = c.pathLink[base + k];
    if (link < 0 || idx.linkContested[link] === 0 || d > regLook || d > regLimit || regs >= MAX_REGS) continue;
    // Rear still in the junction just left and this link right after it: stopping would block that
    // junction. Through a cluster of junctions too close to stand between, every link of the chain.
    const committed = d >= 0 && d < commitEnd + room;
    c.regLink[rb + regs] = link;
    c.regDFrontM[rb + regs] = d;
    c.regFlags[rb + regs] = committed ? REG_COMMITTED : 0;
    // The front over the line already counts as in the junction: what follows right after is committed.
    if (committed || d < 0) commitEnd = d + idx.linkViaLength[link];
    // The first contested link ahead is decided (when in range), together with those after it in range.
    if (!firstAhead && d >= 0) {
      firstAhead = true;
      if (d <= decideLook) c.decider[v] = regs;
    }
    regs++;
  }
  c.regCount[v] = regs;
  c.limitAccelMps2[v] = limit;
  if (c.decider[v] < 0) {
    c.blockedBySeq[v] = -1;
    c.passLink[v] = -1;
  }
}
