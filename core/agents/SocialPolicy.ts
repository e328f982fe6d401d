/**
 * What the simulation needs of a social agent's policy (DESIGN.md §7): the action space it answers
 * in, the observation parts it reads, and `act`. `core` defines the contract only; the agent zoo
 * (`agent-zoo/`) makes policies and the composition root (`compose/makeEnv`) hands the
 * simulation a {@link SocialPolicyResolver} that turns a scenario's `zoo "<locator>" { params }`
 * into one. `core` never imports a concrete policy.
 *
 * `act` may answer synchronously (in-process policies) or with a promise (a policy running in a
 * worker thread); the simulation awaits every social agent's answer in phase 1 and applies them in
 * sorted agent-id order, so the order in which promises settle never matters.
 */
import type { ActionSpace, Observation, PolicyRef } from "../../spec/CompiledScenario.js";
import type { AgentObservation } from "../observations/AgentObservation.js";
import type { VehicleType } from "../../spec/VehicleType.js";

/** A running policy instance, driving one vehicle for one episode. */
export interface SocialPolicy {
  /** The action space `act` answers in (the vehicle's controller follows from it). */
  readonly actionSpace: ActionSpace;
  /** The observation config the simulation builds for `act` (only the parts the policy reads). */
  readonly observation: Observation;
  /** The action (wire form, see `core/controllers/actionSpaces.ts`) for this step's observation. */
  act(observation: AgentObservation): unknown;
  /** Releases resources (a worker thread, a model). Called once when the policy stops driving. */
  close?(): void | Promise<void>;
  /** The policy's own state as structured-cloneable data, for simulation snapshots (stateless policies leave it out). */
  snapshot?(): unknown;
  /** Returns to a state from `snapshot`. */
  restore?(state: unknown): void;
}

/** A point of the mission the policy may steer for, in the world frame. */
export interface PolicyViaPoint {
  /** Centre of the via point's lane at its offset (m). */
  x: number;
  y: number;
  /** Speed required there (m/s). */
  speedMps: number;
}

/** What a resolver is asked for: one policy for one social agent. */
export interface SocialPolicyRequest {
  /** The social agent's id (a scenario name, or the id given to `attach`). */
  readonly agentId: string;
  /** Locator and parameters as the scenario wrote them (values in SI). */
  readonly ref: PolicyRef;
  /** The vehicle the policy drives (dimensions and limits). */
  readonly vehicleType: VehicleType;
  /** Step length (s). */
  readonly dtS: number;
  /** Folder that `file:` locators and file parameters are relative to (the scenario's). */
  readonly baseDir: string;
  /** The mission's via points in order, in the world frame (empty without any). */
  readonly viaPoints: readonly PolicyViaPoint[];
  /** A seed drawn from the simulation's RNG for this agent, for stochastic policies (`Rng` accepts it). */
  readonly seed: number;
}

/**
 * Makes the policy of a social agent. Throws (or rejects) with a message naming the locator and the
 * parameter when the request is bad: the simulation reports it with the agent's name.
 */
export type SocialPolicyResolver = (request: SocialPolicyRequest) => SocialPolicy | Promise<SocialPolicy>;
