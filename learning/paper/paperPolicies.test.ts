/**
 * The published paper policies (learning/paper/policies/<algorithm>/<column>/, listed in
 * learning/paper/results.json; docs/paper-results.md): each is under 1 MB, loads through a `file:`
 * locator and drives its column's scenario in the benchmark runner; on the columns without social
 * vehicles (no randomness left once the policy is greedy: every seed replays one episode) one seed
 * reproduces the published collision and completion rates exactly.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";
import { loadPaperCells, SV_COLUMNS } from "./PaperResults.js";

const root = join(import.meta.dirname, "../..");
const cells = loadPaperCells(join(root, "learning/paper/results.json"));

describe("published paper policies", () => {
  it("are there, one per published cell, each file under 1 MB", () => {
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells)
      for (const f of ["policy.json", "model.json", "weights.bin"]) {
        const file = join(root, c.policy, f);
        expect(existsSync(file), file).toBe(true);
        expect(statSync(file).size).toBeLessThan(1 << 20);
      }
  });

  for (const cell of cells) {
    it(`${cell.algorithm}, ${cell.column}: drives its scenario through the benchmark runner`, async () => {
      const deterministic = !SV_COLUMNS.includes(cell.column);
      const suite = checkSuite(
        {
          name: `${cell.algorithm}-${cell.column}`,
          scenarios: [{ id: cell.column, file: `scenarios/paper-${cell.column}.scn` }],
          policies: [{ name: cell.algorithm, locator: `file:${join(root, cell.policy)}` }],
          seeds: [cell.seedFrom],
          episodes: 1,
          maxSteps: deterministic ? undefined : 200,
        },
        join(root, "suite.json"),
      );
      const r = await runBenchmark(suite, { workers: 0, resolver: zooPolicyResolver(createDefaultZoo()) });
      expect(r.cells[0].agentEpisodes).toBe(4);
      if (deterministic) {
        expect(r.cells[0].values.collisionRate).toBeCloseTo(cell.collision, 6);
        expect(r.cells[0].values.completionRate).toBeCloseTo(cell.completion, 6);
      }
    }, 60_000);
  }
});
