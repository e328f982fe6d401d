/**
 * The standard observer: each agent's configured observation (`agent.interface.observation`),
 * built by `core/observations` from the simulation's frame and the agent's vehicle and mission
 * state. The drivable-area bitmap, which grids, the RGB raster and lidar need, is built once per
 * environment, the first time an agent needs it.
 */
import type { AgentInterface, Observation } from "../../spec/CompiledScenario.js";
import type { ObservationInput } from "../observations/ObservationInput.js";
import { ObservationBuilder } from "../observations/ObservationBuilder.js";
import { observationSpace } from "../observations/observationSpace.js";
import type { AgentObservation, ObservationInfo } from "../observations/AgentObservation.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { Simulation } from "../simulation/Simulation.js";
import { agentObservationInput, refreshObservationInput } from "../simulation/agentObservationInput.js";
import type { AgentObserver, ObserverFactory } from "./ParallelEnv.js";

/** An observer that also keeps the non-numeric side of the last observation (ids) for infos. */
export interface StandardObserver extends AgentObserver {
  observe(agent: AgentVehicle, sim: Simulation): AgentObservation;
  /** Ids of the last observation (lane, road, neighbour vehicle ids, signal). */
  lastInfo(): ObservationInfo | undefined;
}

/** What a drivable-area map needs: whether any part of `o` reads it. */
function needsDrivableArea(o: Observation): boolean {
  return o.drivableArea.enabled || o.rgb.enabled || o.lidar.enabled;
}

/**
 * An observer factory for the agents' own observation configs; `override` replaces them: one config
 * for every agent (e.g. a policy's observation needs), or one per agent interface (asked for a
 * bubble's learner before its capture too, for its space).
 */
export function standardObserver(override?: Observation | ((iface: AgentInterface) => Observation)): ObserverFactory {
  let drivable: DrivableAreaMap | undefined;
  const configOf = (iface: AgentInterface): Observation =>
    override === undefined ? iface.observation : typeof override === "function" ? override(iface) : override;
  const make = (agent: AgentVehicle, sim: Simulation): StandardObserver => {
    const config = configOf(agent.spec.interface);
    const builder = new ObservationBuilder(config);
    let info: ObservationInfo | undefined;
    const input: ObservationInput = agentObservationInput(agent, sim.network);
    return {
      space: observationSpace(config),
      observe(a: AgentVehicle, s: Simulation): AgentObservation {
        if (needsDrivableArea(config) && !drivable) drivable = new DrivableAreaMap(s.network);
        const frame = s.frame;
        refreshObservationInput(input, a, frame);
        input.drivableArea = drivable;
        const r = builder.build(input);
        info = r.info;
        return r.observation;
      },
      lastInfo: () => info,
    };
  };
  return Object.assign(make, { space: (iface: AgentInterface) => observationSpace(configOf(iface)) });
}
