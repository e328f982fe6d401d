/**
 * `roadgym benchmark <suite>`: runs a benchmark suite (policies × scenarios × seeds × episodes,
 * spread over worker threads) and writes results.json, episodes.csv, summary.csv, report.md and
 * SVG charts; prints the collision / completion table in the SMARTS paper's layout. `<suite>` is
 * a suite file, or the name of a built-in suite (`paper`: metrics/suites/paper.json).
 * Not to be confused with `roadgym bench`, the speed benchmarks.
 */
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { paperTable } from "../../metrics/report/paperTable.js";
import { writeReport } from "../../metrics/report/writeReport.js";
import {
  loadSuite,
  suiteFile,
  SuiteError,
  withOverrides,
  type BenchmarkSuite,
} from "../../metrics/runner/BenchmarkSuite.js";
import { EpisodeError } from "../../metrics/runner/EpisodeRunner.js";
import { PolicyLocatorError } from "../../metrics/runner/PolicyResolver.js";
import { planTasks, runBenchmark, type BenchmarkResult } from "../../metrics/runner/runBenchmark.js";
import { parseNonNegativeInt, parsePositiveInt } from "../parseOptions.js";
import { UserInputError } from "../UserInputError.js";

interface BenchmarkFlags {
  out?: string;
  workers?: number;
  episodes?: number;
  seeds?: number;
  quiet?: boolean;
  json?: boolean;
}

/** The suite file for `arg`: the path itself, or a built-in suite by name. */
function suitePath(arg: string): string {
  try {
    return suiteFile(arg);
  } catch (e) {
    if (e instanceof SuiteError) throw new UserInputError(e.message);
    throw e;
  }
}

export function addBenchmarkCommand(program: Command): void {
  program
    .command("benchmark")
    .description(
      "score policies on a benchmark suite (collision, completion and behaviour metrics); writes JSON, CSV, a Markdown report and SVG charts",
    )
    .argument("<suite>", "suite file (JSON), or a built-in suite name: paper")
    .option("--out <dir>", "output folder (default: benchmark-results/<suite name>)")
    .option(
      "--workers <n>",
      "worker threads; 0 runs in this thread (default: the number of CPU cores)",
      parseNonNegativeInt,
    )
    .option("--episodes <n>", "episodes per seed, overriding the suite's", parsePositiveInt)
    .option("--seeds <n>", "run only the suite's first n seeds", parsePositiveInt)
    .option("--quiet", "no progress bar")
    .option("--json", "print the per-cell metrics as one JSON object instead of the table")
    .action(async (arg: string, flags: BenchmarkFlags) => {
      const file = suitePath(arg);
      let suite: BenchmarkSuite;
      try {
        suite = loadSuite(file);
      } catch (e) {
        if (e instanceof SuiteError) throw new UserInputError(e.message);
        throw e;
      }
      suite = withOverrides(suite, { episodes: flags.episodes, seeds: flags.seeds });
      const total = planTasks(suite).length;
      const workers = Math.min(flags.workers ?? availableParallelism(), total);
      const bar =
        !flags.quiet && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                stream: process.stderr,
                format: "{bar} {value}/{total} episodes | {percentage}% | {eta_formatted} left | {task}",
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(total, 0, { task: "" });
      const t0 = performance.now();
      let result: BenchmarkResult;
      try {
        result = await runBenchmark(suite, {
          workers,
          onProgress: (done, _total, task) =>
            bar?.update(done, { task: `${task.policy.name} / ${task.scenario.id} / seed ${task.seed}` }),
        });
      } catch (e) {
        if (
          e instanceof PolicyLocatorError ||
          e instanceof EpisodeError ||
          (e instanceof Error && /^policy "|benchmark workers run the built code/.test(e.message))
        )
          throw new UserInputError(`${file}: ${e.message}`);
        throw e;
      } finally {
        bar?.stop();
      }
      const wallS = (performance.now() - t0) / 1000;
      const out = resolve(flags.out ?? join("benchmark-results", suite.name));
      const files = writeReport(result, out);
      if (flags.json) {
        process.stdout.write(JSON.stringify({ suite: suite.name, out, cells: result.cells }, null, 2) + "\n");
        return;
      }
      const print = (l: string) => process.stdout.write(l + "\n");
      print(
        `${suite.name}: ${result.episodes.length} episodes (${result.records.length} agent episodes) on ${workers || "no"} worker thread${workers === 1 ? "" : "s"} in ${wallS.toFixed(1)} s`,
      );
      print("collision rate / completion rate:");
      for (const l of paperTable(result)) print(l);
      print(`wrote ${files.length} files to ${out} (report: ${join(out, "report.md")})`);
    });
}
