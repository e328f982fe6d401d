/**
 * Environments whose learning agents are driven by policies that bring their own interface, on
 * Node: the scenario compiled (or checked) against the zoo and built by makeEnv. The wiring is
 * compose/assemblePolicyEnv.ts, which the browser playground shares. What `roadgym run --policy`,
 * `roadgym view --policy` and the benchmark runner run.
 */
import type { Zoo } from "../agent-zoo/Zoo.js";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import {
  assembleDrivenEnv,
  assemblePolicyEnv,
  type InterfacedPolicyFactory,
  type PolicyEnv,
} from "./assemblePolicyEnv.js";
import type { ScenarioSource } from "./loadScenario.js";
import { loadEnvScenario, makeEnv, type MakeEnvOptions } from "./makeEnv.js";
import type { ZooPolicyChoice } from "./zooPolicies.js";

export {
  withPolicyInterfaces,
  type InterfacedPolicy,
  type InterfacedPolicyFactory,
  type PolicyAgentContext,
  type PolicyEnv,
} from "./assemblePolicyEnv.js";

/**
 * Builds `scenario`'s environment with every learning agent driven by a policy from `make`; see
 * compose/assemblePolicyEnv.ts.
 * @throws Error naming the agent whose policy cannot be made, or the vehicle type that is missing
 */
export function makePolicyEnv(
  scenario: ScenarioSource,
  make: InterfacedPolicyFactory,
  options: MakeEnvOptions = {},
): Promise<PolicyEnv> {
  return assemblePolicyEnv(loadEnvScenario(scenario, options), make, options, makeEnv);
}

/**
 * `scenario`'s environment with every learning agent driven by zoo policy `policy` (agents take its
 * interface; seeds from the agent ids; relative `file:` paths from the working directory unless it
 * says), or — without one — by the default driver (idm-mobil@v2) in each agent's own action space:
 * `roadgym run` and `roadgym view`.
 */
export function makeDrivenEnv(
  scenario: ScenarioSource,
  policy: ZooPolicyChoice | undefined,
  options: MakeEnvOptions = {},
): Promise<PolicyEnv> {
  const zoo: Zoo = options.zoo ?? createDefaultZoo();
  const loaded = loadEnvScenario(scenario, { ...options, zoo });
  return assembleDrivenEnv(
    loaded,
    policy && { ...policy, baseDir: policy.baseDir ?? process.cwd() },
    zoo,
    { ...options, zoo },
    makeEnv,
  );
}
