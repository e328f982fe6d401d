/**
 * The per-vehicle road events of one step (DESIGN.md §4, phase 4): plain data, read by
 * observations, done criteria, rewards and replays. {@link MissionProgress} fills one of these
 * every step.
 */

/** What happened to one agent vehicle at one step. */
export interface Events {
  /** The vehicle touched another vehicle or an obstacle this step (supplied by the collision phase). */
  collision: boolean;
  /** The vehicle's centre is on no lane surface (of a lane its class may use) and in no junction outline. */
  offRoad: boolean;
  /** The centre is on the road but a corner of the vehicle's box is off it. */
  onShoulder: boolean;
  /** The vehicle is on a normal road that is not on its mission route (never inside junctions, never off road). */
  offRoute: boolean;
  /** On a normal road, the heading differs from its lane's direction by more than 90° (never inside junctions). */
  wrongWay: boolean;
  /** Less than the minimum distance (1 m) driven in the last window (60 s) of simulated time. */
  notMoving: boolean;
  /** The vehicle's centre is within the goal radius (2 m) of the mission's end point. */
  reachedGoal: boolean;
  /** The agent has taken its maximum number of episode steps. */
  reachedMaxSteps: boolean;
  /** Indices into the mission's via points that were hit at this step; each via point is hit at most once. */
  viaPointsHit: number[];
}

/** Events with nothing happened. */
export function emptyEvents(): Events {
  return {
    collision: false,
    offRoad: false,
    onShoulder: false,
    offRoute: false,
    wrongWay: false,
    notMoving: false,
    reachedGoal: false,
    reachedMaxSteps: false,
    viaPointsHit: [],
  };
}

/** A deep copy (events objects handed out by {@link MissionProgress} are reused every step). */
export function copyEvents(e: Readonly<Events>): Events {
  return { ...e, viaPointsHit: [...e.viaPointsHit] };
}
