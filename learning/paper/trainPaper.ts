/**
 * `npm run train:paper -- [columns…] [--algorithm <name>] [--steps <n>] [--hyper <json>] [--episodes <n>]
 * [--resume] [--warm-start] [--anneal-steps <n>] [--bc-from <locator> [--bc-params <json>] [--bc-steps <n>]
 * [--bc-epochs <n>]] [--publish] [--eval-only]`: trains a parameter-shared policy on the
 * SMARTS paper's columns (learning/paper/<column>.json; default all six) — PPO as the configs say,
 * or another algorithm with the hyper-parameters of `ALGORITHM_HYPER` (learning/paper/algorithmHyper.ts)
 * and `--hyper`'s on top — exports it to the agent zoo (`<outDir>/policy`) and evaluates it with the
 * benchmark runner on unseen seeds (100000 …, one episode each, four agents per episode).
 *
 * Outputs: PPO (the configs' algorithm) in `out/paper/<column>/`, any other in
 * `out/paper/<column>-<algorithm>/`, with the column's benchmark report in `<outDir>/benchmark/` and
 * the training time and commands of every run in `<outDir>/run.json` (resumed runs add to them);
 * every run's cell in `out/paper/results.json`. `--resume` continues a column's run from its
 * checkpoint (up to `--steps` in all); `--anneal-steps <n>` (PPO family) lets the learning rate and
 * entropy weight fall linearly to 0 at env step n. `--warm-start` starts the policy network from the
 * column's published policy (learning/train/warmStart.ts: the critic starts fresh), for fine-tuning a
 * policy whose checkpoint is gone; published, the cell adds its steps, times and commands to the
 * published cell's. `--bc-from <locator>` starts the policy by behaviour cloning (learning/imitation/):
 * `--bc-steps` environment steps (default 20,000) of the zoo driver (`--bc-params`, default
 * `{ "action": "lane" }`, the paper's action space) driving the column's agents on training seeds, cloned
 * in `--bc-epochs` passes (default 20) into the PPO-family actor before training; `--steps 0` makes the
 * cloned policy the run's policy.
 *
 * `--publish` makes the run the published cell: its policy is copied to
 * `learning/paper/policies/<algorithm>/<column>/`, its cell written to learning/paper/results.json,
 * and the tables of docs/paper-results.md regenerated from that file. `--eval-only` trains nothing:
 * it evaluates the published policies of the columns again (after a change to the simulation) and
 * updates their cells' evaluation, keeping how they were trained.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkSuite, loadSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";
import { writeReport } from "../../metrics/report/writeReport.js";
import { selectBackend } from "../backend/selectBackend.js";
import { ALGORITHMS, type AlgorithmName } from "../train/makeLearner.js";
import { TrainConfigSchema, type TrainConfig } from "../train/TrainConfig.js";
import { envSpecOf, runTraining } from "../train/runTraining.js";
import type { Learner } from "../algorithms/Learner.js";
import { cloneIntoLearner } from "../imitation/behaviourClone.js";
import { collectDemonstrations } from "../imitation/collectDemonstrations.js";
import { ALGORITHM_HYPER } from "./algorithmHyper.js";
import {
  PAPER_COLUMNS,
  loadPaperCells,
  renderPaperTables,
  replaceGenerated,
  savePaperCells,
  upsertCell,
  type PaperCell,
} from "./PaperResults.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const PUBLISHED = join(here, "results.json");
const DOC = join(root, "docs/paper-results.md");
const SEED_FROM = 100_000;

/** Row labels of the algorithms. */
const LABELS: Readonly<Record<string, string>> = {
  ppo: "PPO, parameter-shared",
  ippo: "IPPO, parameter-shared",
  mappo: "MAPPO (centralised critic)",
  maa2c: "MAA2C (centralised critic)",
  happo: "HAPPO (sequential updates)",
  coma: "COMA (counterfactual baseline)",
  maac: "MAAC (attention critic)",
  mfac: "MFAC (mean-field critic)",
  commnet: "CommNet (communicating agents)",
  dqn: "DQN (IQL)",
  vdn: "VDN",
  qmix: "QMIX",
  maddpg: "MADDPG (Gumbel-softmax, shared actor)",
};

/** The paper's algorithms that roadgym has, with the name of their row in metrics/suites/paper.json. */
const PAPER_ALGORITHMS: Readonly<Record<string, string>> = {
  dqn: "DQN (SMARTS paper)",
  ppo: "PPO (SMARTS paper)",
  maac: "MAAC (SMARTS paper)",
  mfac: "MFAC (SMARTS paper)",
  commnet: "CommNet (SMARTS paper)",
  maddpg: "MADDPG (SMARTS paper)",
};

/** One run's outcome (out/paper/results.json). */
interface RunResult {
  algorithm: string;
  column: string;
  envSteps: number;
  trainSeconds: number;
  trainCpuSeconds: number;
  episodes: number;
  agentEpisodes: number;
  collision: number | null;
  completion: number | null;
}

/** Training time and commands of a run directory, summed over its resumed runs (`<outDir>/run.json`). */
interface RunLog {
  trainSeconds: number;
  trainCpuSeconds: number;
  commands: string[];
}

interface Args {
  columns: string[];
  algorithm?: AlgorithmName;
  steps?: number;
  hyper: Record<string, unknown>;
  episodes: number;
  resume: boolean;
  evalOnly: boolean;
  publish: boolean;
  annealSteps?: number;
  warmStart: boolean;
  /** Behaviour cloning before training: the zoo driver to imitate (`--bc-from`), its parameters, demonstration steps and epochs. */
  bcFrom?: string;
  bcParams: Record<string, unknown>;
  bcSteps: number;
  bcEpochs: number;
  /** The flags as given (for the commands recorded per cell). */
  flags: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    columns: [],
    hyper: {},
    episodes: 100,
    resume: false,
    evalOnly: false,
    publish: false,
    warmStart: false,
    bcParams: { action: "lane" },
    bcSteps: 20_000,
    bcEpochs: 20,
    flags: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`train:paper: ${a} needs a value`);
      args.flags.push(a, /[\s{}"']/.test(v) ? `'${v}'` : v);
      return v;
    };
    const int = () => {
      const s = value(),
        v = Number(s);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`train:paper: ${a} needs a positive integer, got "${s}"`);
      return v;
    };
    if (a === "--steps") {
      // 0 steps: with --bc-from, the cloned policy is the run's policy.
      const s = argv[i + 1];
      args.steps = s === "0" ? (value(), 0) : int();
    } else if (a === "--bc-from") args.bcFrom = value();
    else if (a === "--bc-steps") args.bcSteps = int();
    else if (a === "--bc-epochs") args.bcEpochs = int();
    else if (a === "--bc-params") {
      const s = value();
      try {
        args.bcParams = JSON.parse(s);
      } catch {
        throw new Error(`train:paper: --bc-params needs a JSON object, got ${s}`);
      }
    } else if (a === "--episodes") args.episodes = int();
    else if (a === "--anneal-steps") args.annealSteps = int();
    else if (a === "--hyper") {
      const s = value();
      try {
        args.hyper = { ...args.hyper, ...JSON.parse(s) };
      } catch {
        throw new Error(`train:paper: --hyper needs a JSON object, got ${s}`);
      }
    } else if (a === "--algorithm") {
      const name = value();
      if (!(ALGORITHMS as readonly string[]).includes(name))
        throw new Error(`train:paper: --algorithm is one of ${ALGORITHMS.join(", ")}, got "${name}"`);
      args.algorithm = ALGORITHMS.find((x) => x === name);
    } else if (a === "--resume" || a === "--eval-only" || a === "--publish" || a === "--warm-start") {
      args.flags.push(a);
      if (a === "--resume") args.resume = true;
      else if (a === "--warm-start") args.warmStart = true;
      else if (a === "--eval-only") args.evalOnly = true;
      else args.publish = true;
    } else if ((PAPER_COLUMNS as readonly string[]).includes(a)) args.columns.push(a);
    else
      throw new Error(
        `train:paper: unknown argument "${a}"; columns are ${PAPER_COLUMNS.join(", ")}; options --algorithm <${ALGORITHMS.join("|")}>, --steps <n>, --hyper <json>, --episodes <n>, --resume, --warm-start, --anneal-steps <n>, --bc-from <locator>, --bc-params <json>, --bc-steps <n>, --bc-epochs <n>, --publish, --eval-only`,
      );
  }
  if (args.warmStart && args.resume) throw new Error("train:paper: --warm-start starts a run; --resume continues one");
  if (args.steps === 0 && !args.bcFrom)
    throw new Error("train:paper: --steps 0 trains nothing; it is for --bc-from (the cloned policy alone)");
  if (args.bcFrom && (args.resume || args.warmStart))
    throw new Error("train:paper: --bc-from starts a fresh policy; it goes with neither --resume nor --warm-start");
  if (args.columns.length === 0) args.columns = [...PAPER_COLUMNS];
  return args;
}

/** The column's training config with the arguments applied. */
function trainConfigOf(column: string, args: Args): TrainConfig {
  const train = TrainConfigSchema.parse(JSON.parse(readFileSync(join(here, `${column}.json`), "utf8")));
  if (args.steps !== undefined) train.totalSteps = args.steps;
  if (args.algorithm && args.algorithm !== train.algorithm) {
    train.algorithm = args.algorithm;
    train.hyper = { ...ALGORITHM_HYPER[args.algorithm as Exclude<AlgorithmName, "ppo">] };
    train.outDir = `${train.outDir}-${args.algorithm}`;
  }
  train.hyper = { ...train.hyper, ...args.hyper };
  if (args.annealSteps) {
    if (!["ppo", "ippo", "mappo", "maa2c"].includes(train.algorithm))
      throw new Error(
        `train:paper: --anneal-steps is a PPO setting (ppo, ippo, mappo, maa2c), not ${train.algorithm}'s`,
      );
    train.hyper = { ...train.hyper, annealSteps: args.annealSteps };
  }
  return train;
}

/** Where a column's published policy lives. */
function publishedPolicy(algorithm: string, column: string): string {
  return join(here, "policies", algorithm, column);
}

/** Trains and evaluates one column (or, with `--eval-only`, evaluates its published policy). */
async function runColumn(column: string, args: Args): Promise<void> {
  const train = trainConfigOf(column, args);
  const scenario = resolve(here, train.scenario),
    outDir = resolve(here, train.outDir);
  if (args.evalOnly) {
    const cells = loadPaperCells(PUBLISHED);
    const cell = cells.find((c) => c.algorithm === train.algorithm && c.column === column);
    const dir = publishedPolicy(train.algorithm, column);
    if (!cell || !existsSync(join(dir, "policy.json")))
      throw new Error(`train:paper: --eval-only: ${train.algorithm} has no published policy for ${column} (${dir})`);
    const evaluation = await evaluate(column, train.algorithm, scenario, outDir, dir, args.episodes);
    if (evaluation.collision === null || evaluation.completion === null)
      throw new Error(`train:paper: ${column}: the evaluation finished no agent episode`);
    publish({ ...cell, ...evaluation, collision: evaluation.collision, completion: evaluation.completion });
    report(`${column} (${train.algorithm}) evaluated again: ${describe(evaluation)}`);
    return;
  }
  const published = publishedPolicy(train.algorithm, column);
  const base = args.warmStart
    ? loadPaperCells(PUBLISHED).find((c) => c.algorithm === train.algorithm && c.column === column)
    : undefined;
  if (args.warmStart && (!base || !existsSync(join(published, "policy.json"))))
    throw new Error(
      `train:paper: --warm-start: ${train.algorithm} has no published policy for ${column} (${published})`,
    );
  const logFile = join(outDir, "run.json");
  const earlier: RunLog =
    args.resume && existsSync(logFile)
      ? JSON.parse(readFileSync(logFile, "utf8"))
      : { trainSeconds: 0, trainCpuSeconds: 0, commands: [] };
  const t0 = performance.now(),
    cpu0 = process.cpuUsage();
  let lastPrint = 0;
  const last = await runTraining(
    train,
    { scenario, outDir },
    {
      resume: args.resume,
      warmStart: args.warmStart ? published : undefined,
      pretrain: args.bcFrom ? (learner) => cloneExpert(learner, train, scenario, outDir, args) : undefined,
      onProgress: (p) => {
        if (performance.now() - lastPrint < 15_000 && p.envSteps < p.totalSteps) return;
        lastPrint = performance.now();
        const f = (v: number) => (p.episodes ? v.toFixed(2) : "-");
        report(
          `  ${column} (${train.algorithm}): ${p.envSteps}/${p.totalSteps} env steps, ${((performance.now() - t0) / 1000).toFixed(0)} s; return ${f(p.meanReturn)}, completion ${f(p.completionRate)}, collision ${f(p.collisionRate)}`,
        );
      },
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const log: RunLog = {
    trainSeconds: earlier.trainSeconds + (performance.now() - t0) / 1000,
    trainCpuSeconds: earlier.trainCpuSeconds + (cpu.user + cpu.system) / 1e6,
    commands: [...earlier.commands, `npm run train:paper -- ${[column, ...args.flags].join(" ")}`],
  };
  writeFileSync(logFile, JSON.stringify(log, null, 2) + "\n");
  if (!last.policy || !("dir" in last.policy))
    throw new Error(
      `train:paper: ${column}: no zoo policy was written (${last.policy && "skipped" in last.policy ? last.policy.skipped : "no checkpoint"})`,
    );
  const evaluation = await evaluate(column, train.algorithm, scenario, outDir, last.policy.dir, args.episodes);
  const run: RunResult = {
    algorithm: train.algorithm,
    column,
    envSteps: last.envSteps,
    trainSeconds: log.trainSeconds,
    trainCpuSeconds: log.trainCpuSeconds,
    ...evaluation,
  };
  recordRun(run);
  report(
    `${column} (${train.algorithm}): ${last.envSteps} env steps, ${(log.trainSeconds / 60).toFixed(1)} min (${(log.trainCpuSeconds / 60).toFixed(1)} CPU min); ${describe(evaluation)}`,
  );
  if (!args.publish) return;
  if (evaluation.collision === null || evaluation.completion === null)
    throw new Error(`train:paper: ${column}: the evaluation finished no agent episode; nothing to publish`);
  const dir = published;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(last.policy.dir, dir, { recursive: true });
  const plus = (a: number | null | undefined, b: number) => (a === null ? null : (a ?? 0) + b);
  publish({
    algorithm: train.algorithm,
    column: PAPER_COLUMNS.find((c) => c === column)!,
    envSteps: (base?.envSteps ?? 0) + last.envSteps,
    trainSeconds: plus(base?.trainSeconds, log.trainSeconds),
    trainCpuSeconds: plus(base?.trainCpuSeconds, log.trainCpuSeconds),
    hyper: train.hyper,
    commands: [...(base?.commands ?? []), ...log.commands],
    ...(base?.restoredFrom ? { restoredFrom: base.restoredFrom } : {}),
    policy: relative(root, dir),
    seedFrom: SEED_FROM,
    episodes: evaluation.episodes,
    agentEpisodes: evaluation.agentEpisodes,
    collision: evaluation.collision,
    completion: evaluation.completion,
  });
}

/**
 * `--bc-from`: demonstrations of the zoo driver on the column (training seeds 1, 2, …; never the
 * evaluation's), cloned into the learner's actor; what cloning did goes to `<outDir>/bc.json`.
 */
async function cloneExpert(learner: Learner, train: TrainConfig, scenario: string, outDir: string, args: Args) {
  const t0 = performance.now();
  const demos = await collectDemonstrations(
    envSpecOf(train, scenario),
    { locator: args.bcFrom!, params: args.bcParams },
    { steps: args.bcSteps, seed: train.seed },
  );
  report(
    `  behaviour cloning from ${args.bcFrom}: ${demos.n} agent steps of ${demos.agentEpisodes} agent episodes (${demos.completed} reached the goal, ${demos.collided} collided), ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const result = cloneIntoLearner(learner, demos, { epochs: args.bcEpochs, seed: train.seed });
  const f = (v: number) => v.toFixed(3);
  report(
    `  cloned in ${args.bcEpochs} epochs: cross-entropy ${f(result.lossBefore)} → ${f(result.losses.at(-1)!)}; held-out ${f(result.heldOutLossBefore)} → ${f(result.heldOutLossAfter)}, agreement with the driver ${f(result.trainAgreement)} (training states), ${f(result.heldOutAgreement)} (held-out), ${((performance.now() - t0) / 1000).toFixed(0)} s in all`,
  );
  const counts = new Array<number>(demos.numActions).fill(0);
  for (const a of demos.actions) counts[a]++;
  writeFileSync(
    join(outDir, "bc.json"),
    JSON.stringify(
      {
        expert: { locator: args.bcFrom, params: args.bcParams },
        steps: args.bcSteps,
        samples: demos.n,
        actionCounts: counts,
        agentEpisodes: demos.agentEpisodes,
        completed: demos.completed,
        collided: demos.collided,
        ...result,
      },
      null,
      2,
    ) + "\n",
  );
}

function describe(e: { episodes: number; agentEpisodes: number; collision: number | null; completion: number | null }) {
  const f = (v: number | null) => (v === null ? "–" : v.toFixed(2));
  return `collision ${f(e.collision)}, completion ${f(e.completion)} over ${e.agentEpisodes} agent episodes (${e.episodes} unseen seeds)`;
}

function report(line: string): void {
  process.stderr.write(line + "\n");
}

/** The benchmark runner's collision and completion rates of the zoo policy in `policyDir` on unseen seeds; the report goes to `<outDir>/benchmark/`. */
async function evaluate(
  column: string,
  algorithm: string,
  scenario: string,
  outDir: string,
  policyDir: string,
  episodes: number,
): Promise<{ episodes: number; agentEpisodes: number; collision: number | null; completion: number | null }> {
  mkdirSync(outDir, { recursive: true });
  const suite = checkSuite(
    {
      name: `paper-${column}`,
      scenarios: [{ id: column, file: scenario }],
      policies: [{ name: `${algorithm} (roadgym)`, locator: `file:${policyDir}` }],
      seeds: { from: SEED_FROM, count: episodes },
      episodes: 1,
    },
    join(outDir, "suite.json"),
  );
  const result = await runBenchmark(suite, { workers: 0, resolver: zooPolicyResolver(createDefaultZoo()) });
  writeReport(result, join(outDir, "benchmark"));
  const cell = result.cells[0];
  return {
    episodes: cell?.episodes ?? 0,
    agentEpisodes: cell?.agentEpisodes ?? 0,
    collision: cell?.values.collisionRate ?? null,
    completion: cell?.values.completionRate ?? null,
  };
}

/** Adds a run to out/paper/results.json (every run, published or not). */
function recordRun(run: RunResult): void {
  const dir = join(root, "out/paper"),
    file = join(dir, "results.json");
  mkdirSync(dir, { recursive: true });
  const runs: RunResult[] = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  writeFileSync(file, JSON.stringify([...runs, run], null, 2) + "\n");
}

/** Writes `cell` into learning/paper/results.json and regenerates the tables of docs/paper-results.md. */
function publish(cell: PaperCell): void {
  const cells = upsertCell(loadPaperCells(PUBLISHED), cell, [...ALGORITHMS]);
  savePaperCells(PUBLISHED, cells);
  const paperRows = loadSuite(join(root, "metrics/suites/paper.json")).references ?? [];
  const tables = renderPaperTables(cells, paperRows, LABELS, PAPER_ALGORITHMS);
  writeFileSync(DOC, replaceGenerated(readFileSync(DOC, "utf8"), tables, DOC));
}

const args = parseArgs(process.argv.slice(2));
const backend = await selectBackend();
report(
  `train:paper: ${args.columns.join(", ")}${args.algorithm ? ` with ${args.algorithm}` : ""}; ${backend.description}`,
);
for (const column of args.columns) await runColumn(column, args);
