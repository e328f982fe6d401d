/**
 * Jam resolution, as SUMO's `--time-to-teleport`: a vehicle at the head of a jam — standing, with no
 * standing vehicle right in front of it, so what holds it is a junction, a closed way or a lane change
 * it cannot make — for `teleportAfterS` has met a deadlock the right-of-way rules did not prevent. It
 * is taken off the road and put back further along its route, on the first road there long enough to
 * hold it, as soon as that road has room ("teleported", as SUMO says); a vehicle with no such road
 * left is removed. Every teleport is logged, so runs report their deadlocks instead of hiding them.
 *
 * Vehicles queued behind the head are never teleported: the queue moves once the head is gone.
 */
import type { DriverProfile } from "../DriverProfile.js";
import type { PendingVehicle } from "../PendingVehicle.js";
import type { TrafficState } from "./TrafficState.js";

/** Below this speed a vehicle counts as standing (m/s). */
const JAM_STANDING_MPS = 0.1;
/** A standing leader whose rear is nearer than the vehicle's minimum gap plus this makes it part of a queue (m). */
const QUEUED_GAP_M = 3;
/** The road a teleported vehicle goes back onto must be at least this much longer than the vehicle (m). */
const LANDING_ROOM_M = 5;

/** One teleport. */
export interface Teleport {
  /** Vehicle id. */
  id: string;
  /** When it was taken off (s). */
  timeS: number;
  /** The lane it stood on, and for how long (s). */
  laneId: string;
  standS: number;
  /** The road it goes back onto, or null when none was left (it was removed). */
  toRoadId: string | null;
}

/** Whether slot `v` stands at the head of a jam: standing, and no standing vehicle right in front of it. */
export function headOfJam(st: TrafficState, v: number): boolean {
  const c = st.cols;
  if (c.speedMps[v] >= JAM_STANDING_MPS) return false;
  return !(c.leaderGapM[v] < c.minGapM[v] + QUEUED_GAP_M && c.leaderSpeedMps[v] < JAM_STANDING_MPS);
}

/** Slot `v`'s driver as drawn. */
export function driverOf(st: TrafficState, v: number): DriverProfile {
  const c = st.cols;
  return {
    speedFactor: c.speedFactor[v],
    headwayS: c.headwayS[v],
    minGapM: c.minGapM[v],
    accelMps2: c.accelMps2[v],
    decelMps2: c.decelMps2[v],
    politeness: c.politeness[v],
    laneChangeThresholdMps2: c.thresholdMps2[v],
    imperfection: c.imperfection[v],
  };
}

/**
 * The pending vehicle that puts slot `v` back on its route: from the first road after the one it is on
 * (or has just left, inside a junction) that is {@link LANDING_ROOM_M} longer than it, on the best
 * lane, at the first position with room, at the speed the gap ahead allows; null when none is left.
 */
export function landingOf(st: TrafficState, v: number): PendingVehicle | null {
  const c = st.cols;
  const route = st.routes[v];
  for (let k = c.routeIndex[v] + 1; k < route.length; k++) {
    if (route[k].lengthM < c.lengthM[v] + LANDING_ROOM_M) continue;
    return {
      id: st.ids[v],
      typeId: st.typeIds[v],
      vClass: st.vClasses[v],
      lengthM: c.lengthM[v],
      widthM: c.widthM[v],
      maxSpeedMps: c.maxSpeedMps[v],
      maxDecelMps2: c.maxDecelMps2[v],
      driver: driverOf(st, v),
      route: route.slice(k).map((r) => r.id),
      endless: c.endless[v] === 1,
      lane: "best",
      pos: { kind: "free" },
      speed: "max",
      arrivalS: Number.isFinite(c.arrivalS[v]) ? c.arrivalS[v] : null,
    };
  }
  return null;
}
