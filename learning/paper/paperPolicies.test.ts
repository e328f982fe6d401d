/**
 * The trained paper policies committed in learning/paper/policies/<column>/ (see docs/paper-results.md):
 * each is under 1 MB, loads through a `file:` locator and drives its column's scenario in the benchmark
 * runner; on the columns without social vehicles (deterministic episodes) the policy does what the
 * committed results table says — every agent reaches its goal.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";

const root = join(import.meta.dirname, "../..");
const dir = join(root, "learning/paper/policies");
const columns = existsSync(dir)
  ? readdirSync(dir)
      .filter((c) => existsSync(join(dir, c, "policy.json")))
      .sort()
  : [];

/** Columns whose episodes are the same for every seed (no traffic) and whose committed policy completes every agent. */
const SOLVED_DETERMINISTIC = ["two_way", "double_merge", "intersection"];

describe("committed paper policies", () => {
  it("are there, one per column trained, each file under 1 MB", () => {
    expect(columns.length).toBeGreaterThan(0);
    for (const c of columns)
      for (const f of ["policy.json", "model.json", "weights.bin"])
        expect(statSync(join(dir, c, f)).size).toBeLessThan(1 << 20);
  });

  for (const column of columns) {
    it(`${column}: drives its scenario through the benchmark runner`, async () => {
      const suite = checkSuite(
        {
          name: column,
          scenarios: [{ id: column, file: `scenarios/paper-${column}.scn` }],
          policies: [{ name: "ppo", locator: `file:${join(dir, column)}` }],
          seeds: [100_000],
          episodes: 1,
          maxSteps: 400,
        },
        join(root, "suite.json"),
      );
      const r = await runBenchmark(suite, { workers: 0, resolver: zooPolicyResolver(createDefaultZoo()) });
      expect(r.cells[0].agentEpisodes).toBe(4);
      if (SOLVED_DETERMINISTIC.includes(column)) {
        expect(r.cells[0].values.collisionRate).toBe(0);
        expect(r.cells[0].values.completionRate).toBe(1);
      }
    }, 20_000);
  }
});
