/**
 * The standard observer: each agent's configured observation (`agent.interface.observation`),
 * built by `core/observations` from the simulation's frame and the agent's vehicle and mission
 * state. The drivable-area bitmap, which grids, the RGB raster and lidar need, is built once per
 * environment, the first time an agent needs it.
 */
import type { Observation } from "../../scenario-dsl/CompiledScenario.js";
import type { ObservationInput } from "../observations/ObservationInput.js";
import { ObservationBuilder } from "../observations/ObservationBuilder.js";
import { observationSpace } from "../observations/observationSpace.js";
import type { AgentObservation, ObservationInfo } from "../observations/AgentObservation.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { Simulation } from "../simulation/Simulation.js";
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
 * An observer factory for the agents' own observation configs; `override` replaces every agent's
 * config (e.g. a policy's observation needs).
 */
export function standardObserver(override?: Observation): ObserverFactory {
  let drivable: DrivableAreaMap | undefined;
  return (agent: AgentVehicle, sim: Simulation): StandardObserver => {
    const config = override ?? agent.spec.interface.observation;
    const builder = new ObservationBuilder(config);
    let info: ObservationInfo | undefined;
    const input: ObservationInput = {
      net: sim.network,
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
    return {
      space: observationSpace(config),
      observe(a: AgentVehicle, s: Simulation): AgentObservation {
        if (needsDrivableArea(config) && !drivable) drivable = new DrivableAreaMap(s.network);
        const frame = s.frame;
        input.frame = frame;
        input.egoIndex = frame.indexOf(a.id);
        input.ego.jerkMps3 = a.jerkMps3;
        input.lane = a.progress.lane;
        input.laneS = a.progress.laneS;
        input.laneT = a.progress.laneT;
        input.routePositionM = a.progress.routePositionM;
        input.routeLengthM = a.progress.routeLengthM;
        input.events = a.progress.lastEvents;
        input.stepsTaken = a.stepsTaken;
        input.drivableArea = drivable;
        const r = builder.build(input);
        info = r.info;
        return r.observation;
      },
      lastInfo: () => info,
    };
  };
}
