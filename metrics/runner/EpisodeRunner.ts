/**
 * Runs benchmark episodes: compiles a task's scenario (once per runner), makes one policy per agent
 * from the resolver and gives each agent its policy's interface, builds the traffic, drives the
 * agents, records trajectories with a
 * {@link TrajectoryRecorder} and turns each agent's trajectory into metrics. One runner per thread;
 * each episode gets a fresh environment and fresh policies, so results do not depend on which
 * runner ran which task.
 */
import { buildProviders } from "../../cli/buildProviders.js";
import { ParallelEnv, type ObserverFactory } from "../../core/env/ParallelEnv.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { CompiledScenario, Observation } from "../../spec/CompiledScenario.js";
import { resolveVehicleType } from "../../core/vehicles/resolveVehicleType.js";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { agentEpisodeMetrics } from "../agentEpisodeMetrics.js";
import type { AgentEpisodeRecord } from "../aggregate.js";
import { decisionKey } from "../stochasticity.js";
import { TrajectoryRecorder } from "../TrajectoryRecorder.js";
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

/** `s` with each agent's action space replaced by its policy's (where the policy names one). */
export function withPolicyInterfaces(
  s: CompiledScenario,
  policies: ReadonlyMap<string, BenchmarkPolicy>,
): CompiledScenario {
  if (s.agents.every((a) => (policies.get(a.name)?.actionSpace ?? a.interface.action) === a.interface.action)) return s;
  return {
    ...s,
    agents: s.agents.map((a) => {
      const action = policies.get(a.name)?.actionSpace ?? a.interface.action;
      return action === a.interface.action ? a : { ...a, interface: { ...a.interface, action } };
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
    // Policies first: each brings the action space and observation its agent then gets.
    const policies = new Map<string, BenchmarkPolicy>();
    for (const a of compiled.scenario.agents) {
      const type = compiled.scenario.vehicleTypes.find((t) => t.name === a.vehicle);
      if (!type) throw new EpisodeError(task, `agent "${a.name}": vehicle type "${a.vehicle}" is not defined`);
      const ctx = {
        agentId: a.name,
        scenarioActionSpace: a.interface.action,
        vehicleType: resolveVehicleType(type),
        dtS: compiled.scenario.dtS,
        baseDir: task.baseDir,
        seed: policySeed(task.seed, task.episode, a.name),
      };
      try {
        policies.set(a.name, await source.create(ctx));
      } catch (e) {
        throw new EpisodeError(
          task,
          `agent "${a.name}": the policy cannot be made: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    const scenario = withPolicyInterfaces(compiled.scenario, policies);
    const recorder = new TrajectoryRecorder();
    const observers = new Map<Observation, ObserverFactory>();
    const env = new ParallelEnv(scenario, compiled.network, {
      providers: buildProviders(scenario, task.scenario.traffic),
      sinks: [recorder],
      observer: (agent, sim) => {
        const config = policies.get(agent.id)!.observation ?? agent.spec.interface.observation;
        let f = observers.get(config);
        if (!f) observers.set(config, (f = standardObserver(config)));
        return f(agent, sim);
      },
    });
    recorder.attach(env.sim);
    const limit = task.maxSteps ?? defaultStepLimit(scenario);
    let steps = 0;
    try {
      let { observations } = await env.reset({ seed: task.seed });
      while (!env.sim.episodeOver && env.agents.length > 0 && steps < limit) {
        const actions: Record<string, unknown> = {};
        for (const id of env.agents) {
          const a = policies.get(id)!.act(observations[id] as AgentObservation);
          actions[id] = a instanceof Promise ? await a : a;
        }
        recorder.noteActions(actions);
        const r = await env.step(actions);
        observations = { ...observations, ...r.observations };
        steps++;
      }
    } catch (e) {
      throw new EpisodeError(task, e instanceof Error ? e.message : String(e));
    } finally {
      await env.close();
      for (const p of policies.values()) await p.close?.();
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
