/**
 * Runs benchmark episodes: compiles a task's scenario (once per runner), makes one policy per agent
 * from the resolver and gives each agent its policy's interface (learning-agent bubbles too: their
 * learners get a policy of their own when they appear), builds the environment with makeEnv
 * (traffic, social agents, bubbles, a trajectory recorder), drives the agents and turns each agent's
 * trajectory into metrics. One runner per thread; each episode gets a fresh environment and fresh
 * policies, so results do not depend on which runner ran which task.
 */
import { makeEnv } from "../../compose/makeEnv.js";
import { PolicyDriver } from "../../compose/PolicyDriver.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { ActionSpace, AgentInterface, CompiledScenario } from "../../spec/CompiledScenario.js";
import { resolveVehicleType } from "../../core/vehicles/resolveVehicleType.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { agentEpisodeMetrics } from "../agentEpisodeMetrics.js";
import type { AgentEpisodeRecord } from "../aggregate.js";
import { decisionKey } from "../stochasticity.js";
import type { EpisodeOutcome, EpisodeTask } from "./EpisodeTask.js";
import type { BenchmarkPolicy, PolicyResolver, PolicySource } from "./PolicyResolver.js";

/** A scenario that does not compile, or an episode that failed; names the task. */
export class EpisodeError extends Error {
  constructor(task: Pick<EpisodeTask, "policy" | "scenario" | "seed" | "episode">, why: string) {
    super(
      `policy "${task.policy.name}" on scenario "${task.scenario.id}" (seed ${task.seed}, episode ${task.episode}): ${why}`,
    );
    this.name = "EpisodeError";
  }
}

/** 32-bit FNV-1a of `text`: the policy seed of an agent's episode. */
export function policySeed(seed: number, episode: number, agentId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${episode}/${agentId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The default step limit of a scenario: its duration, else its agents' longest step limit, else 1000. */
export function defaultStepLimit(s: CompiledScenario): number {
  if (s.durationS !== null) return Math.round(s.durationS / s.dtS);
  const limits = s.agents.map((a) => a.interface.maxSteps).filter((m): m is number => m !== null);
  return limits.length ? Math.max(...limits) + 1 : 1000;
}

/** `iface` with the action space and observation of `policy` where it names them. */
function withPolicy(iface: AgentInterface, policy: BenchmarkInterface | undefined): AgentInterface {
  if (!policy) return iface;
  const action = policy.actionSpace ?? iface.action;
  const observation = policy.observation ?? iface.observation;
  return action === iface.action && observation === iface.observation ? iface : { ...iface, action, observation };
}

/** What of a policy its agent's interface takes: the action space it answers in and the observation it reads. */
export type BenchmarkInterface = Pick<BenchmarkPolicy, "actionSpace" | "observation">;

/**
 * `s` with each agent's action space and observation replaced by its policy's (where the policy
 * names them), and each learning-agent bubble's by the policy its learners get (`bubblePolicies`,
 * by bubble name).
 */
export function withPolicyInterfaces(
  s: CompiledScenario,
  policies: ReadonlyMap<string, BenchmarkInterface>,
  bubblePolicies: ReadonlyMap<string, BenchmarkInterface> = new Map(),
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

/** Runs episodes; see the file comment. */
export class EpisodeRunner {
  private readonly compiled = new Map<string, { scenario: CompiledScenario; network: RoadNetwork }>();
  private readonly sources = new Map<string, Promise<PolicySource>>();

  constructor(private readonly resolver: PolicyResolver) {}

  /** Runs one task. */
  async run(task: EpisodeTask): Promise<EpisodeOutcome> {
    const compiled = this.compile(task);
    const source = await this.source(task);
    const dtS = compiled.scenario.dtS;
    const typeOf = (name: string, who: string): VehicleType => {
      const type = compiled.scenario.vehicleTypes.find((t) => t.name === name);
      if (!type) throw new EpisodeError(task, `${who}: vehicle type "${name}" is not defined`);
      return resolveVehicleType(type);
    };
    const create = async (agentId: string, scenarioActionSpace: ActionSpace, vehicleType: VehicleType) => {
      const seed = policySeed(task.seed, task.episode, agentId);
      try {
        return await source.create({ agentId, scenarioActionSpace, vehicleType, dtS, baseDir: task.baseDir, seed });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new EpisodeError(task, `agent "${agentId}": the policy cannot be made: ${why}`);
      }
    };
    // Policies first: each brings the action space and observation its agent then gets. A
    // learning-agent bubble's learners get the interface of the policy made for its first learner.
    const unused = new Map<string, BenchmarkPolicy>();
    const interfaces = new Map<string, BenchmarkPolicy>();
    const bubbleInterfaces = new Map<string, BenchmarkPolicy>();
    try {
      for (const a of compiled.scenario.agents) {
        const p = await create(a.name, a.interface.action, typeOf(a.vehicle, `agent "${a.name}"`));
        unused.set(a.name, p);
        interfaces.set(a.name, p);
      }
      for (const b of compiled.scenario.bubbles) {
        if (b.actor.kind !== "agent") continue;
        const first = `${b.name}-0`;
        const p = await create(first, b.actor.interface.action, typeOf("passenger", `bubble "${b.name}"`));
        unused.set(first, p);
        bubbleInterfaces.set(b.name, p);
      }
    } catch (e) {
      for (const p of unused.values()) await p.close?.();
      throw e;
    }
    const scenario = withPolicyInterfaces(compiled.scenario, interfaces, bubbleInterfaces);
    let env;
    try {
      env = makeEnv({ scenario, network: compiled.network }, { traffic: task.scenario.traffic, metrics: true });
    } catch (e) {
      for (const p of unused.values()) await p.close?.();
      throw new EpisodeError(task, e instanceof Error ? e.message : String(e));
    }
    // The driver takes each agent's policy when the agent first acts (a learner's, made then).
    const driver = new PolicyDriver(env, (id, vehicle) => {
      const made = unused.get(id);
      unused.delete(id);
      return made ?? create(id, vehicle.spec.interface.action, vehicle.type);
    });
    const recorder = env.outputs.metrics!;
    const limit = task.maxSteps ?? defaultStepLimit(scenario);
    let steps = 0;
    try {
      await driver.reset({ seed: task.seed });
      while (!env.sim.episodeOver && env.agents.length > 0 && steps < limit) {
        await driver.step();
        steps++;
      }
    } catch (e) {
      throw e instanceof EpisodeError ? e : new EpisodeError(task, e instanceof Error ? e.message : String(e));
    } finally {
      await env.close();
      await driver.close();
      for (const p of unused.values()) await p.close?.();
    }
    const variation = env.sim.variation.name;
    const records: AgentEpisodeRecord[] = recorder.trajectories().map((t) => ({
      policy: task.policy.name,
      scenario: task.scenario.id,
      seed: task.seed,
      episode: task.episode,
      variation,
      agentId: t.agentId,
      doneReasons: t.doneReasons,
      metrics: agentEpisodeMetrics(t, task.metricParams),
      decisions: t.steps.map((s) => decisionKey(s.action)),
    }));
    return { index: task.index, steps, variation, records };
  }

  private compile(task: EpisodeTask): { scenario: CompiledScenario; network: RoadNetwork } {
    let c = this.compiled.get(task.scenario.file);
    if (!c) {
      const r = compileScenarioFile(task.scenario.file);
      if (!r.ok) throw new EpisodeError(task, `the scenario does not compile:\n${formatDiagnostics(r.diagnostics)}`);
      c = { scenario: r.scenario, network: r.network };
      this.compiled.set(task.scenario.file, c);
    }
    return c;
  }

  private source(task: EpisodeTask): Promise<PolicySource> {
    const key = `${task.policy.locator}|${JSON.stringify(task.policy.options)}`;
    let s = this.sources.get(key);
    if (!s) {
      s = Promise.resolve(this.resolver(task.policy.locator, task.policy.options));
      this.sources.set(key, s);
    }
    return s;
  }
}
