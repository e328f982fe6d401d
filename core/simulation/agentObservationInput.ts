/**
 * The observation builder's input for one agent's vehicle: made once per agent (it holds the
 * agent's live state objects) and refreshed from the agent's route progress before each build. The
 * env's observers and the social agents' observers share it, so both see the same fields.
 */
import type { ObservationInput } from "../observations/ObservationInput.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { AgentVehicle } from "./AgentVehicle.js";
import type { SimFrame } from "./SimFrame.js";

/** A fresh input for `agent` on `net` (call {@link refreshObservationInput} before each build). */
export function agentObservationInput(agent: AgentVehicle, net: RoadNetwork): ObservationInput {
  return {
    net,
    frame: undefined as never,
    egoIndex: -1,
    ego: { state: agent.state, jerkMps3: 0 },
    lane: undefined,
    laneS: 0,
    laneT: 0,
    routeRoads: agent.routeRoads,
    routePositionM: Number.NaN,
    routeLengthM: Number.NaN,
    goal: agent.progress.goal,
    events: agent.progress.lastEvents,
    stepsTaken: 0,
    maxSteps: agent.spec.interface.maxSteps,
  };
}

/** Points `input` at `frame` and copies `agent`'s current lane, route progress, events and step count. */
export function refreshObservationInput(input: ObservationInput, agent: AgentVehicle, frame: SimFrame): void {
  input.frame = frame;
  input.egoIndex = frame.indexOf(agent.id);
  input.ego.jerkMps3 = agent.jerkMps3;
  input.lane = agent.progress.lane;
  input.laneS = agent.progress.laneS;
  input.laneT = agent.progress.laneT;
  input.routePositionM = agent.progress.routePositionM;
  input.routeLengthM = agent.progress.routeLengthM;
  input.goal = agent.progress.goal;
  input.events = agent.progress.lastEvents;
  input.stepsTaken = agent.stepsTaken;
}
