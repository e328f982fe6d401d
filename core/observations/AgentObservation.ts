/**
 * What an agent observes at one step: one field per enabled part of its observation config, each
 * a fixed-size typed array (or a record of them), so that `observationSpace(config)` contains every
 * observation. Disabled parts are absent (the space has no key for them either). Shapes and element
 * meanings: `observationFeatures.ts` and `docs/observations.md`.
 *
 * The arrays of one observation are views on one ArrayBuffer (one allocation per step): use each
 * view (its `byteOffset` and `length`), never its `.buffer` as a whole.
 *
 * Things that are not numbers (road, lane and vehicle ids) are not part of the observation: the
 * builder returns them beside it as {@link ObservationInfo}, for the env's `infos`.
 */

/** Rows of features plus a mask: `mask[i] = 1` where row `i` holds data, else the row is all zeros. */
export interface MaskedRows {
  /** `rows × columns` Float32, row-major. */
  features: Float32Array;
  /** One byte per row: 1 present, 0 padding. */
  mask: Uint8Array;
}

/** Points of several paths plus a mask: `mask[p · points + j] = 1` where point `j` of path `p` exists. */
export interface MaskedPaths {
  /** `paths × points × WAYPOINT_FEATURES` Float32, row-major. */
  points: Float32Array;
  /** `paths × points` bytes: 1 present, 0 padding (the path ended, or no such lane). */
  mask: Uint8Array;
}

/** The `junction` part. */
export interface JunctionObservation {
  /** `junctionFeatures`, Float32. */
  link: Float32Array;
  /** Vehicles approaching or crossing the link's foes, soonest first: `maxFoes × JUNCTION_FOE_FEATURES`. */
  foes: MaskedRows;
}

/** A lidar scan. */
export interface LidarScan {
  /** Per ray, distance to the first hit (m); `rangeM` when nothing was hit. */
  distances: Float32Array;
  /** Per ray, what was hit: `LidarHit` (0 none, 1 vehicle, 2 road edge). */
  kinds: Uint8Array;
}

/** One agent's observation (enabled parts only). */
export interface AgentObservation {
  /** `EGO_FEATURES`, Float32. */
  ego?: Float32Array;
  /** Up to `max` vehicles within `radiusM`, nearest first; rows of `NEIGHBOUR_FEATURES`. */
  neighbours?: MaskedRows;
  /** `WAYPOINT_PATHS` route-following paths (right lane, ego lane, left lane) × `lookahead` points. */
  waypoints?: MaskedPaths;
  /** `ROAD_WAYPOINT_LANES` lanes of the current road (by lane index) × `horizon` points, following each lane. */
  roadWaypoints?: MaskedPaths;
  /** The next signal ahead: `signalFeatures`, Float32. */
  signals?: Float32Array;
  /** The next junction link on the path: `link` (`junctionFeatures`) and up to `maxFoes` rows of `JUNCTION_FOE_FEATURES`. */
  junction?: JunctionObservation;
  /** `EVENT_FEATURES`, Uint8. */
  events?: Uint8Array;
  /** `height × width` bytes, 1 drivable. Row 0 ahead, column 0 left. */
  drivableArea?: Uint8Array;
  /** `height × width` bytes, 1 occupied by another vehicle. Row 0 ahead, column 0 left. */
  occupancy?: Uint8Array;
  /** `height × width × 3` bytes, RGB. Row 0 ahead, column 0 left. */
  rgb?: Uint8Array;
  /** `rays` rays, ray 0 straight ahead, counter-clockwise. */
  lidar?: LidarScan;
  /** The normalised vector, every element in [−1, 1]; layout: `vectorLayout(config)`. */
  vector?: Float32Array;
}

/** The non-numeric side of an observation (for the env's `infos`); filled whatever the config. */
export interface ObservationInfo {
  /** Road of the ego's lane, or null without one. */
  roadId: string | null;
  /** The ego's lane, or null without one. */
  laneId: string | null;
  /** Vehicle id of each `neighbours` row in row order (length = rows present); empty when neighbours are off. */
  neighbourIds: string[];
  /** The signal in the `signals` part, or null (none ahead, or signals off). */
  signal: { tlId: string; linkIndex: number; state: string } | null;
}

/** An observation and its non-numeric side. */
export interface ObservationResult {
  observation: AgentObservation;
  info: ObservationInfo;
}
