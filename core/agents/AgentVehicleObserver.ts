/**
 * Builds the observation of one agent vehicle from a frame: its configured parts, from its own
 * state and mission progress (the same inputs the environment's standard observer uses). Social
 * agents get theirs this way in phase 1, from the previous tick's frame.
 */
import type { Observation } from "../../spec/CompiledScenario.js";
import type { AgentObservation } from "../observations/AgentObservation.js";
import { ObservationBuilder } from "../observations/ObservationBuilder.js";
import type { ObservationInput } from "../observations/ObservationInput.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { SimFrame } from "../simulation/SimFrame.js";
import { agentObservationInput, refreshObservationInput } from "../simulation/agentObservationInput.js";
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
    this.input = agentObservationInput(agent, net);
  }

  /** The agent's observation in `frame` (a fresh object; the policy may keep it). */
  observe(frame: SimFrame): AgentObservation {
    const a = this.agent;
    const input = this.input;
    refreshObservationInput(input, a, frame);
    if (this.needsMap) input.drivableArea = this.drivableArea();
    return this.builder.build(input).observation;
  }
}
