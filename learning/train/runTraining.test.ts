import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { TrainConfigSchema } from "./TrainConfig.js";
import { runTraining, type TrainCheckpointFile } from "./runTraining.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("runTraining", () => {
  it("writes the CSV log, the curve and a checkpoint, and resumes from it", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "roadgym-train-"));
    const train = TrainConfigSchema.parse({
      scenario: "scenarios/paper-two_way.scn",
      algorithm: "ppo",
      totalSteps: 32,
      numEnvs: 2,
      numWorkers: 0,
      hyper: { numSteps: 8, minibatchSize: 32, hidden: [16] },
      checkpointEvery: 1,
    });
    const paths = { scenario: resolve("scenarios/paper-two_way.scn"), outDir };
    const first = await runTraining(train, paths);
    expect(first.envSteps).toBe(32);
    expect(first.iteration).toBe(2);
    const cp = JSON.parse(readFileSync(join(outDir, "checkpoint.json"), "utf8")) as TrainCheckpointFile;
    expect(cp.iteration).toBe(2);
    expect(cp.learner.algorithm).toBe("ppo");
    expect(existsSync(join(outDir, "curve.svg"))).toBe(true);
    const resumed = await runTraining({ ...train, totalSteps: 48 }, paths, { resume: true });
    expect(resumed.iteration).toBe(3);
    expect(resumed.envSteps).toBe(48);
    const rows = readFileSync(join(outDir, "log.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toMatch(/^iteration,env_steps/);
    expect(rows.slice(1).map((r) => r.split(",")[1])).toEqual(["16", "32", "48"]);
  }, 30_000);

  it("a config error names the field", () => {
    const r = TrainConfigSchema.safeParse({ scenario: "a.scn", algorithm: "sac", totalSteps: 10 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["algorithm"]);
  });
});
