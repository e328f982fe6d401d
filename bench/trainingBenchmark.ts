/**
 * Training throughput (issue 22's target: ≥ 3,000 environment steps per second on every column of
 * the SMARTS paper's table, on a 2-core machine without a GPU, learning updates included):
 * parameter-shared PPO as `train:paper` trains it (learning/paper/<column>.json: one policy for the
 * four agents, no agent ids, 64 steps × 16 copies per iteration, minibatches of 1,024, 4 epochs)
 * on each paper scenario — 4 learning agents, Lane actions, the compact observation (136 numbers,
 * one frame: what exported zoo policies read), the paper reward — over environment copies in worker
 * threads, on the best available TensorFlow.js backend. `{ observation: "scenario", frameStack: 3 }`
 * measures the first version's setup. One warm-up iteration, then the clock runs over whole
 * iterations (rollout + update). An environment step advances one copy by 0.1 s, all of its agents
 * together; agent steps are the samples the learner receives.
 */
import os from "node:os";
import { result, type Benchmark, type BenchResult } from "./BenchResult.js";
import { selectBackend } from "../learning/backend/selectBackend.js";
import { PPO } from "../learning/algorithms/ppo.js";
import { WorkerVecEnv } from "../learning/vecEnv/WorkerVecEnv.js";
import { observationOverride } from "../learning/train/runTraining.js";
import { InProcessVecEnv } from "../learning/vecEnv/InProcessVecEnv.js";
import type { VecEnv } from "../learning/vecEnv/VecEnv.js";
import { join } from "node:path";
import { packageRoot } from "../compose/packageRoot.js";

/** Options of {@link measureTrainingThroughput}. */
export interface TrainingThroughputOptions {
  /** Environment copies. @default 16 */
  numEnvs?: number;
  /** Worker threads (0: in-process). @default min(available cores, 2) */
  numWorkers?: number;
  /** Timed iterations. @default 3 */
  iterations?: number;
  /** Rollout steps per copy per iteration. @default 64 */
  numSteps?: number;
  /** `compact` (the trainer's compact preset) or the scenario's own observe blocks. @default "compact" */
  observation?: "compact" | "scenario";
  /** Frames per input. @default 1 */
  frameStack?: number;
  /** PPO minibatch size. @default 1024 */
  minibatchSize?: number;
  /** The paper column (scenario `scenarios/paper-<column>.scn`). @default "two_way" */
  column?: string;
}

/** What {@link measureTrainingThroughput} measured. */
export interface TrainingThroughput {
  /** Environment steps per second of training, updates included. */
  envStepsPerS: number;
  /** Agent steps (samples) per second of training. */
  agentStepsPerS: number;
  /** The same vectorised env stepped alone (keep_lane everywhere, no learner): the ceiling the env sets. */
  envOnlyStepsPerS: number;
  backend: string;
  detail: string;
}

/** Measures parameter-shared PPO training throughput on a paper column, and the env alone. */
export async function measureTrainingThroughput(options: TrainingThroughputOptions = {}): Promise<TrainingThroughput> {
  const backend = await selectBackend();
  const numEnvs = options.numEnvs ?? 16;
  const numWorkers = options.numWorkers ?? Math.min(os.availableParallelism(), 2);
  const frameStack = options.frameStack ?? 1;
  const observation = options.observation === "scenario" ? undefined : observationOverride({ observation: "compact" });
  const column = options.column ?? "two_way";
  const spec = {
    kind: "roadgym" as const,
    scenario: join(packageRoot(), `scenarios/paper-${column}.scn`),
    observation,
    reward: "paper" as const,
  };
  const env: VecEnv =
    numWorkers > 0
      ? new WorkerVecEnv(spec, { numEnvs, numWorkers, frameStack })
      : new InProcessVecEnv(spec, { numEnvs, frameStack });
  const learner = new PPO(env, {
    seed: 1,
    numSteps: options.numSteps ?? 64,
    minibatchSize: options.minibatchSize ?? 1024,
    updateEpochs: 4,
    learningRate: 5e-4,
    hidden: [64, 64],
  });
  try {
    await env.reset(1);
    // The env alone first (after a warm-up): as many steps as one iteration takes.
    const steps = options.numSteps ?? 64;
    const stepAll = async (n: number) => {
      for (let t = 0; t < n; t++) {
        env.buffers.actions.fill(0);
        await env.step();
      }
    };
    await stepAll(steps);
    const tEnv = performance.now();
    await stepAll(steps);
    const envOnlyStepsPerS = (steps * numEnvs) / ((performance.now() - tEnv) / 1000);
    await env.reset(1);
    await learner.iterate();
    const e0 = learner.envSteps,
      a0 = learner.agentSteps;
    let rolloutMs = 0,
      updateMs = 0;
    const t0 = performance.now();
    for (let i = 0; i < (options.iterations ?? 3); i++) {
      const t1 = performance.now();
      const { batch } = await learner.collect();
      const t2 = performance.now();
      learner.update(batch);
      rolloutMs += t2 - t1;
      updateMs += performance.now() - t2;
    }
    const s = (performance.now() - t0) / 1000;
    const envStepsPerS = (learner.envSteps - e0) / s,
      agentStepsPerS = (learner.agentSteps - a0) / s;
    const detail = `${backend.choice}; ${env.obsDim}-element inputs; ${numEnvs} envs on ${numWorkers || "no"} workers; rollout ${(rolloutMs / 1000).toFixed(1)} s, update ${(updateMs / 1000).toFixed(1)} s; ${Math.round(agentStepsPerS)} agent steps/s; env alone ${Math.round(envOnlyStepsPerS)} env steps/s`;
    return { envStepsPerS, agentStepsPerS, envOnlyStepsPerS, backend: backend.choice, detail };
  } finally {
    learner.dispose();
    await env.close();
  }
}

/** The paper's columns the benchmark measures. */
const COLUMNS = ["two_way", "double_merge", "intersection", "two_way-sv", "double_merge-sv", "intersection-sv"];

/** The training-throughput benchmark (register it in bench/runBenchmarks.ts): one figure per paper column. */
export const trainingBenchmark: Benchmark = {
  name: "training",
  async run(): Promise<BenchResult[]> {
    const out: BenchResult[] = [];
    for (const column of COLUMNS) {
      const r = await measureTrainingThroughput({ column });
      out.push(
        result(
          `trainingEnvStepsPerS.${column}`,
          `training env steps/s: shared PPO, paper ${column}, 4 agents, incl. updates`,
          r.envStepsPerS,
          "steps/s",
          { op: ">=", value: 3000 },
          r.detail,
        ),
      );
    }
    return out;
  },
};
