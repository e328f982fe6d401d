/**
 * Golden test of the benchmark outputs: the suite in test/golden/benchmark-small/ is run in this
 * thread and its report.md, summary.csv, episodes.csv and one chart are compared with the expected
 * files beside it. `ROADGYM_UPDATE_GOLDEN=1` rewrites them (review the diff before committing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSuite } from "../runner/BenchmarkSuite.js";
import { runBenchmark } from "../runner/runBenchmark.js";
import { benchmarkCharts } from "./charts.js";
import { markdownReport } from "./markdownReport.js";
import { episodesCsv, summaryCsv } from "./writeReport.js";

const dir = join(import.meta.dirname, "../../test/golden/benchmark-small");
const update = process.env.ROADGYM_UPDATE_GOLDEN === "1";

describe("benchmark report (golden)", () => {
  it("a small suite's report, CSVs and chart match the expected files", async () => {
    const r = await runBenchmark(loadSuite(join(dir, "suite.json")));
    const outputs: [string, string][] = [
      ["report.md", markdownReport(r)],
      ["summary.csv", summaryCsv(r)],
      ["episodes.csv", episodesCsv(r)],
      ["completionRate.svg", benchmarkCharts(r).get("completionRate")!],
    ];
    const expectedDir = join(dir, "expected");
    if (update) mkdirSync(expectedDir, { recursive: true });
    for (const [name, text] of outputs) {
      const file = join(expectedDir, name);
      if (update) writeFileSync(file, text);
      expect(existsSync(file), `${file} is missing: run with ROADGYM_UPDATE_GOLDEN=1`).toBe(true);
      expect(text, `${name} differs from the golden file (ROADGYM_UPDATE_GOLDEN=1 rewrites it)`).toBe(
        readFileSync(file, "utf8"),
      );
    }
  });
});
