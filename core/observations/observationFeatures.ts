/**
 * The element tables of the fixed-size observation parts: names, units and bounds of every column,
 * in storage order. The builder writes these columns, `observationSpace` bounds them and
 * `docs/observations.md` describes them; all three read this one file.
 *
 * Frames: "ego frame" is x forward along the ego's heading, y to its left, origin at the ego's box
 * centre (metres); relative headings are `wrap(other − ego)` in (−π, π], counter-clockwise positive.
 */

/** One column of a fixed-size part. */
export interface FeatureSpec {
  /** Element name (also the Box's element name where the part is one-dimensional). */
  readonly name: string;
  /** Unit: `m`, `m/s`, `rad`, `0/1`, `count`, … */
  readonly unit: string;
  /** Smallest value the builder writes (−Infinity: unbounded). */
  readonly low: number;
  /** Largest value the builder writes (Infinity: unbounded). */
  readonly high: number;
  /** Meaning, for docs. */
  readonly doc: string;
}

const INF = Number.POSITIVE_INFINITY;

/** Columns of the `ego` part (Float32). Unknown values (no lane, no route, no goal) are written as 0 with their flag 0. */
export const EGO_FEATURES = [
  { name: "x", unit: "m", low: -INF, high: INF, doc: "box centre, east (world frame)" },
  { name: "y", unit: "m", low: -INF, high: INF, doc: "box centre, north (world frame)" },
  {
    name: "headingRad",
    unit: "rad",
    low: -Math.PI,
    high: Math.PI,
    doc: "heading, counter-clockwise from east, wrapped to (−π, π]",
  },
  { name: "speedMps", unit: "m/s", low: -INF, high: INF, doc: "speed along the heading (negative when reversing)" },
  {
    name: "lateralSpeedMps",
    unit: "m/s",
    low: -INF,
    high: INF,
    doc: "velocity component to the ego's left (sideslip), from the state's world velocity",
  },
  { name: "accelerationMps2", unit: "m/s²", low: -INF, high: INF, doc: "longitudinal acceleration" },
  { name: "jerkMps3", unit: "m/s³", low: -INF, high: INF, doc: "change of acceleration over the last step" },
  { name: "yawRateRadps", unit: "rad/s", low: -INF, high: INF, doc: "yaw rate, counter-clockwise positive" },
  { name: "steeringRad", unit: "rad", low: -INF, high: INF, doc: "road-wheel steering angle, left positive" },
  {
    name: "onLane",
    unit: "0/1",
    low: 0,
    high: 1,
    doc: "1 when the vehicle is localised on a lane (the lane columns below are valid)",
  },
  {
    name: "laneIndex",
    unit: "index",
    low: -1,
    high: INF,
    doc: "index of the lane on its road, 0 = rightmost; −1 without a lane",
  },
  {
    name: "laneCount",
    unit: "count",
    low: 0,
    high: INF,
    doc: "lanes of the current road (1 inside a junction connector)",
  },
  { name: "inJunction", unit: "0/1", low: 0, high: 1, doc: "1 when the lane is a junction connector" },
  { name: "laneS", unit: "m", low: -INF, high: INF, doc: "distance along the lane centreline" },
  { name: "laneT", unit: "m", low: -INF, high: INF, doc: "lateral offset from the lane centreline, left positive" },
  {
    name: "laneHeadingErrorRad",
    unit: "rad",
    low: -Math.PI,
    high: Math.PI,
    doc: "ego heading minus the lane direction at laneS, wrapped",
  },
  { name: "laneWidthM", unit: "m", low: 0, high: INF, doc: "lane width" },
  { name: "speedLimitMps", unit: "m/s", low: 0, high: INF, doc: "lane speed limit" },
  {
    name: "onRoute",
    unit: "0/1",
    low: 0,
    high: 1,
    doc: "1 when the route position is known (route missions, once on the route)",
  },
  {
    name: "routePositionM",
    unit: "m",
    low: -INF,
    high: INF,
    doc: "position along the route from the start of its first road",
  },
  { name: "routeLengthM", unit: "m", low: 0, high: INF, doc: "length of the whole route (0 for endless missions)" },
  { name: "routeRemainingM", unit: "m", low: -INF, high: INF, doc: "routeLengthM − routePositionM" },
  { name: "hasGoal", unit: "0/1", low: 0, high: 1, doc: "1 when the mission has a goal point" },
  { name: "goalX", unit: "m", low: -INF, high: INF, doc: "goal point, ego frame, forward" },
  { name: "goalY", unit: "m", low: -INF, high: INF, doc: "goal point, ego frame, left" },
  {
    name: "goalDistanceM",
    unit: "m",
    low: 0,
    high: INF,
    doc: "straight-line distance from the box centre to the goal point",
  },
  { name: "stepsTaken", unit: "count", low: 0, high: INF, doc: "steps taken this episode" },
  {
    name: "stepsFraction",
    unit: "1",
    low: 0,
    high: 1,
    doc: "stepsTaken / maxSteps, clipped to 1; 0 without a step limit",
  },
  {
    name: "goalLaneOffsetM",
    unit: "m",
    low: -INF,
    high: INF,
    doc: "goal point's lateral offset from the ego lane's centreline (lane frame, left positive) when the goal lies beside that lane on its road; 0 otherwise",
  },
] as const satisfies readonly FeatureSpec[];

/** Columns of one `neighbours.features` row (Float32). */
export const NEIGHBOUR_FEATURES = [
  { name: "x", unit: "m", low: -INF, high: INF, doc: "box centre, ego frame, forward" },
  { name: "y", unit: "m", low: -INF, high: INF, doc: "box centre, ego frame, left" },
  { name: "distanceM", unit: "m", low: 0, high: INF, doc: "centre-to-centre distance" },
  { name: "relHeadingRad", unit: "rad", low: -Math.PI, high: Math.PI, doc: "its heading minus the ego's, wrapped" },
  { name: "speedMps", unit: "m/s", low: -INF, high: INF, doc: "its speed along its heading" },
  {
    name: "relVx",
    unit: "m/s",
    low: -INF,
    high: INF,
    doc: "its velocity minus the ego's (both along their headings), ego frame, forward",
  },
  { name: "relVy", unit: "m/s", low: -INF, high: INF, doc: "the same, ego frame, left" },
  { name: "lengthM", unit: "m", low: 0, high: INF, doc: "box length" },
  { name: "widthM", unit: "m", low: 0, high: INF, doc: "box width" },
  {
    name: "role",
    unit: "code",
    low: 0,
    high: 255,
    doc: "VehicleRoleCode: 0 traffic, 1 social agent, 2 learning agent",
  },
] as const satisfies readonly FeatureSpec[];

/** Columns of one waypoint (`waypoints.points`, `roadWaypoints.points`; Float32). */
export const WAYPOINT_FEATURES = [
  { name: "x", unit: "m", low: -INF, high: INF, doc: "lane centreline point, ego frame, forward" },
  { name: "y", unit: "m", low: -INF, high: INF, doc: "the same, ego frame, left" },
  {
    name: "relHeadingRad",
    unit: "rad",
    low: -Math.PI,
    high: Math.PI,
    doc: "lane direction at the point minus the ego heading, wrapped",
  },
  { name: "speedLimitMps", unit: "m/s", low: 0, high: INF, doc: "speed limit of the point's lane" },
  { name: "laneWidthM", unit: "m", low: 0, high: INF, doc: "width of the point's lane" },
] as const satisfies readonly FeatureSpec[];

/** Elements of the `signals` part (Float32). */
export function signalFeatures(lookaheadM: number): readonly FeatureSpec[] {
  return [
    { name: "present", unit: "0/1", low: 0, high: 1, doc: "1 when a signal controls the path within lookaheadM" },
    {
      name: "distanceM",
      unit: "m",
      low: 0,
      high: lookaheadM,
      doc: "distance along the path to its stop line (the end of the incoming lane); lookaheadM when none",
    },
    { name: "go", unit: "0/1", low: 0, high: 1, doc: "state G (green, priority)" },
    { name: "yield", unit: "0/1", low: 0, high: 1, doc: "state g, s, o (green without priority, stop sign, flashing)" },
    { name: "stop", unit: "0/1", low: 0, high: 1, doc: "state r, y, u (red, yellow, red-yellow)" },
    { name: "off", unit: "0/1", low: 0, high: 1, doc: "state O (off), or a state the frame does not carry" },
  ];
}

/** Elements of `junction.link` (Float32): the next junction link on the ego's path and which lanes lead on. */
export function junctionFeatures(lookaheadM: number): readonly FeatureSpec[] {
  return [
    {
      name: "present",
      unit: "0/1",
      low: 0,
      high: 1,
      doc: "1 when the path enters a junction link with conflicting links within lookaheadM (or the ego is on one, unless another begins within 20 m of its exit)",
    },
    {
      name: "entryDistanceM",
      unit: "m",
      low: 0,
      high: lookaheadM,
      doc: "distance along the path to the link's entry (the stop line at the end of the incoming lane); 0 inside; lookaheadM when none",
    },
    {
      name: "exitDistanceM",
      unit: "m",
      low: 0,
      high: INF,
      doc: "distance along the path to the link's exit (the end of its connector lanes); lookaheadM when none",
    },
    { name: "inside", unit: "0/1", low: 0, high: 1, doc: "1 when the ego is on the link's connector lanes" },
    {
      name: "mustYield",
      unit: "0/1",
      low: 0,
      high: 1,
      doc: "1 when the link must yield to some of its foes (a minor link in the junction's right-of-way table)",
    },
    {
      name: "mustStop",
      unit: "0/1",
      low: 0,
      high: 1,
      doc: "1 when the link requires a stop before entering (SUMO link state s, w; all-way stop)",
    },
    {
      name: "routeLaneOffset",
      unit: "lanes",
      low: -INF,
      high: INF,
      doc: "lanes to move (+ left, − right) on the current road to a lane from which the path can follow the route onto its next road; 0 when the ego's lane can (or no lane can, or the road is the route's last)",
    },
    {
      name: "routeLaneDistanceM",
      unit: "m",
      low: 0,
      high: INF,
      doc: "where routeLaneOffset ≠ 0: distance to the end of the ego's lane, by which the change must be done; else 0",
    },
  ];
}

/** Columns of one `junction.foes` row (Float32): a vehicle approaching or crossing a link that conflicts with the ego's. */
export const JUNCTION_FOE_FEATURES = [
  { name: "x", unit: "m", low: -INF, high: INF, doc: "box centre, ego frame, forward" },
  { name: "y", unit: "m", low: -INF, high: INF, doc: "box centre, ego frame, left" },
  {
    name: "entryDistanceM",
    unit: "m",
    low: -INF,
    high: INF,
    doc: "its distance along its lanes to its link's entry; negative inside the junction (how far it has crossed)",
  },
  { name: "speedMps", unit: "m/s", low: -INF, high: INF, doc: "its speed along its heading" },
  { name: "inside", unit: "0/1", low: 0, high: 1, doc: "1 when it is on the conflicting link's connector lanes" },
  {
    name: "egoYields",
    unit: "0/1",
    low: 0,
    high: 1,
    doc: "1 when the ego's link must yield to its link (right of way), 0 when its link yields to the ego's or neither",
  },
  { name: "lengthM", unit: "m", low: 0, high: INF, doc: "box length" },
] as const satisfies readonly FeatureSpec[];

/** Elements of the `events` part (Uint8), in `Events` field order. */
export const EVENT_FEATURES = [
  { name: "collision", unit: "0/1", low: 0, high: 1, doc: "touched another vehicle this step" },
  { name: "offRoad", unit: "0/1", low: 0, high: 1, doc: "centre off the road surface" },
  { name: "onShoulder", unit: "0/1", low: 0, high: 1, doc: "a box corner off the road surface" },
  { name: "offRoute", unit: "0/1", low: 0, high: 1, doc: "on a normal road not on the route" },
  { name: "wrongWay", unit: "0/1", low: 0, high: 1, doc: "heading more than 90° off the lane direction" },
  { name: "notMoving", unit: "0/1", low: 0, high: 1, doc: "under 1 m driven in the last 60 s" },
  { name: "reachedGoal", unit: "0/1", low: 0, high: 1, doc: "centre within the goal radius" },
  { name: "reachedMaxSteps", unit: "0/1", low: 0, high: 1, doc: "episode step limit reached" },
  { name: "viaPointsHit", unit: "count", low: 0, high: 255, doc: "via points hit this step (capped at 255)" },
] as const satisfies readonly FeatureSpec[];

/**
 * Waypoint paths per observation: the ego's lane and its neighbour on each side. Slot `k` holds the
 * path starting on the lane at offset `k − 1` from the ego's lane (0: to the right, 1: the ego's
 * lane, 2: to the left). The compiled scenario has no field for it (see the report's schema note).
 */
export const WAYPOINT_PATHS = 3;

/** Lane slots of `roadWaypoints`: lane indices 0…4 of the current road (rightmost first). */
export const ROAD_WAYPOINT_LANES = 5;

/** Points per waypoint path that the vector carries (evenly spread over the lookahead). */
export const VECTOR_WAYPOINT_POINTS = 10;

/** Column index by name of a feature table (`columns(EGO_FEATURES).speedMps === 3`). */
export function columns<const T extends readonly FeatureSpec[]>(
  features: T,
): { readonly [K in T[number]["name"]]: number } {
  return Object.fromEntries(features.map((f, i) => [f.name, i])) as { [K in T[number]["name"]]: number };
}

/** Element names of a feature table. */
export function featureNames(features: readonly FeatureSpec[]): string[] {
  return features.map((f) => f.name);
}
