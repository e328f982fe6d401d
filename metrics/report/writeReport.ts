/**
 * Writes a benchmark's outputs into a folder: results.json (suite, episodes, agent-episode metrics,
 * cells, generalization), episodes.csv (one row per agent episode), summary.csv (one row per
 * policy × scenario), report.md and charts/<metric>.svg. Nothing time-dependent goes in, so the same
 * suite gives byte-identical files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AgentEpisodeMetrics } from "../agentEpisodeMetrics.js";
import { METRICS } from "../metricCatalog.js";
import type { BenchmarkResult } from "../runner/runBenchmark.js";
import { benchmarkCharts } from "./charts.js";
import { toCsv } from "./csv.js";
import { markdownReport } from "./markdownReport.js";

/** episodes.csv text. */
export function episodesCsv(r: BenchmarkResult): string {
  if (r.records.length === 0)
    return toCsv(["policy", "scenario", "seed", "episode", "variation", "agent", "doneReasons"], []);
  const keys = Object.keys(r.records[0].metrics) as (keyof AgentEpisodeMetrics)[];
  const rows = r.records.map((x) => [
    x.policy,
    x.scenario,
    x.seed,
    x.episode,
    x.variation,
    x.agentId,
    x.doneReasons,
    ...keys.map((k) => x.metrics[k]),
  ]);
  return toCsv(["policy", "scenario", "seed", "episode", "variation", "agent", "doneReasons", ...keys], rows);
}

/** summary.csv text. */
export function summaryCsv(r: BenchmarkResult): string {
  return toCsv(
    ["policy", "scenario", "episodes", "agentEpisodes", ...METRICS.map((m) => m.key)],
    r.cells.map((c) => [c.policy, c.scenario, c.episodes, c.agentEpisodes, ...METRICS.map((m) => c.values[m.key])]),
  );
}

/** results.json text (decisions left out: they only feed stochasticity). */
export function resultsJson(r: BenchmarkResult): string {
  return JSON.stringify({ ...r, records: r.records.map(({ decisions: _d, ...rest }) => rest) }, null, 2) + "\n";
}

/** Writes every output into `dir` (created if needed); returns the paths written. */
export function writeReport(r: BenchmarkResult, dir: string): string[] {
  mkdirSync(join(dir, "charts"), { recursive: true });
  const files: [string, string][] = [
    ["results.json", resultsJson(r)],
    ["episodes.csv", episodesCsv(r)],
    ["summary.csv", summaryCsv(r)],
    ["report.md", markdownReport(r)],
    ...[...benchmarkCharts(r)].map(([k, svg]): [string, string] => [join("charts", `${k}.svg`), svg]),
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
