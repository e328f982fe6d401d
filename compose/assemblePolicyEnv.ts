/**
 * Environments whose learning agents are driven by policies that bring their own interface (a
 * zoo entry, a trained policy): the policy decides the action space it answers in and the
 * observation it reads, the scenario the missions and vehicles (SMARTS's agent specs). Policies are
 * made first — one per scenario agent, and one for the first learner of each learning-agent bubble —
 * their interfaces written into the scenario, the environment built by the platform's composition
 * root, and a {@link PolicyDriver} hands each agent its policy (a learner's is made when it appears).
 * No file system here: Node's entry points (compose/policyEnv.ts: `roadgym run --policy`,
 * `roadgym view --policy`, the benchmark runner) and the browser playground build on it.
 */
import { defaultDriverObservation } from "../agent-zoo/defaultDriver.js";
import type { Zoo } from "../agent-zoo/Zoo.js";
import { resolveVehicleType } from "../core/vehicles/resolveVehicleType.js";
import type { AgentInterface, ActionSpace, CompiledScenario, Observation } from "../spec/CompiledScenario.js";
import type { VehicleType } from "../spec/VehicleType.js";
import type { MakeEnvOptions } from "./assembleEnv.js";
import type { LoadedScenario } from "./loadScenario.js";
import { PolicyDriver, type AgentPolicy } from "./PolicyDriver.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";
import { policySeed, zooPolicy, type ZooPolicyChoice } from "./zooPolicies.js";

/** Builds an environment of a loaded scenario: the platform's composition root (Node's makeEnv, the browser's assembleEnv). */
export type EnvBuilder = (loaded: LoadedScenario, options: MakeEnvOptions) => RoadgymEnv;

/** A policy for one agent, with the interface it needs. */
export interface InterfacedPolicy extends AgentPolicy {
  /** The action space it answers in; null: the agent's own. */
  readonly actionSpace: ActionSpace | null;
  /** The observation it reads; null: the agent's own. */
  readonly observation: Observation | null;
}

/** What a policy is made for. */
export interface PolicyAgentContext {
  readonly agentId: string;
  /** The action space the scenario gave the agent. */
  readonly scenarioActionSpace: ActionSpace;
  readonly vehicleType: VehicleType;
  /** Step length (s). */
  readonly dtS: number;
}

/** Makes the policy of an agent. */
export type InterfacedPolicyFactory = (agent: PolicyAgentContext) => InterfacedPolicy | Promise<InterfacedPolicy>;

/** An environment with its policy driver; `close` closes both. */
export interface PolicyEnv {
  readonly env: RoadgymEnv;
  readonly driver: PolicyDriver;
  close(): Promise<void>;
}

/** The interface of `iface` with the action space and observation of `policy` where it names them. */
function withPolicy(iface: AgentInterface, policy: InterfacedPolicy | undefined): AgentInterface {
  if (!policy) return iface;
  const action = policy.actionSpace ?? iface.action;
  const observation = policy.observation ?? iface.observation;
  return action === iface.action && observation === iface.observation ? iface : { ...iface, action, observation };
}

/**
 * `s` with each agent's action space and observation replaced by its policy's (where the policy
 * names them), and each learning-agent bubble's by the policy its learners get (`bubblePolicies`,
 * by bubble name).
 */
export function withPolicyInterfaces(
  s: CompiledScenario,
  policies: ReadonlyMap<string, InterfacedPolicy>,
  bubblePolicies: ReadonlyMap<string, InterfacedPolicy> = new Map(),
): CompiledScenario {
  return {
    ...s,
    agents: s.agents.map((a) => {
      const iface = withPolicy(a.interface, policies.get(a.name));
      return iface === a.interface ? a : { ...a, interface: iface };
    }),
    bubbles: s.bubbles.map((b) => {
      const actor = b.actor;
      if (actor.kind !== "agent") return b;
      const iface = withPolicy(actor.interface, bubblePolicies.get(b.name));
      return iface === actor.interface ? b : { ...b, actor: { ...actor, interface: iface } };
    }),
  };
}

/**
 * Builds the environment of `loaded` with `build` (the platform's composition root), every learning
 * agent driven by a policy from `make`; see the file comment.
 * @throws Error naming the agent whose policy cannot be made, or the vehicle type that is missing
 */
export async function assemblePolicyEnv(
  loaded: LoadedScenario,
  make: InterfacedPolicyFactory,
  options: MakeEnvOptions,
  build: EnvBuilder,
): Promise<PolicyEnv> {
  const compiled = loaded.scenario;
  const typeOf = (name: string, who: string): VehicleType => {
    const type = compiled.vehicleTypes.find((t) => t.name === name);
    if (!type) throw new Error(`${who}: vehicle type "${name}" is not defined`);
    return resolveVehicleType(type);
  };
  const create = async (agentId: string, scenarioActionSpace: ActionSpace, vehicleType: VehicleType) => {
    try {
      return await make({ agentId, scenarioActionSpace, vehicleType, dtS: compiled.dtS });
    } catch (e) {
      throw new Error(`agent "${agentId}": the policy cannot be made: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  };
  // Policies not yet handed to the driver (closed here if they never are).
  const unused = new Map<string, InterfacedPolicy>();
  const closeUnused = async () => {
    for (const p of unused.values()) await p.close?.();
    unused.clear();
  };
  const interfaces = new Map<string, InterfacedPolicy>();
  const bubbleInterfaces = new Map<string, InterfacedPolicy>();
  let env: RoadgymEnv;
  try {
    for (const a of compiled.agents) {
      const p = await create(a.name, a.interface.action, typeOf(a.vehicle, `agent "${a.name}"`));
      unused.set(a.name, p);
      interfaces.set(a.name, p);
    }
    for (const b of compiled.bubbles) {
      if (b.actor.kind !== "agent") continue;
      const first = `${b.name}-0`;
      const p = await create(first, b.actor.interface.action, typeOf("passenger", `bubble "${b.name}"`));
      unused.set(first, p);
      bubbleInterfaces.set(b.name, p);
    }
    const rewritten = withPolicyInterfaces(compiled, interfaces, bubbleInterfaces);
    env = build({ ...loaded, scenario: rewritten }, options);
  } catch (e) {
    await closeUnused();
    throw e;
  }
  // The driver takes each agent's policy when the agent first acts (a learner's, made then).
  const driver = new PolicyDriver(env, (id, vehicle) => {
    const made = unused.get(id);
    unused.delete(id);
    return made ?? create(id, vehicle.spec.interface.action, vehicle.type);
  });
  return {
    env,
    driver,
    async close() {
      try {
        await env.close();
      } finally {
        await driver.close();
        await closeUnused();
      }
    },
  };
}

/**
 * The environment of `loaded`, built with `build`, with every learning agent driven by `zoo`'s
 * policy `policy` (agents take its interface; seeds from the agent ids), or — without one — by
 * the default driver (idm-mobil@v2, `agent-zoo/defaultDriver.ts`) in each agent's own action space:
 * `roadgym run`, `roadgym view` and the playground.
 */
export async function assembleDrivenEnv(
  loaded: LoadedScenario,
  policy: (ZooPolicyChoice & { readonly baseDir: string }) | undefined,
  zoo: Zoo,
  options: MakeEnvOptions,
  build: EnvBuilder,
): Promise<PolicyEnv> {
  if (policy) {
    const baseDir = policy.baseDir;
    return assemblePolicyEnv(
      loaded,
      (agent) =>
        zooPolicy(zoo, policy.locator, policy.params ?? {}, {
          ...agent,
          baseDir,
          seed: policySeed(0, 0, agent.agentId),
        }),
      { ...options, zoo },
      build,
    );
  }
  const env = build(loaded, { observation: defaultDriverObservation(), ...options, zoo });
  const driver = new PolicyDriver(env);
  return {
    env,
    driver,
    async close() {
      try {
        await env.close();
      } finally {
        await driver.close();
      }
    },
  };
}
