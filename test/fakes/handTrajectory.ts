/**
 * Hand-built agent trajectories for metric tests: a step builder with quiet defaults (on lane
 * `main_0` of road `main`, 3.2 m wide, 15 m/s limit, no events, no neighbours) and a vehicle
 * sample builder. Passenger-car boxes: 4 m × 1.5 m unless told otherwise.
 */
import {
  quietEvents,
  type AgentStep,
  type AgentTrajectory,
  type NeighbourSample,
} from "../../metrics/AgentTrajectory.js";

/** A step with defaults; `tick` is required. */
export function step(tick: number, s: Partial<AgentStep> = {}): AgentStep {
  return {
    tick,
    x: 0,
    y: 0,
    headingRad: 0,
    speedMps: 0,
    accelerationMps2: 0,
    laneId: "main_0",
    roadId: "main",
    laneIndex: 0,
    internalLane: false,
    laneOffsetM: 0,
    laneWidthM: 3.2,
    speedLimitMps: 15,
    routePositionM: Number.NaN,
    goalDistanceM: Number.NaN,
    events: quietEvents(),
    action: null,
    neighbours: [],
    ...s,
  };
}

/** Another vehicle (4 m × 1.5 m by default). */
export function vehicle(id: string, s: Partial<NeighbourSample> = {}): NeighbourSample {
  return { id, x: 0, y: 0, headingRad: 0, speedMps: 0, halfLengthM: 2, halfWidthM: 0.75, laneId: "", ...s };
}

/** A trajectory of `steps` (dt 0.1 s, a 4 m × 1.5 m ego, a 100 m route, 1000-step limit). */
export function trajectory(steps: AgentStep[], t: Partial<AgentTrajectory> = {}): AgentTrajectory {
  return {
    agentId: "ego",
    dtS: 0.1,
    halfLengthM: 2,
    halfWidthM: 0.75,
    routeLengthM: 100,
    maxSteps: 1000,
    doneReasons: [],
    steps,
    ...t,
  };
}

/** `n` samples of straight driving along +x from x = 0 at constant speed `v` (m/s), ticks 0…n−1. */
export function cruise(n: number, v: number, s: (k: number) => Partial<AgentStep> = () => ({})): AgentStep[] {
  return Array.from({ length: n }, (_, k) => step(k, { x: v * k * 0.1, speedMps: v, ...s(k) }));
}
