/**
 * The global state: one fixed-size vector per environment and step that centralised learners read
 * (critics, mixing networks — MAPPO, MAA2C, COMA, HAPPO, QMIX, MADDPG; docs/learning.md), built
 * from the simulation rather than from the agents' own observations, which see only what an agent's
 * sensors reach.
 *
 * Layout: one block per learning-agent slot (the env's `possibleAgents` order), then one block per
 * nearby vehicle. Positions are in the map frame — relative to the centre of the network's bounds,
 * divided by half its larger side, so a map fits in [−1, 1] — because a global state has no ego to
 * be relative to.
 *
 * - agent block ({@link GLOBAL_AGENT_FEATURES} numbers): present (0/1, 0 while the agent is not
 *   live — not yet departed or done — and then every other number of the block is 0), x, y
 *   (map-normalised), cos and sin of the heading, speed / {@link VECTOR_SPEED_SCALE_MPS}, the goal's
 *   offset from the vehicle (dx, dy, divided by {@link GLOBAL_GOAL_SCALE_M}), goal present (0/1),
 *   route remaining / {@link VECTOR_ROUTE_SCALE_M};
 * - vehicle block ({@link GLOBAL_VEHICLE_FEATURES} numbers): the `traffic` vehicles not driven by a
 *   learning agent (traffic and social agents) nearest to any live agent, nearest first: present,
 *   x, y (map-normalised), cos and sin of the heading, speed / {@link VECTOR_SPEED_SCALE_MPS}; empty
 *   blocks are zeros.
 */
import { VehicleRoleCode } from "../sensors/VehicleRoleCode.js";
import { VECTOR_ROUTE_SCALE_M, VECTOR_SPEED_SCALE_MPS } from "./vectorLayout.js";

/** Numbers per agent block. */
export const GLOBAL_AGENT_FEATURES = 10;
/** Numbers per vehicle block. */
export const GLOBAL_VEHICLE_FEATURES = 6;
/** Scale of the goal offsets (m): the paper maps' missions are 60–250 m long. */
export const GLOBAL_GOAL_SCALE_M = 100;
/** Vehicle blocks of the global state unless a caller asks for another number. */
export const DEFAULT_GLOBAL_TRAFFIC = 8;

/** One learning agent as the global state sees it (null where the slot's agent is not live). */
export interface GlobalStateAgent {
  /** Body centre (world m). */
  x: number;
  y: number;
  /** Heading (rad, counter-clockwise from east). */
  headingRad: number;
  speedMps: number;
  /** The mission's goal point (world m), null for endless missions. */
  goal: { x: number; y: number } | null;
  /** Metres of route left (NaN when unknown). */
  routeRemainingM: number;
}

/** The vehicles of one frame, as columns (a `SimFrame` is one). */
export interface GlobalStateVehicles {
  readonly count: number;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly headingRad: ArrayLike<number>;
  readonly speedMps: ArrayLike<number>;
  /** `VehicleRoleCode` per vehicle. */
  readonly roles: ArrayLike<number>;
}

/** The map frame: where positions are measured from and how they are scaled. */
export interface GlobalStateFrame {
  centreX: number;
  centreY: number;
  /** Half the larger side of the network's bounds (m, > 0). */
  halfExtentM: number;
}

/** The map frame of a network with bounds `[minX, minY, maxX, maxY]` (m). */
export function globalStateFrame(bounds: readonly [number, number, number, number]): GlobalStateFrame {
  const [x0, y0, x1, y1] = bounds;
  return {
    centreX: (x0 + x1) / 2,
    centreY: (y0 + y1) / 2,
    halfExtentM: Math.max(1, (x1 - x0) / 2, (y1 - y0) / 2),
  };
}

/** Length of the global state of `agents` slots and `traffic` vehicle blocks. */
export function globalStateSize(agents: number, traffic = DEFAULT_GLOBAL_TRAFFIC): number {
  return agents * GLOBAL_AGENT_FEATURES + traffic * GLOBAL_VEHICLE_FEATURES;
}

// Scratch of the nearest-vehicle selection, grown as needed (one simulation per thread at a time).
let _dist = new Float64Array(64);
let _order = new Int32Array(64);

/**
 * Writes the global state into `out[offset …]` (`globalStateSize(agents.length, traffic)` numbers):
 * `agents[i]` is slot i's agent (null where not live), `vehicles` the frame's vehicles.
 */
export function writeGlobalState(
  out: Float32Array,
  offset: number,
  agents: readonly (GlobalStateAgent | null)[],
  vehicles: GlobalStateVehicles,
  frame: GlobalStateFrame,
  traffic = DEFAULT_GLOBAL_TRAFFIC,
): void {
  const size = globalStateSize(agents.length, traffic);
  out.fill(0, offset, offset + size);
  const s = 1 / frame.halfExtentM;
  agents.forEach((a, i) => {
    if (!a) return;
    const o = offset + i * GLOBAL_AGENT_FEATURES;
    out[o] = 1;
    out[o + 1] = (a.x - frame.centreX) * s;
    out[o + 2] = (a.y - frame.centreY) * s;
    out[o + 3] = Math.cos(a.headingRad);
    out[o + 4] = Math.sin(a.headingRad);
    out[o + 5] = a.speedMps / VECTOR_SPEED_SCALE_MPS;
    if (a.goal) {
      out[o + 6] = (a.goal.x - a.x) / GLOBAL_GOAL_SCALE_M;
      out[o + 7] = (a.goal.y - a.y) / GLOBAL_GOAL_SCALE_M;
      out[o + 8] = 1;
    }
    out[o + 9] = Number.isFinite(a.routeRemainingM) ? a.routeRemainingM / VECTOR_ROUTE_SCALE_M : 0;
  });
  if (traffic === 0) return;
  // Distance of every non-agent vehicle to its nearest live agent, then the `traffic` smallest.
  const n = vehicles.count;
  if (_dist.length < n) {
    _dist = new Float64Array(2 * n);
    _order = new Int32Array(2 * n);
  }
  let candidates = 0;
  for (let v = 0; v < n; v++) {
    if (vehicles.roles[v] === VehicleRoleCode.learningAgent) continue;
    let best = Infinity;
    for (const a of agents) if (a) best = Math.min(best, Math.hypot(vehicles.x[v] - a.x, vehicles.y[v] - a.y));
    if (best === Infinity) continue;
    _dist[v] = best;
    _order[candidates++] = v;
  }
  const order = _order.subarray(0, candidates);
  // Nearest first; ties by frame index, so the order is deterministic.
  order.sort((p, q) => _dist[p] - _dist[q] || p - q);
  const base = offset + agents.length * GLOBAL_AGENT_FEATURES;
  for (let k = 0; k < Math.min(traffic, candidates); k++) {
    const v = order[k],
      o = base + k * GLOBAL_VEHICLE_FEATURES;
    out[o] = 1;
    out[o + 1] = (vehicles.x[v] - frame.centreX) * s;
    out[o + 2] = (vehicles.y[v] - frame.centreY) * s;
    out[o + 3] = Math.cos(vehicles.headingRad[v]);
    out[o + 4] = Math.sin(vehicles.headingRad[v]);
    out[o + 5] = vehicles.speedMps[v] / VECTOR_SPEED_SCALE_MPS;
  }
}
