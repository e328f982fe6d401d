/**
 * Builds the observation of one agent vehicle from a frame: its configured parts, from its own
 * state and mission progress (the same inputs the environment's standard observer uses). Social
 * agents get theirs this way in phase 1, from the previous tick's frame.
 */
import type { Observation } from "../../scenario-dsl/CompiledScenario.js";
import type { AgentObservation } from "../observations/AgentObservation.js";
import { ObservationBuilder } from "../observations/ObservationBuilder.js";
import type { ObservationInput } from "../observations/ObservationInput.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { SimFrame } from "../simulation/SimFrame.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";

/** One agent vehicle's observation builder. */
export class AgentVehicleObserver {
  private readonly builder: ObservationBuilder;
  private readonly input: ObservationInput;
  private readonly needsMap: boolean;

  /** `drivableArea` is asked for (once, lazily) only when `config` has a part that reads it. */
  constructor(
    readonly agent: AgentVehicle,
    config: Observation,
    net: RoadNetwork,
    private readonly drivableArea: () => DrivableAreaMap,
  ) {
    this.builder = new ObservationBuilder(config);
    this.needsMap = config.drivableArea.enabled || config.rgb.enabled || config.lidar.enabled;
    this.input = {
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

  /** The agent's observation in `frame` (a fresh object; the policy may keep it). */
  observe(frame: SimFrame): AgentObservation {
    const a = this.agent;
    const input = this.input;
    input.frame = frame;
    input.egoIndex = frame.indexOf(a.id);
    input.ego.jerkMps3 = a.jerkMps3;
    input.lane = a.progress.lane;
    input.laneS = a.progress.laneS;
    input.laneT = a.progress.laneT;
    input.routePositionM = a.progress.routePositionM;
    input.routeLengthM = a.progress.routeLengthM;
    input.goal = a.progress.goal;
    input.events = a.progress.lastEvents;
    input.stepsTaken = a.stepsTaken;
    if (this.needsMap) input.drivableArea = this.drivableArea();
    return this.builder.build(input).observation;
  }
}
