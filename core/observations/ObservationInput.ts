/**
 * What the simulation hands the {@link ObservationBuilder} for one agent at one step (DESIGN.md §4,
 * phase 6): plain data it already holds — the frame, the agent's vehicle state and its mission
 * progress. The builder reads it and keeps nothing of it.
 *
 * Where the pieces come from in the simulation: `frame` is the tick's `SimFrame`; `ego` is the
 * agent vehicle's `state` and `jerkMps3`; `lane`, `laneS`, `laneT`, `routePositionM`,
 * `routeLengthM` and `events` are its `MissionProgress` getters (`lastEvents`); `routeRoads` the
 * planned route's roads; `goal` the mission's end point in the world.
 */
import type { Events } from "../events/road/Events.js";
import type { VehicleState } from "../physics/VehicleState.js";
import type { Lane } from "../road/Lane.js";
import type { Road } from "../road/Road.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import type { SimFrame } from "../simulation/SimFrame.js";

/** One agent's observation inputs at one step. */
export interface ObservationInput {
  /** The road network (fixed for the episode). */
  net: RoadNetwork;
  /** The tick's frame: every vehicle (the ego included), signal states. */
  frame: SimFrame;
  /** Position of the ego vehicle in `frame`; −1 if it is not there (then no vehicle is left out of neighbours and sensors). */
  egoIndex: number;
  /** The ego's own state: pose, speed, acceleration, yaw rate, steering, world velocity. */
  ego: {
    state: Readonly<VehicleState>;
    /** Change of acceleration over the last step (m/s³). */
    jerkMps3: number;
  };
  /** The lane the ego is localised on (`MissionProgress.lane`); undefined before the first localisation or far off the map. */
  lane: Lane | undefined;
  /** Distance along `lane`'s centreline (m). */
  laneS: number;
  /** Lateral offset from `lane`'s centreline, left positive (m). */
  laneT: number;
  /** The route's normal roads in order; empty for endless missions (waypoints then follow the lane). */
  routeRoads: readonly Road[];
  /** Position along the route (m); NaN while unknown (endless missions, not yet on the route). */
  routePositionM: number;
  /** Route length (m); NaN for endless missions. */
  routeLengthM: number;
  /** The mission's goal point in the world (m); null for endless missions. */
  goal: { readonly x: number; readonly y: number } | null;
  /** This step's road events (`MissionProgress.lastEvents`, collision included). */
  events: Readonly<Events>;
  /** Steps the agent has taken this episode. */
  stepsTaken: number;
  /** The agent's episode step limit; null: none. */
  maxSteps: number | null;
  /**
   * The network's drivable-area bitmap, built once per network and shared by all agents. Required
   * when `drivableArea` or `rgb` is enabled; the lidar uses it for road edges when given (vehicles
   * only without it). Its resolution is the map's own; the grids' cell size is the config's.
   */
  drivableArea?: DrivableAreaMap;
}
