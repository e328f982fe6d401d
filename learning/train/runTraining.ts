/**
 * The training loop behind `roadgym train`: builds the vectorised env and the learner, iterates
 * until `totalSteps`, and after every iteration appends a row to `log.csv` (steps, wall time,
 * episode return, completion, collision and off-road rates of the episodes finished in it) and
 * redraws `curve.svg`; every `checkpointEvery` iterations and at the end it writes
 * `checkpoint.json` (the run's config, the learner's full state, the iteration). Resuming reloads
 * that file and continues the learner exactly; the environments start fresh episodes (seeded by
 * the run seed and the iteration), since simulator state is not part of a checkpoint. With
 * `exportPolicy`, every checkpoint also writes the policy as an agent-zoo directory `<outDir>/policy`
 * (learning/export/exportZooPolicy.ts) when it has a zoo form.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { observationConfig, type ObservationParts } from "../../agent-zoo/observationConfig.js";
import type { Observation } from "../../spec/CompiledScenario.js";
import { exportBlocker, exportZooPolicy } from "../export/exportZooPolicy.js";
import { policyInterfaceOf, type PolicyInterface } from "../export/PolicyInterface.js";
import { summarise } from "../testing/evaluate.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import type { EnvSpecInput } from "../vecEnv/EnvSpec.js";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";
import { WorkerVecEnv } from "../vecEnv/WorkerVecEnv.js";
import { learningCurveSvg } from "./learningCurveSvg.js";
import type { Learner } from "../algorithms/Learner.js";
import { makeLearner, type Checkpoint } from "./makeLearner.js";
import { COMPACT_OBSERVATION, type TrainConfig } from "./TrainConfig.js";
import { warmStart } from "./warmStart.js";

/** What `checkpoint.json` holds. */
export interface TrainCheckpointFile {
  train: TrainConfig;
  iteration: number;
  learner: Checkpoint;
  /** What the policy reads and answers (for `roadgym export`). */
  interface: PolicyInterface;
}

/** One iteration's progress, for the progress bar. */
export interface TrainProgress {
  iteration: number;
  envSteps: number;
  totalSteps: number;
  meanReturn: number;
  completionRate: number;
  collisionRate: number;
  episodes: number;
  /** Where the zoo policy was written (`<outDir>/policy`), or why it was not. */
  policy?: { dir: string } | { skipped: string };
}

const CSV_HEADER =
  "iteration,env_steps,agent_steps,wall_s,episodes,mean_return,completion_rate,collision_rate,off_road_rate\n";

/** The observation config replacing the agents' own (`train.observation`), or undefined. */
export function observationOverride(train: Pick<TrainConfig, "observation">): Observation | undefined {
  if (!train.observation) return undefined;
  const parts = train.observation === "compact" ? COMPACT_OBSERVATION : train.observation;
  return observationConfig({ ...(parts as ObservationParts), vector: true });
}

/** The env spec of a run's environment copies. */
export function envSpecOf(train: TrainConfig, scenarioPath: string): Extract<EnvSpecInput, { kind: "roadgym" }> {
  return {
    kind: "roadgym",
    scenario: scenarioPath,
    traffic: train.traffic,
    reward: train.reward,
    rewardWeights: train.rewardWeights,
    observation: observationOverride(train),
    learnerIdsPerBubble: train.learnerIdsPerBubble,
  };
}

/** Builds the vectorised env of a run. */
export function makeVecEnv(train: TrainConfig, scenarioPath: string): VecEnv {
  const spec = envSpecOf(train, scenarioPath);
  return train.numWorkers > 0
    ? new WorkerVecEnv(spec, { numEnvs: train.numEnvs, numWorkers: train.numWorkers, frameStack: train.frameStack })
    : new InProcessVecEnv(spec, { numEnvs: train.numEnvs, frameStack: train.frameStack });
}

/** Runs (or, with `resume`, continues) a training run; `scenarioPath` and `outDir` are resolved paths. */
export async function runTraining(
  train: TrainConfig,
  paths: { scenario: string; outDir: string },
  options: {
    resume?: boolean;
    /** An agent-zoo policy directory the fresh learner's policy network starts from (learning/train/warmStart.ts). */
    warmStart?: string;
    /**
     * Runs on the fresh learner before the first iteration (after `warmStart`), e.g. behaviour
     * cloning (learning/imitation/behaviourClone.ts); the run then writes its checkpoint and zoo policy
     * at iteration 0, so a run of 0 steps leaves the pretrained policy. Not called on `resume`.
     */
    pretrain?: (learner: Learner) => Promise<void>;
    onProgress?: (p: TrainProgress) => void;
  } = {},
): Promise<TrainProgress> {
  mkdirSync(paths.outDir, { recursive: true });
  const cpPath = join(paths.outDir, "checkpoint.json"),
    csvPath = join(paths.outDir, "log.csv"),
    svgPath = join(paths.outDir, "curve.svg"),
    policyDir = join(paths.outDir, "policy");
  const env = makeVecEnv(train, paths.scenario);
  let learner: ReturnType<typeof makeLearner> | undefined;
  let iteration = 0;
  try {
    const iface = policyInterfaceOf(paths.scenario, env, train.frameStack, observationOverride(train));
    learner = makeLearner(train.algorithm, env, train.hyper, train.seed);
    if (options.resume) {
      if (!existsSync(cpPath)) throw new Error(`--resume: no checkpoint at ${cpPath}`);
      const file = JSON.parse(readFileSync(cpPath, "utf8")) as TrainCheckpointFile;
      if (file.learner.algorithm !== learner.algorithm)
        throw new Error(
          `--resume: ${cpPath} is a ${file.learner.algorithm} checkpoint, the config asks for ${learner.algorithm}`,
        );
      await learner.restore(file.learner);
      iteration = file.iteration;
    } else {
      if (options.warmStart) await warmStart(learner, options.warmStart);
      writeFileSync(csvPath, CSV_HEADER);
    }
    const blocker = train.exportPolicy ? exportBlocker(learner, iface) : "exportPolicy is off";
    const policy = blocker ? { skipped: blocker } : { dir: policyDir };
    const save = async () => {
      await saveCheckpoint(cpPath, { train, iteration, learner: await learner!.checkpoint(), interface: iface });
      if (!blocker)
        await exportZooPolicy(learner!, iface, policyDir, {
          name: policyName(train),
          training: { scenario: train.scenario, seed: train.seed },
        });
    };
    if (!options.resume && options.pretrain) {
      await options.pretrain(learner);
      await save();
    }
    await env.reset(train.seed + iteration);
    const t0 = performance.now();
    let last: TrainProgress = {
      iteration,
      envSteps: learner.envSteps,
      totalSteps: train.totalSteps,
      meanReturn: NaN,
      completionRate: NaN,
      collisionRate: NaN,
      episodes: 0,
      ...(options.pretrain && !options.resume ? { policy } : {}),
    };
    while (learner.envSteps < train.totalSteps) {
      const stats = await learner.iterate();
      iteration++;
      last = { ...progressOf(iteration, learner.envSteps, train.totalSteps, stats.episodes), policy };
      const s = summarise(stats.episodes);
      appendFileSync(
        csvPath,
        [
          iteration,
          learner.envSteps,
          learner.agentSteps,
          ((performance.now() - t0) / 1000).toFixed(2),
          s.episodes,
          num(s.meanReturn, stats.episodes),
          num(s.completionRate, stats.episodes),
          num(s.collisionRate, stats.episodes),
          num(s.offRoadRate, stats.episodes),
        ].join(",") + "\n",
      );
      writeFileSync(svgPath, curveFromCsv(readFileSync(csvPath, "utf8"), `${train.algorithm} on ${train.scenario}`));
      options.onProgress?.(last);
      if (iteration % train.checkpointEvery === 0 || learner.envSteps >= train.totalSteps) await save();
    }
    return last;
  } finally {
    learner?.dispose();
    await env.close();
  }
}

/** Writes the checkpoint atomically (temporary file, then rename), so a crash never leaves half a file. */
async function saveCheckpoint(path: string, file: TrainCheckpointFile): Promise<void> {
  writeFileSync(path + ".tmp", JSON.stringify(file));
  renameSync(path + ".tmp", path);
}

/** The exported policy's name: algorithm and scenario file name. */
function policyName(train: TrainConfig): string {
  const base = train.scenario
    .split(/[\\/]/)
    .pop()!
    .replace(/\.scn$/, "");
  return `${train.algorithm}-${base}`;
}

function progressOf(iteration: number, envSteps: number, totalSteps: number, eps: EpisodeStat[]): TrainProgress {
  const s = summarise(eps);
  return {
    iteration,
    envSteps,
    totalSteps,
    meanReturn: s.meanReturn,
    completionRate: s.completionRate,
    collisionRate: s.collisionRate,
    episodes: eps.length,
  };
}

function num(v: number, eps: EpisodeStat[]): string {
  return eps.length ? v.toFixed(4) : "";
}

/** The learning curve (return, completion, collision against env steps) from the CSV log. */
export function curveFromCsv(csv: string, title: string): string {
  const rows = csv
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const series = (col: number) =>
    rows.filter((r) => r[col] !== "").map((r): [number, number] => [Number(r[1]), Number(r[col])]);
  return learningCurveSvg({
    title,
    left: { label: "mean episode return", series: [{ name: "mean return", colour: "#1f77b4", points: series(5) }] },
    right: {
      label: "rate (share of episodes, 0–1)",
      series: [
        { name: "completion rate", colour: "#2ca02c", points: series(6) },
        { name: "collision rate", colour: "#d62728", points: series(7) },
      ],
    },
  });
}
