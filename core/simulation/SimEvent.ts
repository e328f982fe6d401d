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

/**
 * A social agent's policy was stopped: it threw, ran past its step budget, or answered with an
 * invalid action. Its vehicle goes to the first traffic provider that accepts it (else it is
 * removed); the run goes on.
 */
export interface AgentFailedEvent {
  kind: "agentFailed";
  agentId: string;
  vehicleId: string;
  /** `threw`, `timeout` or `invalidAction`. */
  reason: "threw" | "timeout" | "invalidAction";
  /** What went wrong, in words (the error message, the time taken, the action check). */
  detail: string;
}

/** A bubble transition of one vehicle (DESIGN.md §6, docs/bubbles.md). */
export type BubbleTransitionKind = "airlockEntered" | "entered" | "exited" | "airlockExited";

/**
 * A vehicle crossed a bubble boundary: `airlockEntered` (the actor starts shadowing), `entered` (the
 * actor controls it), `exited` (back in the margin ring: nothing changes), `airlockExited` (released
 * to traffic). `detail` says why when it is not the plain crossing: `inactive` (the bubble's time
 * window closed or its followed vehicle left), `gone` (the vehicle left the simulation), `lost` (the
 * actor let it go on its own: policy failure, episode end), `refused` (the target provider did not
 * take it).
 */
export interface BubbleTransitionEvent {
  kind: "bubble";
  bubble: string;
  vehicleId: string;
  transition: BubbleTransitionKind;
  /** The actor's agent id for this vehicle (zoo or learning agent), null for a provider actor. */
  agentId: string | null;
  detail?: "inactive" | "gone" | "lost" | "refused";
}

/** Anything the simulation records at a tick. */
export type SimEvent =
  | VehicleAddedEvent
  | VehicleRemovedEvent
  | OwnerChangedEvent
  | AgentDoneEvent
  | AgentFailedEvent
  | BubbleTransitionEvent;
