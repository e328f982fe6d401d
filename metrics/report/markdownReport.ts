/**
 * The benchmark's Markdown report. Its main table has the SMARTS paper's layout (rows: policies,
 * columns: the suite's scenarios, cells: "collision rate / completion rate"), with the suite's
 * reference rows (published numbers) under a rule; then the overall score, one table of every
 * metric per policy, generalization, and the charts. Numbers are rounded to two decimals; the
 * full values are in results.json and summary.csv.
 */
import { METRICS } from "../metricCatalog.js";
import type { BenchmarkResult } from "../runner/runBenchmark.js";
import { CHARTS } from "./charts.js";

/** A number for the report: two decimals, "–" for null. */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  const s = v.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}

function seedText(seeds: readonly number[]): string {
  const contiguous = seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return contiguous && seeds.length > 2
    ? `${seeds[0]}–${seeds[seeds.length - 1]} (${seeds.length})`
    : `${seeds.join(", ")} (${seeds.length})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
}

/** The report for `r`. */
export function markdownReport(r: BenchmarkResult): string {
  const s = r.suite;
  const cell = (policy: string, scenario: string) =>
    r.cells.find((c) => c.policy === policy && c.scenario === scenario);
  const heads = s.scenarios.map((x) => x.label);
  const out: string[] = [];
  out.push(`# Benchmark: ${s.name}`, "");
  if (s.description) out.push(s.description, "");
  out.push(
    `- Policies: ${s.policies.map((p) => `${p.name} (\`${p.locator}\`${Object.keys(p.options).length ? ` ${JSON.stringify(p.options)}` : ""})`).join(", ")}`,
  );
  out.push(`- Scenarios: ${s.scenarios.map((x) => `${x.label} (\`${x.source}\`)`).join(", ")}`);
  out.push(
    `- Seeds: ${seedText(s.seeds)}; episodes per seed: ${s.episodes}; step limit: ${s.maxSteps ?? "the scenario's"}`,
  );
  out.push(`- Episodes: ${r.episodes.length}; agent episodes: ${r.records.length}`, "");

  out.push("## Collision rate / completion rate", "");
  out.push(row(["Policy", ...heads]), row(["---", ...heads.map(() => "---")]));
  for (const p of s.policies)
    out.push(
      row([
        p.name,
        ...s.scenarios.map((x) => {
          const c = cell(p.name, x.id);
          return c ? `${fmt(c.values.collisionRate)} / ${fmt(c.values.completionRate)}` : "–";
        }),
      ]),
    );
  for (const ref of s.references)
    out.push(
      row([
        `*${ref.name}*`,
        ...s.scenarios.map((x) => {
          const c = ref.cells[x.id];
          return c ? `*${fmt(c.collision)} / ${fmt(c.completion)}*` : "–";
        }),
      ]),
    );
  out.push("");
  out.push(
    "Cells: the share of agent episodes with a collision / that reached the goal (the SMARTS paper's layout and definition).",
  );
  if (s.references.length)
    out.push(
      `Rows in italics are published numbers, not runs of this suite: ${[...new Set(s.references.map((x) => x.source))].join("; ")}.`,
    );
  out.push("");

  out.push("## Overall score (driving-SMARTS style)", "");
  out.push(row(["Policy", ...heads]), row(["---", ...heads.map(() => "---")]));
  for (const p of s.policies) out.push(row([p.name, ...s.scenarios.map((x) => fmt(cell(p.name, x.id)?.values.score))]));
  out.push(
    "",
    "score = 0.25·(1 − distance) + 0.25·(1 − time) + 0.25·(1 − humanness error) + 0.25·(1 − rule violation); components per policy below.",
    "",
  );

  for (const p of s.policies) {
    out.push(`## ${p.name}`, "");
    out.push(row(["Metric", "Unit", ...heads]), row(["---", "---", ...heads.map(() => "---:")]));
    for (const m of METRICS)
      out.push(row([m.label, m.unit, ...s.scenarios.map((x) => fmt(cell(p.name, x.id)?.values[m.key]))]));
    const g = r.policies.find((x) => x.name === p.name)!.generalization;
    out.push("");
    out.push(
      `Generalization over all scenario variations: ${fmt(g.generalization)} (completion rate per group: ${g.groups.map((x) => `${x.group} ${fmt(x.completionRate)}`).join(", ")}).`,
    );
    out.push(
      g.seenUnseenGap === null
        ? `Seen/unseen seeds: no trained seeds given; completion on unseen seeds ${fmt(g.unseenCompletionRate)}.`
        : `Seen/unseen seeds: completion ${fmt(g.seenCompletionRate)} seen, ${fmt(g.unseenCompletionRate)} unseen (gap ${fmt(g.seenUnseenGap)}).`,
    );
    out.push("");
  }

  out.push("## Charts", "");
  for (const c of CHARTS) out.push(`![${c.title}](charts/${c.key}.svg)`);
  out.push(
    "",
    "Metric definitions and formulas: docs/metrics.md. Per-episode values: episodes.csv; per-cell values: summary.csv; everything: results.json.",
    "",
  );
  return out.join("\n");
}
