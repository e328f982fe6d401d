import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { keepLaneObservation } from "../../agent-zoo/policies/KeepLanePolicy.js";
import { checkSuite, type BenchmarkSuite } from "./BenchmarkSuite.js";
import { createPolicyResolver } from "./defaultPolicyResolver.js";
import { PolicyLocatorError, type PolicyResolver } from "./PolicyResolver.js";
import { planTasks, runBenchmark } from "./runBenchmark.js";

const root = join(import.meta.dirname, "../..");

function suite(over: Record<string, unknown> = {}): BenchmarkSuite {
  return checkSuite(
    {
      name: "t",
      scenarios: [
        { id: "two_way-sv", file: "scenarios/paper-two_way-sv.scn" },
        { id: "double_merge", file: "scenarios/paper-double_merge.scn" },
      ],
      policies: [{ name: "keep-lane", locator: "keep-lane@v0", options: { action: "lane" } }],
      seeds: [0, 1],
      episodes: 2,
      maxSteps: 300,
      ...over,
    },
    join(root, "suite.json"),
  );
}

/** A lane policy that slows down at random (seeded per agent and episode): decisions differ between episodes. */
const jittery: PolicyResolver = (locator) => {
  if (locator !== "jittery@v0") throw new PolicyLocatorError(locator, "unknown policy");
  return {
    locator,
    create(agent) {
      let s = agent.seed || 1;
      const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
      return {
        actionSpace: "lane",
        observation: keepLaneObservation(),
        act: () => (next() < 0.3 ? "slow_down" : "keep_lane"),
      };
    },
  };
};

describe("benchmark runner", () => {
  it("plans policies × scenarios × seeds × episodes in order", () => {
    const tasks = planTasks(suite());
    expect(tasks.length).toBe(8);
    expect(tasks.map((t) => `${t.scenario.id}/${t.seed}/${t.episode}`).slice(0, 5)).toEqual([
      "two_way-sv/0/0",
      "two_way-sv/0/1",
      "two_way-sv/1/0",
      "two_way-sv/1/1",
      "double_merge/0/0",
    ]);
  });

  it("runs in this thread: one record per agent episode, cells per scenario, deterministic policy ⇒ stochasticity 0", async () => {
    const r = await runBenchmark(suite());
    expect(r.episodes.length).toBe(8);
    expect(r.records.length).toBe(32);
    expect(r.cells.map((c) => [c.scenario, c.episodes, c.agentEpisodes])).toEqual([
      ["two_way-sv", 4, 16],
      ["double_merge", 4, 16],
    ]);
    expect(r.cells[0].values.collisionRate).toBe(0);
    expect(r.cells[0].values.completionRate).toBe(1);
    expect(r.cells[0].values.stochasticity).toBe(0);
    // Seeds 0 and 1 pick the two traffic variations of Two-Way (SV).
    expect(r.episodes.filter((e) => e.scenario === "two_way-sv").map((e) => e.variation)).toEqual([
      "westbound",
      "westbound",
      "eastbound",
      "eastbound",
    ]);
    const again = await runBenchmark(suite());
    expect(again).toEqual(r);
  });

  it("a stochastic policy spreads its decisions across episodes of a seed", async () => {
    const r = await runBenchmark(
      suite({
        policies: [{ name: "jittery", locator: "jittery@v0" }],
        scenarios: [{ id: "two_way", file: "scenarios/paper-two_way.scn" }],
      }),
      { resolver: jittery },
    );
    const s = r.cells[0].values.stochasticity!;
    expect(s).toBeGreaterThan(0.2);
    expect(s).toBeLessThan(0.5);
  });

  it("an unknown locator or bad options fail before any episode, naming the policy", async () => {
    await expect(
      runBenchmark(suite({ policies: [{ name: "x", locator: "nobody@v3" }] }), { resolver: createPolicyResolver() }),
    ).rejects.toThrow(/policy "nobody@v3": .*no entry "nobody@v3"/);
    await expect(
      runBenchmark(suite({ policies: [{ name: "x", locator: "idm-mobil@v1", options: { preset: "sleepy" } }] })),
    ).rejects.toThrow(/policy "idm-mobil@v1": .*preset/);
  });

  const built = fileURLToPath(new URL("../../dist/metrics/runner/benchmarkWorker.js", import.meta.url));
  it.skipIf(!existsSync(built))(
    "gives the same result on worker threads as in this thread (needs `npm run build`)",
    async () => {
      const s = suite({
        policies: [
          { name: "keep-lane", locator: "keep-lane@v0", options: { action: "lane" } },
          { name: "idm-mobil", locator: "idm-mobil@v1" },
        ],
      });
      const inThread = await runBenchmark(s, { workers: 0 });
      let progress = 0;
      const onWorkers = await runBenchmark(s, { workers: 2, onProgress: (done) => (progress = done) });
      expect(progress).toBe(16);
      expect(onWorkers).toEqual(inThread);
    },
  );
  if (!existsSync(built))
    it("worker threads: skipped, dist/metrics/runner/benchmarkWorker.js is missing (run `npm run build`)", () => {});
});
