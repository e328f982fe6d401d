/**
 * The benchmark runner's policy plug-in (STYLE.md §9): a resolver turns a suite's locator and
 * options into a policy source; the source makes one policy per agent and episode. A policy brings
 * its interface — the action space it answers in and the observation it reads — and the runner
 * gives the scenario's agents that interface (the scenario supplies missions and vehicles, the
 * policy under test its interface, as in SMARTS's agent specs). The runner never imports a concrete
 * policy: the composition root hands it a resolver (`defaultPolicyResolver.ts`, the agent zoo;
 * workers load theirs from a module, see `runBenchmark`).
 */
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import type { ActionSpace, Observation } from "../../spec/CompiledScenario.js";
import type { VehicleType } from "../../spec/VehicleType.js";

/** A policy driving one agent for one episode. */
export interface BenchmarkPolicy {
  /** The action space it answers in; null: the scenario agent's own. */
  readonly actionSpace: ActionSpace | null;
  /** The observation it reads; null: the scenario agent's own. */
  readonly observation: Observation | null;
  /** The action for this step's observation (any form the action space accepts), maybe asynchronously. */
  act(observation: AgentObservation): unknown;
  /** Releases resources (models, workers) at the end of the episode. */
  close?(): void | Promise<void>;
}

/** What a policy is made for. */
export interface PolicyAgentContext {
  agentId: string;
  /** The action space the scenario gave the agent. */
  scenarioActionSpace: ActionSpace;
  vehicleType: VehicleType;
  /** Step length (s). */
  dtS: number;
  /** Folder of the scenario file (relative paths in options start there). */
  baseDir: string;
  /** A seed for the policy's own randomness, derived from the episode's seed, episode index and agent id. */
  seed: number;
}

/** A resolved locator. */
export interface PolicySource {
  /** The locator as resolved (for the report). */
  locator: string;
  /** A fresh policy for one agent's episode. */
  create(agent: PolicyAgentContext): BenchmarkPolicy | Promise<BenchmarkPolicy>;
}

/** Resolves a locator; throws {@link PolicyLocatorError} for one it does not know or options it rejects. */
export type PolicyResolver = (
  locator: string,
  options: Readonly<Record<string, unknown>>,
) => PolicySource | Promise<PolicySource>;

/** A locator the resolver does not know, or options it rejects. */
export class PolicyLocatorError extends Error {
  constructor(
    readonly locator: string,
    why: string,
  ) {
    super(`policy "${locator}": ${why}`);
    this.name = "PolicyLocatorError";
  }
}

/** What a resolver module (loaded by benchmark workers) exports. */
export interface PolicyResolverModule {
  createPolicyResolver(): PolicyResolver | Promise<PolicyResolver>;
}
