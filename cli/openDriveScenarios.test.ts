/**
 * The OpenDRIVE example scenarios drive: local traffic and the keep-lane agent reach their goals
 * without collisions, the map draws, and a learning agent trains on one (a short PPO run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mapStats } from "../core/road/mapStats.js";
import { mapToSvg } from "../core/road/mapToSvg.js";
import { selectBackend } from "../learning/backend/selectBackend.js";
import { TrainConfigSchema } from "../learning/train/TrainConfig.js";
import { runTraining } from "../learning/train/runTraining.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { runScenario } from "../compose/runScenario.js";

const root = join(import.meta.dirname, "..");
const dir = join(root, "scenarios");

/** The built CLI (`dist/`, from `npm run build`), as a user runs it. */
function roadgym(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("OpenDRIVE example scenarios", () => {
  for (const name of ["opendrive-town.scn", "opendrive-curves.scn"]) {
    it(`${name}: traffic drives and the agent reaches its goal without collisions`, async () => {
      const r = compileScenarioFile(join(dir, name));
      if (!r.ok) throw new Error(`${name} does not compile`);
      expect(mapStats(r.network.spec).junctions).toBe(name.includes("town") ? 9 : 0);
      const summary = await runScenario(r, { steps: 1200, seed: 4 });
      expect(summary.collisions).toBe(0);
      expect(summary.vehicles.total).toBeGreaterThan(3);
      expect(summary.agentsDone).toEqual({ goal: 1 });
      expect(mapToSvg(r.network)).toContain("<svg");
    });
  }

  it("roadgym map stats|svg read .xodr files; a bad one is file:line:col, exit 1, no stack", () => {
    const stats = roadgym("map", "stats", "scenarios/opendrive-town.xodr");
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({
      edges: 24,
      lanes: 28,
      internalLanes: 46,
      junctions: 9,
      laneLengthM: 3080,
      tls: 1,
    });
    const out = join(mkdtempSync(join(tmpdir(), "roadgym-odr-")), "curves.svg");
    expect(roadgym("map", "svg", "scenarios/opendrive-curves.xodr", "-o", out).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('data-roadside="3_1_-3"');
    const broken = join(mkdtempSync(join(tmpdir(), "roadgym-odr-")), "broken.xodr");
    writeFileSync(broken, readFileSync(join(dir, "opendrive-curves.xodr"), "utf8").replace("<poly3 ", "<cubic "));
    const bad = roadgym("map", "stats", broken);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /broken\.xodr:\d+:\d+: error: road "3" <geometry s="50">: unknown geometry element <cubic>/,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it("a PPO agent trains on the curves circuit", async () => {
    const train = TrainConfigSchema.parse({
      scenario: "scenarios/opendrive-curves.scn",
      algorithm: "ppo",
      totalSteps: 32,
      numEnvs: 2,
      numWorkers: 0,
      hyper: { numSteps: 16, minibatchSize: 32, hidden: [16] },
    });
    const outDir = mkdtempSync(join(tmpdir(), "roadgym-odr-train-"));
    const result = await runTraining(train, { scenario: resolve(dir, "opendrive-curves.scn"), outDir });
    expect(result.envSteps).toBe(32);
  }, 60_000);
});
