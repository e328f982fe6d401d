/**
 * The TraCI protocol constants roadgym uses, checked against SUMO 1.15's
 * `tools/traci/constants.py` (TRACI_VERSION 20). Only what the client sends or parses is here; the
 * full list lives in SUMO's `src/libsumo/TraCIConstants.h`.
 *
 * Variable ids are per domain (0x81 is `remove` for vehicles but "colliding vehicle ids" for the
 * simulation), so each domain gets its own object.
 */

/** The TraCI API version SUMO 1.15 reports from `getVersion`. */
export const TRACI_API_VERSION = 20;

/** Command ids (the byte after a command's length). */
export const TraciCommand = {
  /** Get the API version and SUMO's identifier string. */
  getVersion: 0x00,
  /** Advance the simulation (raw double target time in seconds; 0 = one step). */
  simulationStep: 0x02,
  /** Set this client's execution order among several clients (raw int). */
  setOrder: 0x03,
  /** Close the connection; SUMO ends the simulation. */
  close: 0x7f,
  /** Get a traffic light variable. */
  getTrafficLightVariable: 0xa2,
  /** Set a traffic light variable. */
  setTrafficLightVariable: 0xc2,
  /** Subscribe to traffic light variables. */
  subscribeTrafficLightVariable: 0xd2,
  /** Get a vehicle variable. */
  getVehicleVariable: 0xa4,
  /** Set a vehicle variable (also add / remove / moveToXY). */
  setVehicleVariable: 0xc4,
  /** Subscribe to vehicle variables. */
  subscribeVehicleVariable: 0xd4,
  /** Get a route variable. */
  getRouteVariable: 0xa6,
  /** Set a route variable (also add). */
  setRouteVariable: 0xc6,
  /** Get a simulation variable. */
  getSimulationVariable: 0xab,
  /** Subscribe to simulation variables. */
  subscribeSimulationVariable: 0xdb,
} as const;

/** Response ids: a get or subscribe command's id plus this offset. */
export const TRACI_RESPONSE_OFFSET = 0x10;

/** Response ids of subscription results (inside a simulation step's answer). */
export const TraciResponse = {
  /** Traffic light variable subscription result (0xd2 + 0x10). */
  subscribeTrafficLightVariable: 0xe2,
  /** Vehicle variable subscription result (0xd4 + 0x10). */
  subscribeVehicleVariable: 0xe4,
  /** Simulation variable subscription result (0xdb + 0x10). */
  subscribeSimulationVariable: 0xeb,
} as const;

/** The result byte of a command's status response. */
export const TraciResult = {
  /** The command succeeded. */
  ok: 0x00,
  /** SUMO does not implement the command. */
  notImplemented: 0x01,
  /** The command failed; the status carries SUMO's message. */
  error: 0xff,
} as const;

/** Variables shared by every domain. */
export const TraciCommonVar = {
  /** All object ids of the domain (string list); the object id in the request is "". */
  idList: 0x00,
  /** Number of objects of the domain (int). */
  idCount: 0x01,
} as const;

/** Vehicle variables (get / set / subscribe with {@link TraciCommand.getVehicleVariable} etc.). */
export const VehicleVar = {
  /** Get: all vehicle ids in the network (string list). */
  idList: 0x00,
  /** Get: speed (double, m/s). Set: target speed (double, m/s; negative gives control back to SUMO). */
  speed: 0x40,
  /** Get: position of the front bumper's centre (position2D, metres). */
  position: 0x42,
  /** Get: angle (double, degrees clockwise from north, 0..360). */
  angle: 0x43,
  /** Get: vehicle length (double, metres). */
  length: 0x44,
  /** Get: SUMO vehicle class (string, e.g. "passenger"). */
  vehicleClass: 0x49,
  /** Get: vehicle width (double, metres). */
  width: 0x4d,
  /** Get: vehicle type id (string). */
  typeId: 0x4f,
  /** Get: current road (edge) id (string; internal junction edges start with ':'). */
  roadId: 0x50,
  /** Get: current lane id (string). */
  laneId: 0x51,
  /** Get: current lane index (int, 0 = rightmost). */
  laneIndex: 0x52,
  /** Get: route id (string). */
  routeId: 0x53,
  /** Get: the route's edge ids (string list). */
  edges: 0x54,
  /** Get: distance of the front bumper from the lane's start (double, metres). */
  lanePosition: 0x56,
  /** Set: replace the route by a list of edge ids (string list; must start with the current edge). */
  route: 0x57,
  /** Get: longitudinal acceleration over the last step (double, m/s²). */
  acceleration: 0x72,
  /** Get: signal bit set (int; bit 0 right blinker, bit 1 left blinker, bit 3 brake light, ...). */
  signals: 0x5b,
  /** Set: remove the vehicle (typed byte reason, {@link RemoveReason}). */
  remove: 0x81,
  /** Set: add a vehicle with all departure parameters (compound of 12 strings and 2 ints). */
  addFull: 0x85,
  /** Get/set: speed mode bit set (int; 31 = all checks on, 0 = none). */
  speedMode: 0xb3,
  /** Set: move the vehicle to an (x, y) position (compound: edge, lane, x, y, angle, keepRoute, matchThreshold). */
  moveToXY: 0xb4,
  /** Get/set: lane change mode bit set (int; 1621 = SUMO's default, 0 = no autonomous changes). */
  laneChangeMode: 0xb6,
} as const;

/** Simulation variables. */
export const SimulationVar = {
  /** Current simulation time (double, seconds). */
  time: 0x66,
  /** Ids of vehicles that departed (were inserted) in the last step (string list). */
  departedIds: 0x74,
  /** Ids of vehicles that arrived (or were removed) in the last step (string list). */
  arrivedIds: 0x7a,
  /** Step length (double, seconds). */
  deltaT: 0x7b,
  /** Number of vehicles running or still waiting to be inserted (int). */
  minExpectedVehicles: 0x7d,
} as const;

/** Traffic light variables. */
export const TrafficLightVar = {
  /** All traffic light ids (string list). */
  idList: 0x00,
  /**
   * Get/set: the signal state string, one character per controlled link
   * (r red, y yellow, g green without priority, G green with priority, s right-turn-on-red, u red+yellow,
   * o off blinking, O off).
   */
  redYellowGreenState: 0x20,
} as const;

/** Route variables. */
export const RouteVar = {
  /** All route ids (string list). */
  idList: 0x00,
  /** Get: the route's edge ids (string list). */
  edges: 0x54,
  /** Set: add a route with the given id (string list of edge ids). */
  add: 0x80,
} as const;

/** Why a vehicle is removed (the byte of {@link VehicleVar.remove}). */
export const RemoveReason = {
  /** Removed to be teleported (SUMO-internal use). */
  teleport: 0x00,
  /** Removed because it parked. */
  parking: 0x01,
  /** Removed as if it had reached its destination. */
  arrived: 0x02,
  /** Removed without arriving (the usual choice for a client-side removal). */
  vaporized: 0x03,
} as const;

/** SUMO's "no value" double (e.g. moveToXY's angle: keep the lane's angle); also the subscription begin/end meaning "always". */
export const TRACI_INVALID_DOUBLE = -1073741824.0;

/** SUMO's "no value" int. */
export const TRACI_INVALID_INT = -1073741824;

/** A readable name for a command id, for error messages. */
export function traciCommandName(commandId: number): string {
  for (const [name, id] of Object.entries(TraciCommand)) {
    if (id === commandId) return name;
  }
  return `command 0x${commandId.toString(16).padStart(2, "0")}`;
}
