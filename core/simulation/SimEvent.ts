/**
 * What the simulation reports as having happened at a tick, beyond vehicle motion: plain data that
 * frames carry to observations, metrics and replays.
 */

/** A collision between two vehicles that began this tick (`a < b` by id). */
export interface CollisionRecord {
  a: string;
  b: string;
}

/** A vehicle appeared (inserted by a provider or spawned for an agent). */
export interface VehicleAddedEvent {
  kind: "vehicleAdded";
  vehicleId: string;
  owner: string;
}

/** A vehicle left the simulation (arrived, removed, or its agent's episode ended). */
export interface VehicleRemovedEvent {
  kind: "vehicleRemoved";
  vehicleId: string;
  owner: string;
  /** Why: `arrived`, `agentDone`, `released` (no provider took it), `removed`. */
  reason: string;
}

/** Control of a vehicle passed from one owner to another. */
export interface OwnerChangedEvent {
  kind: "ownerChanged";
  vehicleId: string;
  from: string;
  to: string;
}

/** An agent's episode ended. */
export interface AgentDoneEvent {
  kind: "agentDone";
  agentId: string;
  /** The done criteria that held (e.g. `goal`, `collision`), in a fixed order. */
  reasons: string[];
  /** True when only the step limit ended it (a truncation, not a termination). */
  truncated: boolean;
}

/** Anything the simulation records at a tick. */
export type SimEvent = VehicleAddedEvent | VehicleRemovedEvent | OwnerChangedEvent | AgentDoneEvent;
