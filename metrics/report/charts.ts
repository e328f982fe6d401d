/** The charts of a benchmark report: one grouped bar chart (scenarios × policies) per listed metric. */
import { metricDefinition } from "../metricCatalog.js";
import type { BenchmarkResult } from "../runner/runBenchmark.js";
import { svgBarChart } from "./svgBarChart.js";

/** Charted metrics; rates and scores on a fixed 0–1 axis. */
export const CHARTS: readonly { key: string; title: string; unitAxis: boolean }[] = [
  "collisionRate",
  "completionRate",
  "score",
  "meanSpeedMps",
  "meanAbsJerkMps3",
  "meanLaneOffsetM",
  "minTtcS",
  "meanObstacleGapM",
].map((key) => {
  const d = metricDefinition(key);
  return { key, title: d.label, unitAxis: d.unit === "1" };
});

/** Chart key → SVG text. */
export function benchmarkCharts(r: BenchmarkResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of CHARTS) {
    const d = metricDefinition(c.key);
    out.set(
      c.key,
      svgBarChart({
        title: `${d.label} per scenario and policy`,
        yLabel: d.unit === "1" ? d.label : `${d.label} (${d.unit})`,
        categories: r.suite.scenarios.map((s) => s.label),
        series: r.suite.policies.map((p) => ({
          name: p.name,
          values: r.suite.scenarios.map(
            (s) => r.cells.find((x) => x.policy === p.name && x.scenario === s.id)?.values[c.key] ?? null,
          ),
        })),
        yMax: c.unitAxis ? 1 : undefined,
      }),
    );
  }
  return out;
}
