/**
 * The benchmark runner split at its seams for `roadgym.ray` (Python): plan a suite's episode tasks
 * here, run each anywhere (one bridge per Ray worker, {@link BenchmarkRequests.episode}), and
 * aggregate and write the report here — with the same code `roadgym benchmark` runs, so the files
 * are byte for byte those of a single-machine run.
 */
import { resolve } from "node:path";
import { writeReport } from "../metrics/report/writeReport.js";
import { paperTable } from "../metrics/report/paperTable.js";
import { loadSuite, suiteFile, withOverrides, type BenchmarkSuite } from "../metrics/runner/BenchmarkSuite.js";
import { EpisodeRunner } from "../metrics/runner/EpisodeRunner.js";
import type { EpisodeOutcome, EpisodeTask } from "../metrics/runner/EpisodeTask.js";
import { benchmarkResult, planTasks } from "../metrics/runner/runBenchmark.js";
import { createPolicyResolver } from "../metrics/runner/defaultPolicyResolver.js";

/** A suite as a request names it: a file or a built-in name, with `roadgym benchmark`'s overrides. */
export interface SuiteRequest {
  suite: string;
  episodes?: number;
  seeds?: number;
}

/** Answers the benchmark requests of one bridge session (one episode runner, reused across episodes). */
export class BenchmarkRequests {
  private runner: EpisodeRunner | undefined;

  /** The suite's tasks in order. */
  plan(request: SuiteRequest): { name: string; tasks: EpisodeTask[] } {
    const suite = this.suite(request);
    return { name: suite.name, tasks: planTasks(suite) };
  }

  /** Runs one task with the built-in policy resolver. */
  async episode(task: EpisodeTask): Promise<EpisodeOutcome> {
    this.runner ??= new EpisodeRunner(await createPolicyResolver());
    return this.runner.run(task);
  }

  /**
   * Aggregates `outcomes` (any order) and writes the report into `out` (default
   * `benchmark-results/<suite name>`, as the CLI); returns the files and the paper-layout table.
   */
  report(request: SuiteRequest & { outcomes: EpisodeOutcome[]; out?: string }): {
    out: string;
    files: string[];
    table: string[];
    episodes: number;
    agentEpisodes: number;
  } {
    const suite = this.suite(request);
    const tasks = planTasks(suite);
    const byIndex: (EpisodeOutcome | undefined)[] = new Array(tasks.length);
    for (const o of request.outcomes) {
      if (!Number.isInteger(o.index) || o.index < 0 || o.index >= tasks.length)
        throw new Error(`benchmark report: outcome index ${o.index} is not a task of suite "${suite.name}"`);
      byIndex[o.index] = o;
    }
    const result = benchmarkResult(suite, tasks, byIndex);
    const out = resolve(request.out ?? `benchmark-results/${suite.name}`);
    const files = writeReport(result, out);
    return {
      out,
      files,
      table: paperTable(result),
      episodes: result.episodes.length,
      agentEpisodes: result.records.length,
    };
  }

  private suite(request: SuiteRequest): BenchmarkSuite {
    return withOverrides(loadSuite(suiteFile(request.suite)), { episodes: request.episodes, seeds: request.seeds });
  }
}
