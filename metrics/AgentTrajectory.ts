/**
 * What the metrics read: one agent's episode as a list of per-step samples (DESIGN.md §9). Every
 * metric in `metrics/` is a pure function of an {@link AgentTrajectory}, so a hand-built trajectory
 * tests it exactly; {@link TrajectoryRecorder} fills one from a running simulation.
 *
 * A sample describes the world *after* the step of its tick (the simulation's frame of that tick):
 * the ego's pose and motion, where it is on the road, its road events, the action that produced the
 * step (null for the first sample, which no action produced), and the other vehicles near it.
 */

/** Another vehicle near the ego at one step (world frame, SI units). */
export interface NeighbourSample {
  id: string;
  /** Box centre (m). */
  x: number;
  y: number;
  /** Heading, counter-clockwise from east (rad). */
  headingRad: number;
  /** Speed along the heading (m/s). */
  speedMps: number;
  /** Half box length and width (m). */
  halfLengthM: number;
  halfWidthM: number;
  /** Lane id where known, '' otherwise. */
  laneId: string;
}

/** The road events of one step that metrics use (a subset of `core/events/road/Events`). */
export interface StepEvents {
  collision: boolean;
  offRoad: boolean;
  onShoulder: boolean;
  offRoute: boolean;
  wrongWay: boolean;
  reachedGoal: boolean;
}

/** One step of the ego. */
export interface AgentStep {
  /** Simulation tick of the sample. */
  tick: number;
  /** Box centre (m). */
  x: number;
  y: number;
  /** Heading, counter-clockwise from east (rad). */
  headingRad: number;
  /** Speed along the heading (m/s). */
  speedMps: number;
  /** Longitudinal acceleration (m/s²). */
  accelerationMps2: number;
  /** Lane the ego is on ('' off the road); its road, index (0 = rightmost) and whether it is a junction connector. */
  laneId: string;
  roadId: string;
  laneIndex: number;
  internalLane: boolean;
  /** Lateral offset from the lane centreline, left positive (m); 0 off the road. */
  laneOffsetM: number;
  /** Width of the lane (m); 0 off the road. */
  laneWidthM: number;
  /** Speed limit of the lane (m/s); 0 when unknown (off the road). */
  speedLimitMps: number;
  /** Metres along the mission route (NaN before the ego was first on it). */
  routePositionM: number;
  /** Straight-line distance from the centre to the goal (m); NaN without a goal. */
  goalDistanceM: number;
  events: StepEvents;
  /** The action that produced this step, as given to the environment; null when none did. */
  action: unknown;
  /** Other vehicles within the recording radius, in frame order. */
  neighbours: NeighbourSample[];
}

/** One agent's episode. */
export interface AgentTrajectory {
  agentId: string;
  /** Step length (s). */
  dtS: number;
  /** Ego half box length and width (m). */
  halfLengthM: number;
  halfWidthM: number;
  /** Route length (m); NaN for endless missions. */
  routeLengthM: number;
  /** The agent's step limit, or null when it has none. */
  maxSteps: number | null;
  /** Why its episode ended (`goal`, `collision`, `maxSteps`, `duration`, …); empty when the run stopped first. */
  doneReasons: string[];
  /** Samples in tick order, one per tick the agent was live (the first is its appearance). */
  steps: AgentStep[];
}

/** Events with nothing happened (for hand-built trajectories). */
export function quietEvents(): StepEvents {
  return { collision: false, offRoad: false, onShoulder: false, offRoute: false, wrongWay: false, reachedGoal: false };
}
