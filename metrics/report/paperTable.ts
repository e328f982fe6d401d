/**
 * The SMARTS paper's results layout: one row per policy, one column per scenario, each cell
 * "collision rate / completion rate" — what `roadgym benchmark` prints after a run.
 */
import type { BenchmarkResult } from "../runner/runBenchmark.js";
import { fmt } from "./markdownReport.js";

/** The paper-layout table as Markdown lines. */
export function paperTable(r: BenchmarkResult): string[] {
  const heads = r.suite.scenarios.map((s) => s.label);
  const lines = [`| Policy | ${heads.join(" | ")} |`, `|---|${heads.map(() => "---").join("|")}|`];
  for (const p of r.suite.policies) {
    const cells = r.suite.scenarios.map((s) => {
      const c = r.cells.find((x) => x.policy === p.name && x.scenario === s.id);
      return c ? `${fmt(c.values.collisionRate)} / ${fmt(c.values.completionRate)}` : "–";
    });
    lines.push(`| ${p.name} | ${cells.join(" | ")} |`);
  }
  return lines;
}
