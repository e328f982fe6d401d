/**
 * The narrow view of a {@link Simulation} that its {@link SocialAgentManager} works through: the
 * vehicle table, ownership and physics stay private to the simulation, and every change the
 * manager makes to them (a vehicle appears, is taken from traffic, handed back, removed) goes
 * through one of these calls, so the simulation's ownership map keeps its single writer.
 */
import type { LanePosition } from "../../spec/CompiledScenario.js";
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";
import type { Rng } from "../random/Rng.js";
import type { Lane } from "../road/Lane.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import type { SimEvent } from "../simulation/SimEvent.js";
import type { SimFrame } from "../simulation/SimFrame.js";
import type { VehicleType } from "../../spec/VehicleType.js";

/** A vehicle as the host reports it to the manager. */
export interface HostVehicle {
  readonly id: string;
  readonly typeId: string;
  /** Owner name: a provider's, `agent:<id>` or `social:<id>`. */
  readonly owner: string;
  /** True when a traffic provider drives it (it can be taken over). */
  readonly byProvider: boolean;
  readonly x: number;
  readonly y: number;
  readonly headingRad: number;
  readonly speedMps: number;
  readonly laneId: string;
}

/** What the simulation lends its social-agent manager. */
export interface SocialAgentHost {
  readonly network: RoadNetwork;
  /** Step length (s). */
  readonly dtS: number;
  /** Folder of the scenario file (base of `file:` locators). */
  readonly scenarioDir: string;
  /** The current tick. */
  tick(): number;
  /** The last frame built (the previous tick's during phase 1). */
  frame(): SimFrame;
  /** The physics world of this episode. */
  world(): PhysicsWorld;
  /** A scenario vehicle type by name; throws naming `who` when there is none. */
  vehicleType(name: string, who: string): VehicleType;
  /** Lane and offset of a scenario position (`random` parts drawn from the agent's RNG fork). */
  lanePlace(position: LanePosition, agentId: string): { lane: Lane; s: number };
  /** A fork of the episode RNG. */
  forkRng(label: string): Rng;
  /** The vehicle `id`, or undefined when it does not exist. */
  vehicle(id: string): HostVehicle | undefined;
  /**
   * What is left of the route vehicle `id`'s traffic provider drives it on (normal road ids, the
   * current road first; TrafficProvider.routeOf); empty when no provider drives it or it knows none.
   */
  trafficRoute(id: string): readonly string[];
  /** Adds the (already spawned) body of `agent` as a new vehicle owned by `owner`, on `laneId`. */
  addAgentVehicle(agent: AgentVehicle, owner: string, laneId: string): void;
  /**
   * Takes vehicle `agent.id` from its traffic provider and gives it to `owner`: the provider
   * releases it, `agent` is spawned at its pose and speed, and its body replaces the old one. `role`
   * is how frames show it (a social agent, or a learning agent a bubble attached).
   */
  takeOver(agent: AgentVehicle, owner: string, role: "social" | "learning"): Promise<void>;
  /** Copies `agent`'s state after physics into its vehicle record (pose, speed, acceleration, lane). */
  syncAgentVehicle(agent: AgentVehicle): void;
  /** Removes vehicle `id` (event `vehicleRemoved` with `reason`). */
  removeVehicle(id: string, reason: string): void;
  /** Hands vehicle `id` to the first provider that accepts it with `routeRoadIds` (removes it when none does). */
  releaseToTraffic(id: string, routeRoadIds: readonly string[]): Promise<void>;
  /** Records an event in this tick's frame. */
  pushEvent(event: SimEvent): void;
}
