/**
 * Jam resolution, as SUMO's `--time-to-teleport`: a vehicle at the head of a jam — standing, with no
 * standing vehicle right in front of it, so what holds it is a junction, a closed way or a lane
 * change it cannot make — for `teleportAfterS` (LocalTrafficOptions) has met a deadlock the
 * right-of-way rules did not prevent (two vehicles each stopped inside one junction of a tight
 * cluster, across the other's next link). It is taken off the road and put back further along its
 * route, on the first road there long enough to hold it, as soon as that road has room ("teleported",
 * as SUMO says); a vehicle with no such road left is removed as if it had arrived. Every teleport is
 * logged — who, when, where from, where to — so runs report their deadlocks instead of hiding them:
 * `runTraffic` counts them, `roadgym traffic` prints them.
 *
 * Vehicles queued behind the head are never teleported: the queue moves once the head is gone.
 * Signals hold nobody this long; a minor road waiting at a busy priority junction goes after
 * `IMPATIENT_AFTER_S` (JunctionArbiter), so in practice only deadlocks reach the limit.
 */
import type { PendingVehicle } from "./PendingVehicle.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";

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

/** Whether `v` stands at the head of a jam: standing, and no standing vehicle right in front of it. */
export function headOfJam(v: TrafficVehicle): boolean {
  if (v.speedMps >= JAM_STANDING_MPS) return false;
  return !(v.leaderGapM < v.minGapM + QUEUED_GAP_M && v.leaderSpeedMps < JAM_STANDING_MPS);
}

/**
 * The pending vehicle that puts `v` back on its route: from the first road after the one it is on
 * (or has just left, inside a junction) that is {@link LANDING_ROOM_M} longer than it, on the best
 * lane, at the first position with room, at the speed the gap ahead allows. Null when its route has
 * no such road left.
 */
export function landingOf(v: TrafficVehicle): PendingVehicle | null {
  for (let k = v.routeIndex + 1; k < v.route.length; k++) {
    if (v.route[k].lengthM < v.lengthM + LANDING_ROOM_M) continue;
    return {
      ...v.made(),
      route: v.route.slice(k).map((r) => r.id),
      endless: v.endless,
      lane: "best",
      pos: { kind: "free" },
      speed: "max",
      arrivalS: Number.isFinite(v.arrivalS) ? v.arrivalS : null,
    };
  }
  return null;
}
