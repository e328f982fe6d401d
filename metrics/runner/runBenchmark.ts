/**
 * The benchmark runner (docs/benchmark-runner.md): policies × scenarios × seeds × episodes, run
 * in this thread (`workers: 0`) or spread over worker threads, then aggregated per policy ×
 * scenario. Tasks are numbered in suite order and results are put back in that order, so the
 * result is the same for any worker count.
 *
 * Workers run the built JavaScript (dist/metrics/runner/benchmarkWorker.js): from source (tests),
 * the runner looks for that file under the package's dist/ and says to build when it is missing.
 * A resolver function cannot cross into a worker; workers load `resolverModule` instead.
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregateRecords, policyGeneralization, type AgentEpisodeRecord, type CellAggregate } from "../aggregate.js";
import type { Generalization } from "../generalization.js";
import type { BenchmarkSuite } from "./BenchmarkSuite.js";
import { EpisodeRunner } from "./EpisodeRunner.js";
import type { EpisodeOutcome, EpisodeTask } from "./EpisodeTask.js";
import type { PolicyResolver } from "./PolicyResolver.js";
import { runOnWorkers } from "./WorkerPool.js";

/** Options of {@link runBenchmark}. */
export interface RunBenchmarkOptions {
  /** Worker threads; 0 runs every episode in this thread. @default 0 */
  workers?: number;
  /** Resolver for in-thread runs. @default the built-in resolver (defaultPolicyResolver.ts) */
  resolver?: PolicyResolver;
  /** Module URL exporting `createPolicyResolver()`, for workers. @default the built-in resolver module */
  resolverModule?: string;
  /** Called after each episode with the number done and the total. */
  onProgress?: (done: number, total: number, task: EpisodeTask) => void;
}

/** One episode in the results. */
export interface EpisodeSummary {
  policy: string;
  scenario: string;
  seed: number;
  episode: number;
  variation: string;
  steps: number;
}

/** Everything a benchmark produced. */
export interface BenchmarkResult {
  suite: {
    name: string;
    description: string;
    seeds: number[];
    episodes: number;
    maxSteps: number | null;
    /** Scenario columns (files as the suite wrote them, relative to it). */
    scenarios: { id: string; label: string; source: string; traffic: string }[];
    policies: BenchmarkSuite["policies"];
    references: BenchmarkSuite["references"];
  };
  /** Episodes in task order. */
  episodes: EpisodeSummary[];
  /** Agent episodes in task order, agents sorted by id. */
  records: AgentEpisodeRecord[];
  /** One cell per policy × scenario, in suite order. */
  cells: CellAggregate[];
  /** Per policy, generalization over all its scenarios and variations. */
  policies: { name: string; generalization: Generalization }[];
}

/** The suite's tasks, in order: policy, scenario, seed, episode. */
export function planTasks(suite: BenchmarkSuite): EpisodeTask[] {
  const tasks: EpisodeTask[] = [];
  const baseDir = suite.path ? dirname(suite.path) : process.cwd();
  for (const p of suite.policies) {
    for (const s of suite.scenarios) {
      for (const seed of suite.seeds) {
        for (let episode = 0; episode < suite.episodes; episode++) {
          tasks.push({
            index: tasks.length,
            policy: { name: p.name, locator: p.locator, options: p.options },
            scenario: { id: s.id, file: s.file, traffic: s.traffic },
            seed,
            episode,
            maxSteps: suite.maxSteps,
            metricParams: suite.metricParams,
            baseDir,
          });
        }
      }
    }
  }
  return tasks;
}

/** The built worker script; throws with what to do when it is missing. */
export function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const url = here.endsWith(".js")
    ? new URL("./benchmarkWorker.js", import.meta.url)
    : new URL("../../dist/metrics/runner/benchmarkWorker.js", import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    throw new Error(
      `benchmark workers run the built code, and ${fileURLToPath(url)} is missing: run \`npm run build\` first, or use 0 workers`,
    );
  return url;
}

/** Runs `suite`; see the file comment. */
export async function runBenchmark(suite: BenchmarkSuite, options: RunBenchmarkOptions = {}): Promise<BenchmarkResult> {
  const tasks = planTasks(suite);
  const outcomes: (EpisodeOutcome | undefined)[] = new Array(tasks.length);
  let done = 0;
  const take = (o: EpisodeOutcome) => {
    outcomes[o.index] = o;
    options.onProgress?.(++done, tasks.length, tasks[o.index]);
  };
  const workers = options.workers ?? 0;
  if (workers > 0) {
    await runOnWorkers(workerScript(), { resolverModule: options.resolverModule }, tasks, workers, take);
  } else {
    const resolver = options.resolver ?? (await import("./defaultPolicyResolver.js")).createPolicyResolver();
    const runner = new EpisodeRunner(resolver);
    for (const t of tasks) take(await runner.run(t));
  }
  return benchmarkResult(suite, tasks, outcomes);
}

/**
 * Puts the outcomes of `suite`'s tasks (indexed by task index, from any runner: this thread,
 * worker threads, or other machines) together in task order and aggregates them.
 * @throws Error naming the first task without an outcome
 */
export function benchmarkResult(
  suite: BenchmarkSuite,
  tasks: readonly EpisodeTask[],
  outcomes: readonly (EpisodeOutcome | undefined)[],
): BenchmarkResult {
  const episodes: EpisodeSummary[] = [];
  const records: AgentEpisodeRecord[] = [];
  for (const t of tasks) {
    const o = outcomes[t.index];
    if (!o)
      throw new Error(
        `benchmark: task ${t.index} (policy "${t.policy.name}", scenario "${t.scenario.id}", seed ${t.seed}) has no result`,
      );
    episodes.push({
      policy: t.policy.name,
      scenario: t.scenario.id,
      seed: t.seed,
      episode: t.episode,
      variation: o.variation,
      steps: o.steps,
    });
    records.push(...o.records);
  }
  const policyNames = suite.policies.map((p) => p.name);
  return {
    suite: {
      name: suite.name,
      description: suite.description,
      seeds: suite.seeds,
      episodes: suite.episodes,
      maxSteps: suite.maxSteps,
      scenarios: suite.scenarios.map(({ id, label, source, traffic }) => ({ id, label, source, traffic })),
      policies: suite.policies,
      references: suite.references,
    },
    episodes,
    records,
    cells: aggregateRecords(
      records,
      policyNames,
      suite.scenarios.map((s) => s.id),
    ),
    policies: suite.policies.map((p) => ({
      name: p.name,
      generalization: policyGeneralization(
        records.filter((r) => r.policy === p.name),
        p.trainedSeeds,
      ),
    })),
  };
}
