/**
 * An agent spec: what a driving agent is, apart from where it runs — its interface (action space,
 * observation parts), its policy, and the adapters between them. The same spec drives a social agent
 * (through {@link toSocialPolicy}, which the simulation runs in phase 1) and a learning agent of the
 * environment (`actFromObservation(spec, observations[id])` gives the env action).
 *
 * - `adaptObservation` turns the observation the simulation builds (`AgentObservation` of
 *   `interface.observation`) into the policy's input (a feature vector, a tensor, or the observation
 *   itself);
 * - the policy maps that input to its output (a label, logits, a number array);
 * - `adaptAction` turns the output into the wire action of `interface.action`
 *   (`core/controllers/actionSpaces.ts`).
 */
import type { ActionSpace, Observation } from "../spec/CompiledScenario.js";
import type { AgentObservation } from "../core/observations/AgentObservation.js";
import type { SocialPolicy } from "../core/agents/SocialPolicy.js";

/** A policy: input → output, maybe asynchronous, maybe with state. */
export interface Policy<In = unknown, Out = unknown> {
  /** The output for `input`. */
  act(input: In): Out | Promise<Out>;
  /** Releases resources (models, workers). */
  close?(): void | Promise<void>;
  /** The policy's state as structured-cloneable data (stateful policies only). */
  snapshot?(): unknown;
  /** Returns to a state from `snapshot`. */
  restore?(state: unknown): void;
}

/** The interface of an agent: how it acts and what it observes. */
export interface AgentSpecInterface {
  readonly action: ActionSpace;
  readonly observation: Observation;
}

/**
 * A complete agent: interface, policy and adapters. `AgentSpec` with no type arguments is a spec of
 * any input and output — what the zoo hands out: `policy.act` and `adaptAction` are methods, so a
 * spec of specific types is one of those too, and {@link actFromObservation} keeps each spec's pair
 * together.
 */
export interface AgentSpec<In = unknown, Out = unknown> {
  /** Where it came from (a locator), for messages. */
  readonly name: string;
  readonly interface: AgentSpecInterface;
  readonly policy: Policy<In, Out>;
  /** Simulation observation → policy input. */
  readonly adaptObservation: (observation: AgentObservation) => In;
  /** Policy output → wire action of `interface.action`. */
  adaptAction(output: Out): unknown;
}

/** A spec whose policy reads the observation and answers with the wire action itself (no adaptation). */
export function directSpec(
  name: string,
  iface: AgentSpecInterface,
  policy: Policy<AgentObservation, unknown>,
): AgentSpec<AgentObservation, unknown> {
  return { name, interface: iface, policy, adaptObservation: (o) => o, adaptAction: (a) => a };
}

/** The wire action of `spec` for `observation` (a promise when the policy answers asynchronously). */
export function actFromObservation<In, Out>(spec: AgentSpec<In, Out>, observation: AgentObservation): unknown {
  const out = spec.policy.act(spec.adaptObservation(observation));
  return out instanceof Promise ? out.then((o) => spec.adaptAction(o)) : spec.adaptAction(out as Out);
}

/** The spec as the simulation's social-agent policy. */
export function toSocialPolicy<In, Out>(spec: AgentSpec<In, Out>): SocialPolicy {
  const p = spec.policy;
  return {
    actionSpace: spec.interface.action,
    observation: spec.interface.observation,
    act: (observation) => actFromObservation(spec, observation),
    close: p.close ? () => p.close!() : undefined,
    snapshot: p.snapshot ? () => p.snapshot!() : undefined,
    restore: p.restore ? (s) => p.restore!(s) : undefined,
  };
}
