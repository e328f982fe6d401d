/**
 * Runs benchmark episodes: compiles a task's scenario (once per runner), makes one policy per agent
 * from the resolver and gives each agent its policy's interface (learning-agent bubbles too: their
 * learners get a policy of their own when they appear), builds the environment with makeEnv
 * (traffic, social agents, bubbles, a trajectory recorder), drives the agents and turns each agent's
 * trajectory into metrics. One runner per thread; each episode gets a fresh environment and fresh
 * policies, so results do not depend on which runner ran which task.
 */
import { makePolicyEnv, type PolicyEnv } from "../../compose/policyEnv.js";
import { policySeed } from "../../compose/zooPolicies.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { CompiledScenario } from "../../spec/CompiledScenario.js";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { agentEpisodeMetrics } from "../agentEpisodeMetrics.js";
import type { AgentEpisodeRecord } from "../aggregate.js";
import { decisionKey } from "../stochasticity.js";
import type { EpisodeOutcome, EpisodeTask } from "./EpisodeTask.js";
import type { PolicyResolver, PolicySource } from "./PolicyResolver.js";

/** A scenario that does not compile, or an episode that failed; names the task. */
export class EpisodeError extends Error {
  constructor(task: Pick<EpisodeTask, "policy" | "scenario" | "seed" | "episode">, why: string) {
    super(
      `policy "${task.policy.name}" on scenario "${task.scenario.id}" (seed ${task.seed}, episode ${task.episode}): ${why}`,
    );
    this.name = "EpisodeError";
  }
}

/** The default step limit of a scenario: its duration, else its agents' longest step limit, else 1000. */
export function defaultStepLimit(s: CompiledScenario): number {
  if (s.durationS !== null) return Math.round(s.durationS / s.dtS);
  const limits = s.agents.map((a) => a.interface.maxSteps).filter((m): m is number => m !== null);
  return limits.length ? Math.max(...limits) + 1 : 1000;
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
    let built: PolicyEnv;
    try {
      built = await makePolicyEnv(
        compiled,
        (agent) =>
          source.create({
            ...agent,
            baseDir: task.baseDir,
            seed: policySeed(task.seed, task.episode, agent.agentId),
          }),
        { traffic: task.scenario.traffic, metrics: true },
      );
    } catch (e) {
      throw new EpisodeError(task, e instanceof Error ? e.message : String(e));
    }
    const { env, driver } = built;
    const recorder = env.outputs.metrics!;
    const limit = task.maxSteps ?? defaultStepLimit(env.scenario);
    let steps = 0;
    try {
      await driver.reset({ seed: task.seed });
      while (!env.sim.episodeOver && env.agents.length > 0 && steps < limit) {
        await driver.step();
        steps++;
      }
    } catch (e) {
      throw new EpisodeError(task, e instanceof Error ? e.message : String(e));
    } finally {
      await built.close();
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
