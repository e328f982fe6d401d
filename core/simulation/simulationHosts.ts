/**
 * The views of a simulation that its social-agent manager and its bubble phase work through
 * ({@link SocialAgentHost}, {@link BubbleHost}). Neither touches the vehicle table or the physics
 * world directly: every vehicle they add, take, hand over or remove goes through the
 * {@link VehicleTable}'s `add`, `transfer` and `remove`, so ownership keeps its single writer.
 */
import type { LanePosition } from "../../spec/CompiledScenario.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import type { SocialAgentHost } from "../agents/SocialAgentHost.js";
import type { SocialAgentManager } from "../agents/SocialAgentManager.js";
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";
import type { Rng } from "../random/Rng.js";
import type { Lane } from "../road/Lane.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { BubbleHost } from "./BubblePhase.js";
import type { SimEvent } from "./SimEvent.js";
import type { SimFrame } from "./SimFrame.js";
import { copyMotion, type VehicleTable } from "./VehicleTable.js";

/** What both hosts are made from: the simulation's state, read through functions (it changes per episode). */
export interface HostContext {
  readonly network: RoadNetwork;
  readonly dtS: number;
  readonly scenarioDir: string;
  readonly table: VehicleTable;
  tick(): number;
  frame(): SimFrame;
  world(): PhysicsWorld;
  vehicleType(name: string, who: string): VehicleType;
  lanePlace(position: LanePosition, agentId: string): { lane: Lane; s: number };
  forkRng(label: string): Rng;
  providerNames(): readonly string[];
  pushEvent(event: SimEvent): void;
}

/** The social-agent manager's view of the simulation. */
export function socialAgentHost(ctx: HostContext): SocialAgentHost {
  const { table } = ctx;
  return {
    network: ctx.network,
    dtS: ctx.dtS,
    scenarioDir: ctx.scenarioDir,
    tick: ctx.tick,
    frame: ctx.frame,
    world: ctx.world,
    vehicleType: ctx.vehicleType,
    lanePlace: ctx.lanePlace,
    forkRng: ctx.forkRng,
    vehicle: (id) => {
      const r = table.get(id);
      return (
        r && {
          id: r.id,
          typeId: r.type.id,
          owner: r.owner,
          byProvider: r.provider !== null,
          x: r.x,
          y: r.y,
          headingRad: r.headingRad,
          speedMps: r.speedMps,
          laneId: r.laneId,
        }
      );
    },
    trafficRoute: (id) => table.get(id)?.provider?.routeOf?.(id) ?? [],
    addAgentVehicle: (agent, owner, laneId) => {
      const st = agent.state;
      table.add(
        agent.id,
        agent.type,
        { kind: "agent", name: owner, agent, role: "social" },
        { x: st.x, y: st.y, headingRad: st.headingRad, speedMps: st.speedMps, accelerationMps2: 0, laneId },
      );
    },
    takeOver: async (agent, owner, role) => {
      await table.transfer(table.require(agent.id), { kind: "agent", agent, owner, role });
    },
    syncAgentVehicle: (agent) => {
      const r = table.require(agent.id);
      copyMotion(r, agent.state);
      r.laneId = agent.progress.lane?.id ?? "";
    },
    removeVehicle: (id, reason) => table.remove(table.require(id), reason),
    releaseToTraffic: async (id, routeRoadIds) => {
      await table.transfer(table.require(id), { kind: "traffic", routeRoadIds });
    },
    pushEvent: ctx.pushEvent,
  };
}

/** The bubble phase's view of the simulation. */
export function bubbleHost(ctx: HostContext, social: SocialAgentManager | null): BubbleHost {
  const { table } = ctx;
  return {
    network: ctx.network,
    dtS: ctx.dtS,
    tick: ctx.tick,
    vehicles: () => table.list,
    vehicle: (id) => table.get(id),
    providerNames: ctx.providerNames,
    social,
    handToProvider: (vehicleId, name) => table.transfer(table.require(vehicleId), { kind: "provider", name }),
    pushEvent: ctx.pushEvent,
  };
}
