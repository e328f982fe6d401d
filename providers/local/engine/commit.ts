/**
 * Step phase *commit* (sequential, creation order): what moving changed beyond a vehicle's own slot.
 * Lane transitions along the path (the occupant moves to the next lane's list; entering a normal lane
 * advances the route and re-plans), arrivals, the tail and side occupants following their vehicle,
 * finished lane changes leaving the old lane, the lanes' order restored where a tie or a tail needs
 * it, stuck vehicles at dead lane ends re-routed, jam heads teleported (Jams), and paths topped up —
 * in vehicle order, so the random draws of endless routes come in a fixed order.
 */
import { OccKind } from "./LaneLists.js";
import { PLAN_TOPUP_M, type RoutePlanner } from "./RoutePlanner.js";
import type { TrafficState } from "./TrafficState.js";
import { PATH_CAPACITY, PathEnd } from "./VehicleColumns.js";

/** Why a vehicle left during commit. */
export const Gone = { Stays: 0, Arrived: 1, Teleported: 2 } as const;

/**
 * First pass over every driven vehicle: occupants that stay on their lanes take their new positions.
 * Then {@link commitMove}'s insertions into other lanes compare with where everyone is now, so every
 * list stays in order without a sort: on one lane no vehicle passes another (car following forbids
 * it), and a vehicle entering a lane enters behind whoever is on it.
 */
export function moveOccupants(st: TrafficState): void {
  const c = st.cols;
  const lists = st.lists;
  const len = st.index.laneLength;
  for (let i = 0; i < st.count; i++) {
    const v = st.order[i];
    const s = c.s[v];
    if (s >= len[c.lane[v]]) continue; // changes lanes: commitMove places it
    lists.occS[3 * v] = s;
    const tail = 3 * v + OccKind.Tail;
    if (lists.occLane[tail] >= 0) lists.occS[tail] = len[lists.occLane[tail]] + s;
    if (c.lcFrom[v] >= 0) lists.occS[3 * v + OccKind.Side] = s + c.sideOffsetM[v];
  }
}

/** Lane transitions, arrivals and occupancy for `v` (after {@link moveOccupants}); returns whether it arrived. */
export function commitMove(st: TrafficState, planner: RoutePlanner, v: number): boolean {
  const c = st.cols;
  const lists = st.lists;
  const idx = st.index;
  const hl = c.halfLengthM[v];
  if (c.lcFrom[v] >= 0 && c.lcProgress[v] >= 1) {
    lists.remove(3 * v + OccKind.Side);
    c.lcFrom[v] = -1;
  }
  let lane = c.lane[v];
  while (c.s[v] >= idx.laneLength[lane]) {
    const n = c.pathLen[v];
    if (n <= 1) {
      if (c.pathEnd[v] === PathEnd.RouteEnd) return true;
      c.s[v] = idx.laneLength[lane]; // a dead end reached exactly: stay at its end
      break;
    }
    const len = idx.laneLength[lane];
    c.s[v] -= len;
    const base = v * PATH_CAPACITY;
    const link = c.pathLink[base + 1];
    for (let k = 1; k < n; k++) {
      c.pathLane[base + k - 1] = c.pathLane[base + k];
      c.pathLink[base + k - 1] = c.pathLink[base + k];
    }
    c.pathLen[v] = n - 1;
    c.pathLink[base] = -1;
    c.pathDistM[v] -= len;
    c.prevLane[v] = lane;
    lane = c.lane[v] = c.pathLane[base];
    lists.insert(3 * v + OccKind.Primary, lane, c.s[v]);
    if (c.lcFrom[v] >= 0) {
      // A lane change still settling when the lane ends: finished at once.
      lists.remove(3 * v + OccKind.Side);
      c.lcFrom[v] = -1;
      c.lcProgress[v] = 1;
      c.t[v] = 0;
      c.lcAngleRad[v] = 0;
    }
    if (link >= 0) {
      c.curLink[v] = link;
      c.sinceLinkM[v] = c.s[v];
      c.waitS[v] = 0;
    }
    if (idx.laneInternal[lane] === 0) {
      c.routeIndex[v]++;
      planner.trimRoute(st, v);
      planner.plan(st, v, true);
      planner.updateStrategy(st, v);
    }
    c.poseDirty[v] = 1;
  }
  // Arrival: the front passes the arrival offset on the route's last road (endless routes: a dead end).
  if (
    idx.laneInternal[lane] === 0 &&
    c.routeIndex[v] >= st.routes[v].length - 1 &&
    (c.endless[v] === 0 || c.pathEnd[v] === PathEnd.RouteEnd)
  ) {
    const len = idx.laneLength[lane];
    const at = c.arrivalS[v] < len ? c.arrivalS[v] : len;
    if (c.s[v] + hl >= at - 1e-9) return true;
  }
  // The tail follows onto the lane just left, and off it once the rear is through.
  const s = c.s[v];
  const tail = 3 * v + OccKind.Tail;
  const prev = c.prevLane[v];
  if (prev >= 0 && s < hl) {
    if (lists.occLane[tail] !== prev) lists.insert(tail, prev, idx.laneLength[prev] + s);
  } else if (lists.occLane[tail] >= 0) lists.remove(tail);
  if (c.pathEnd[v] === PathEnd.Horizon && c.pathDistM[v] - s < PLAN_TOPUP_M) planner.plan(st, v, true);
  return false;
}

/** Takes every occupant of `v` off its lane. */
export function removeOccupants(st: TrafficState, v: number): void {
  st.lists.remove(3 * v);
  st.lists.remove(3 * v + 1);
  st.lists.remove(3 * v + 2);
}

/** Whether every lane's list is in (s, sequence) order, back to front (for tests and checks). */
export function lanesInOrder(st: TrafficState): boolean {
  const lists = st.lists;
  for (let lane = 0; lane < lists.back.length; lane++) {
    for (let o = lists.back[lane]; o >= 0; o = lists.occNext[o]) {
      const next = lists.occNext[o];
      if (next >= 0 && lists.before(next, o)) return false;
    }
  }
  return true;
}
