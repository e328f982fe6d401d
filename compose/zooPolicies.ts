/**
 * Policies from an agent zoo for {@link makePolicyEnv}: every agent gets the zoo's agent spec of
 * `locator` with `params` (its interface becomes the agent's, its adapters map observations to
 * actions). How `roadgym run --policy`, `roadgym view --policy` and the benchmark runner's zoo
 * policies are made. Via points are not passed to zoo policies.
 */
import { actFromObservation } from "../agent-zoo/AgentSpec.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import type { InterfacedPolicy, PolicyAgentContext } from "./policyEnv.js";

/** Where a zoo policy is made: relative `file:` paths start at `baseDir`; `seed` seeds a stochastic policy. */
export interface ZooPolicyPlace {
  readonly baseDir: string;
  readonly seed: number;
}

/** 32-bit FNV-1a of `seed/episode/agentId`: the seed of an agent's policy in an episode. */
export function policySeed(seed: number, episode: number, agentId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${episode}/${agentId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Every learning agent driven by zoo entry `locator` with `params`. */
export interface ZooPolicyChoice {
  readonly locator: string;
  /** The entry's parameters. @default {} */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Where relative `file:` paths start. @default the working directory */
  readonly baseDir?: string;
}

/** A fresh zoo policy for one agent. */
export async function zooPolicy(
  zoo: Zoo,
  locator: string,
  params: Readonly<Record<string, unknown>>,
  agent: PolicyAgentContext & ZooPolicyPlace,
): Promise<InterfacedPolicy> {
  const spec = await zoo.resolve(locator, params, {
    agentId: agent.agentId,
    vehicleType: agent.vehicleType,
    dtS: agent.dtS,
    baseDir: agent.baseDir,
    viaPoints: [],
    seed: agent.seed,
  });
  return {
    actionSpace: spec.interface.action,
    observation: spec.interface.observation,
    act: (o) => actFromObservation(spec, o),
    close: spec.policy.close ? () => spec.policy.close!() : undefined,
  };
}
