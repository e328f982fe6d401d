import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { TrainConfigSchema } from "./TrainConfig.js";
import { envSpecOf, makeVecEnv, runTraining, type TrainCheckpointFile } from "./runTraining.js";
import { makeLearner } from "./makeLearner.js";
import { recordEpisode } from "../testing/recordEpisode.js";
import { openReplayFile } from "../../replay/FileByteSource.js";
import { ReplayRole } from "../../replay/ReplayFrame.js";

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

  it("pretrain runs on the fresh learner, and the run writes its policy before the first iteration", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "roadgym-train-pretrain-"));
    const train = {
      ...TrainConfigSchema.parse({
        scenario: "scenarios/paper-two_way.scn",
        algorithm: "ppo",
        totalSteps: 1,
        numEnvs: 1,
        numWorkers: 0,
        hyper: { hidden: [8] },
      }),
      totalSteps: 0, // nothing after pretraining
    };
    let pretrained: string | undefined;
    const last = await runTraining(
      train,
      { scenario: resolve("scenarios/paper-two_way.scn"), outDir },
      {
        pretrain: async (learner) => {
          pretrained = learner.algorithm;
          const { model } = learner.zooModel(0);
          model.setWeights(model.getWeights().map((w) => w.mul(0)));
        },
      },
    );
    expect(pretrained).toBe("ppo");
    expect(last.envSteps).toBe(0);
    expect(last.policy).toEqual({ dir: join(outDir, "policy") });
    const cp = JSON.parse(readFileSync(join(outDir, "checkpoint.json"), "utf8")) as TrainCheckpointFile;
    expect(cp.iteration).toBe(0);
    // The exported policy is the pretrained one (all weights zeroed).
    const bin = readFileSync(join(outDir, "policy", "weights.bin"));
    const weights = new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4);
    expect(weights.length).toBeGreaterThan(0);
    expect(weights.every((w) => w === 0)).toBe(true);
  }, 30_000);

  it("a config error names the field", () => {
    const r = TrainConfigSchema.safeParse({ scenario: "a.scn", algorithm: "sac", totalSteps: 10 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["algorithm"]);
  });

  it("trains learners of a learning-agent bubble (no agent of the scenario's own) and records a greedy episode", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "roadgym-train-bubble-"));
    const train = TrainConfigSchema.parse({
      scenario: "scenarios/bubble-merge.scn",
      algorithm: "ppo",
      totalSteps: 128,
      numEnvs: 2,
      numWorkers: 0,
      learnerIdsPerBubble: 6,
      hyper: { numSteps: 32, minibatchSize: 64, hidden: [16] },
      checkpointEvery: 1,
    });
    const scenario = resolve("scenarios/bubble-merge.scn");
    const last = await runTraining(train, { scenario, outDir });
    expect(last.envSteps).toBe(128);
    const cp = JSON.parse(readFileSync(join(outDir, "checkpoint.json"), "utf8")) as TrainCheckpointFile;
    // The slots are the bubble's learner ids; the interface is its actor's.
    expect(cp.interface).toMatchObject({ action: "lane", numAgents: 6, actionSpec: { kind: "discrete", n: 4 } });
    expect(existsSync(join(outDir, "policy", "policy.json"))).toBe(true);
    // Learners drove: learner steps were taken in at least half the env steps.
    const rows = readFileSync(join(outDir, "log.csv"), "utf8").trim().split("\n").slice(1);
    expect(rows.reduce((n, r) => n + Number(r.split(",")[2]), 0)).toBeGreaterThan(64);

    const env = makeVecEnv(train, scenario);
    const learner = makeLearner(train.algorithm, env, train.hyper, train.seed);
    await learner.restore(cp.learner);
    const path = join(outDir, "episode.replay");
    const recorded = await recordEpisode(learner, envSpecOf(train, scenario), 1, 7, path);
    learner.dispose();
    await env.close();
    const { reader, close } = openReplayFile(path);
    expect(reader.header.scenario.name).toBe("bubble-merge");
    // One episode: every tick from 0 to its last, the learners in it shown as learning agents.
    expect(reader.frameCount).toBe(reader.lastTick + 1);
    expect(recorded.agentEpisodes).toBeGreaterThanOrEqual(6);
    let learnerFrames = 0;
    for (const f of reader.frames()) if (f.roles.includes(ReplayRole.learningAgent)) learnerFrames++;
    close();
    expect(learnerFrames).toBeGreaterThan(50);
  }, 60_000);
});
