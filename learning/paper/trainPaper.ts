/**
 * `npm run train:paper -- [columns…] [--algorithm <name>] [--steps <n>] [--episodes <n>] [--resume]`:
 * trains a parameter-shared policy on the SMARTS paper's columns (learning/paper/<column>.json;
 * default all six) — PPO as the configs say, or another algorithm with the hyper-parameters of
 * {@link ALGORITHM_HYPER} — exports each policy to the agent zoo (`<outDir>/policy`), then
 * evaluates it with the benchmark runner on unseen seeds (100000 …, one episode each, four agents
 * per episode). Outputs: PPO (the configs' algorithm) in `out/paper/<column>/`, any other in
 * `out/paper/<column>-<algorithm>/`; each column's full benchmark report in `<outDir>/benchmark/`;
 * the paper's table — collision / completion per column, one row per algorithm run, beside the
 * paper's PPO and MADDPG — in `out/paper/results.md` (and `results.json`, which keeps earlier runs'
 * rows: a later run of the same algorithm and column replaces its cell). `--resume` continues each
 * column's run from its checkpoint (up to `--steps` in all). `--anneal-steps <n>` (PPO, IPPO,
 * MAPPO) lets the learning rate and entropy weight fall linearly to 0 at env step n.
 * `--eval-only` trains nothing: it evaluates each column's exported policy again (after a change
 * to the simulation) and keeps the training figures of its earlier run.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkSuite, loadSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";
import { writeReport } from "../../metrics/report/writeReport.js";
import { selectBackend } from "../backend/selectBackend.js";
import { ALGORITHMS, type AlgorithmName } from "../train/makeLearner.js";
import { ALGORITHM_HYPER } from "./algorithmHyper.js";
import { TrainConfigSchema } from "../train/TrainConfig.js";
import { runTraining } from "../train/runTraining.js";

/** The paper's columns, in its order. */
export const PAPER_COLUMNS = [
  "two_way",
  "double_merge",
  "intersection",
  "two_way-sv",
  "double_merge-sv",
  "intersection-sv",
] as const;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/**
 * Hyper-parameters of the algorithms other than the configs' PPO. Every policy is
 * parameter-shared without agent ids, so one exported zoo policy drives all four agents: IPPO,
 * MAPPO, HAPPO (one shared policy) with PPO's settings; MAA2C with A2C's; COMA, MAAC, MFAC with
 * PPO's batch and clipped actor passes; CommNet; DQN (IQL), VDN and QMIX with one Q-network; MADDPG
 * with one Gumbel-softmax actor and a centralised critic per agent.
 */
/** One column's outcome. */
interface ColumnResult {
  algorithm: string;
  column: string;
  envSteps: number;
  trainSeconds: number;
  episodes: number;
  agentEpisodes: number;
  collision: number | null;
  completion: number | null;
}

interface Args {
  columns: string[];
  algorithm?: AlgorithmName;
  steps?: number;
  episodes: number;
  resume: boolean;
  evalOnly: boolean;
  annealSteps?: number;
}

function parseArgs(argv: string[]): Args {
  const columns: string[] = [];
  let steps: number | undefined,
    annealSteps: number | undefined,
    episodes = 100,
    resume = false,
    evalOnly = false,
    algorithm: AlgorithmName | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = (name: string) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0)
        throw new Error(`train:paper: ${name} needs a positive integer, got "${argv[i]}"`);
      return v;
    };
    if (a === "--steps") steps = int("--steps");
    else if (a === "--episodes") episodes = int("--episodes");
    else if (a === "--resume") resume = true;
    else if (a === "--eval-only") evalOnly = true;
    else if (a === "--anneal-steps") annealSteps = int("--anneal-steps");
    else if (a === "--algorithm") {
      const name = argv[++i];
      if (!(ALGORITHMS as readonly string[]).includes(name))
        throw new Error(`train:paper: --algorithm is one of ${ALGORITHMS.join(", ")}, got "${name}"`);
      algorithm = name as AlgorithmName;
    } else if ((PAPER_COLUMNS as readonly string[]).includes(a)) columns.push(a);
    else
      throw new Error(
        `train:paper: unknown argument "${a}"; columns are ${PAPER_COLUMNS.join(", ")}; options --algorithm <${ALGORITHMS.join("|")}>, --steps <n>, --episodes <n>, --resume, --eval-only, --anneal-steps <n>`,
      );
  }
  return {
    columns: columns.length ? columns : [...PAPER_COLUMNS],
    algorithm,
    steps,
    annealSteps,
    episodes,
    resume,
    evalOnly,
  };
}

/** Trains (unless `--eval-only`: then `earlier` holds the training figures) and evaluates one column. */
async function trainAndEvaluate(column: string, args: Args, earlier: readonly ColumnResult[]): Promise<ColumnResult> {
  const file = join(here, `${column}.json`);
  const train = TrainConfigSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (args.steps) train.totalSteps = args.steps;
  if (args.algorithm && args.algorithm !== train.algorithm) {
    train.algorithm = args.algorithm;
    train.hyper = { ...ALGORITHM_HYPER[args.algorithm as Exclude<AlgorithmName, "ppo">] };
    train.outDir = `${train.outDir}-${args.algorithm}`;
  }
  if (args.annealSteps) {
    if (!["ppo", "ippo", "mappo", "maa2c"].includes(train.algorithm))
      throw new Error(
        `train:paper: --anneal-steps is a PPO setting (ppo, ippo, mappo, maa2c), not ${train.algorithm}'s`,
      );
    train.hyper = { ...train.hyper, annealSteps: args.annealSteps };
  }
  const scenario = resolve(here, train.scenario),
    outDir = resolve(here, train.outDir);
  if (args.evalOnly) {
    const before = earlier.find((r) => r.algorithm === train.algorithm && r.column === column);
    const dir = join(outDir, "policy");
    if (!before || !existsSync(join(dir, "policy.json")))
      throw new Error(
        `train:paper: --eval-only: ${column} (${train.algorithm}) has no earlier run with a policy in ${dir}`,
      );
    return { ...before, ...(await evaluate(column, train.algorithm, scenario, outDir, dir, args.episodes)) };
  }
  const t0 = performance.now();
  let lastPrint = 0;
  const last = await runTraining(
    train,
    { scenario, outDir },
    {
      resume: args.resume,
      onProgress: (p) => {
        if (performance.now() - lastPrint < 15_000 && p.envSteps < p.totalSteps) return;
        lastPrint = performance.now();
        const f = (v: number) => (p.episodes ? v.toFixed(2) : "-");
        process.stderr.write(
          `  ${column} (${train.algorithm}): ${p.envSteps}/${p.totalSteps} env steps, ${((performance.now() - t0) / 1000).toFixed(0)} s; return ${f(p.meanReturn)}, completion ${f(p.completionRate)}, collision ${f(p.collisionRate)}\n`,
        );
      },
    },
  );
  const trainSeconds = (performance.now() - t0) / 1000;
  if (!last.policy || !("dir" in last.policy))
    throw new Error(
      `train:paper: ${column}: no zoo policy was written (${last.policy && "skipped" in last.policy ? last.policy.skipped : "no checkpoint"})`,
    );
  return {
    algorithm: train.algorithm,
    column,
    envSteps: last.envSteps,
    trainSeconds,
    ...(await evaluate(column, train.algorithm, scenario, outDir, last.policy.dir, args.episodes)),
  };
}

/** The benchmark runner's collision and completion rates of the zoo policy in `policyDir` on unseen seeds 100000 …; the report goes to `<outDir>/benchmark/`. */
async function evaluate(
  column: string,
  algorithm: string,
  scenario: string,
  outDir: string,
  policyDir: string,
  episodes: number,
): Promise<Pick<ColumnResult, "episodes" | "agentEpisodes" | "collision" | "completion">> {
  const suite = checkSuite(
    {
      name: `paper-${column}`,
      scenarios: [{ id: column, file: scenario }],
      policies: [{ name: `${algorithm} (roadgym)`, locator: `file:${policyDir}` }],
      seeds: { from: 100_000, count: episodes },
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

/** Row labels of the algorithms. */
const ROW_NAMES: Readonly<Record<string, string>> = {
  ppo: "PPO (IPPO without agent ids), parameter-shared",
  ippo: "IPPO, parameter-shared",
  mappo: "MAPPO (centralised critic), parameter-shared",
  maa2c: "MAA2C (centralised critic), parameter-shared",
  happo: "HAPPO (sequential updates), parameter-shared",
  coma: "COMA (counterfactual baseline), parameter-shared",
  maac: "MAAC (attention critic), parameter-shared",
  mfac: "MFAC (mean-field critic), parameter-shared",
  commnet: "CommNet (communicating agents)",
  vdn: "VDN, parameter-shared",
  qmix: "QMIX, parameter-shared",
  dqn: "DQN (IQL), parameter-shared",
  maddpg: "MADDPG (Gumbel-softmax), shared actor",
};

/** The paper-layout table: a row per algorithm run here, then the paper's PPO and MADDPG rows. */
function paperTable(results: readonly ColumnResult[]): string {
  const refs = loadSuite(join(root, "metrics/suites/paper.json")).references;
  const f = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toFixed(2));
  const algorithms = ALGORITHMS.filter((a) => results.some((r) => r.algorithm === a));
  const lines = [`| policy | ${PAPER_COLUMNS.join(" | ")} |`, `|---|${PAPER_COLUMNS.map(() => "---").join("|")}|`];
  for (const a of algorithms) {
    const cell = (c: string) => results.find((r) => r.algorithm === a && r.column === c);
    lines.push(
      `| ${ROW_NAMES[a] ?? a} (roadgym) | ${PAPER_COLUMNS.map((c) => (cell(c) ? `${f(cell(c)!.collision)} / ${f(cell(c)!.completion)}` : "not run")).join(" | ")} |`,
    );
  }
  for (const r of refs.filter((x) => /PPO|MADDPG/.test(x.name)))
    lines.push(
      `| ${r.name} | ${PAPER_COLUMNS.map((c) => (r.cells[c] ? `${f(r.cells[c].collision)} / ${f(r.cells[c].completion)}` : "–")).join(" | ")} |`,
    );
  const runs = results.map(
    (r) =>
      `- ${r.algorithm}, ${r.column}: ${r.envSteps} env steps in ${r.trainSeconds.toFixed(0)} s of training; evaluated on ${r.episodes} unseen seeds (${r.agentEpisodes} agent episodes)`,
  );
  return ["Collision rate / completion rate per column (agent episodes).", "", ...lines, "", ...runs, ""].join("\n");
}

/** Earlier runs' results (`out/paper/results.json`), oldest format (no algorithm) read as PPO. */
function loadResults(path: string): ColumnResult[] {
  if (!existsSync(path)) return [];
  return (JSON.parse(readFileSync(path, "utf8")) as ColumnResult[]).map((r) => ({
    ...r,
    algorithm: r.algorithm ?? "ppo",
  }));
}

const args = parseArgs(process.argv.slice(2));
const backend = await selectBackend();
process.stderr.write(
  `train:paper: ${args.columns.join(", ")}${args.algorithm ? ` with ${args.algorithm}` : ""}; ${backend.description}\n`,
);
const out = join(root, "out/paper");
const results = loadResults(join(out, "results.json"));
for (const column of args.columns) {
  const r = await trainAndEvaluate(column, args, results);
  const at = results.findIndex((x) => x.algorithm === r.algorithm && x.column === r.column);
  if (at >= 0) results[at] = r;
  else results.push(r);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(out, "results.md"), paperTable(results));
}
process.stdout.write(paperTable(results));
