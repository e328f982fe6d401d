/**
 * `npm run train:paper -- [columns…] [--steps <n>] [--episodes <n>] [--resume]`: trains parameter-shared PPO
 * on the SMARTS paper's columns (learning/paper/<column>.json; default all six), exports each
 * policy to the agent zoo (`out/paper/<column>/policy`), then evaluates it with the benchmark
 * runner on unseen seeds (100000 …, one episode each, four agents per episode) and writes the
 * paper's table — collision / completion per column, beside the paper's PPO and MADDPG — to
 * `out/paper/results.md` (and `results.json`); each column's full benchmark report goes to
 * `out/paper/<column>/benchmark/`. `--resume` continues each column's run from its checkpoint (up
 * to `--steps` in all).
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { checkSuite, loadSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";
import { writeReport } from "../../metrics/report/writeReport.js";
import { selectBackend } from "../backend/selectBackend.js";
import { TrainConfigSchema } from "../train/TrainConfig.js";
import { runTraining } from "../train/runTraining.js";

/** The paper's columns, in its order. */
export const PAPER_COLUMNS = ["two_way", "double_merge", "intersection", "two_way-sv", "double_merge-sv", "intersection-sv"] as const;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

/** One column's outcome. */
interface ColumnResult {
  column: string;
  envSteps: number;
  trainSeconds: number;
  episodes: number;
  agentEpisodes: number;
  collision: number | null;
  completion: number | null;
}

function parseArgs(argv: string[]): { columns: string[]; steps?: number; episodes: number; resume: boolean } {
  const columns: string[] = [];
  let steps: number | undefined, episodes = 100, resume = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = (name: string) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new Error(`train:paper: ${name} needs a positive integer, got "${argv[i]}"`);
      return v;
    };
    if (a === "--steps") steps = int("--steps");
    else if (a === "--episodes") episodes = int("--episodes");
    else if (a === "--resume") resume = true;
    else if ((PAPER_COLUMNS as readonly string[]).includes(a)) columns.push(a);
    else throw new Error(`train:paper: unknown argument "${a}"; columns are ${PAPER_COLUMNS.join(", ")}; options --steps <n>, --episodes <n>, --resume`);
  }
  return { columns: columns.length ? columns : [...PAPER_COLUMNS], steps, episodes, resume };
}

async function trainAndEvaluate(column: string, steps: number | undefined, episodes: number, resume: boolean): Promise<ColumnResult> {
  const file = join(here, `${column}.json`);
  const train = TrainConfigSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (steps) train.totalSteps = steps;
  const scenario = resolve(here, train.scenario), outDir = resolve(here, train.outDir);
  const t0 = performance.now();
  let lastPrint = 0;
  const last = await runTraining(train, { scenario, outDir }, {
    resume,
    onProgress: (p) => {
      if (performance.now() - lastPrint < 15_000 && p.envSteps < p.totalSteps) return;
      lastPrint = performance.now();
      const f = (v: number) => (p.episodes ? v.toFixed(2) : "-");
      process.stderr.write(`  ${column}: ${p.envSteps}/${p.totalSteps} env steps, ${((performance.now() - t0) / 1000).toFixed(0)} s; return ${f(p.meanReturn)}, completion ${f(p.completionRate)}, collision ${f(p.collisionRate)}\n`);
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  if (!last.policy || !("dir" in last.policy)) throw new Error(`train:paper: ${column}: no zoo policy was written (${last.policy && "skipped" in last.policy ? last.policy.skipped : "no checkpoint"})`);
  const suite = checkSuite(
    { name: `paper-${column}`, scenarios: [{ id: column, file: scenario }], policies: [{ name: `${train.algorithm} (roadgym)`, locator: `file:${last.policy.dir}` }], seeds: { from: 100_000, count: episodes }, episodes: 1 },
    join(outDir, "suite.json"),
  );
  const result = await runBenchmark(suite, { workers: 0, resolver: zooPolicyResolver(createDefaultZoo()) });
  writeReport(result, join(outDir, "benchmark"));
  const cell = result.cells[0];
  return { column, envSteps: last.envSteps, trainSeconds, episodes: cell?.episodes ?? 0, agentEpisodes: cell?.agentEpisodes ?? 0, collision: cell?.values.collisionRate ?? null, completion: cell?.values.completionRate ?? null };
}

/** The paper-layout table: our row, then the paper's PPO and MADDPG rows. */
function paperTable(results: readonly ColumnResult[]): string {
  const refs = loadSuite(join(root, "metrics/suites/paper.json")).references;
  const f = (v: number | null | undefined) => (v === null || v === undefined ? "–" : v.toFixed(2));
  const cell = (c: string) => results.find((r) => r.column === c);
  const lines = [
    `| policy | ${PAPER_COLUMNS.join(" | ")} |`,
    `|---|${PAPER_COLUMNS.map(() => "---").join("|")}|`,
    `| PPO, parameter-shared (roadgym, this run) | ${PAPER_COLUMNS.map((c) => (cell(c) ? `${f(cell(c)!.collision)} / ${f(cell(c)!.completion)}` : "not run")).join(" | ")} |`,
  ];
  for (const r of refs.filter((x) => /PPO|MADDPG/.test(x.name))) lines.push(`| ${r.name} | ${PAPER_COLUMNS.map((c) => (r.cells[c] ? `${f(r.cells[c].collision)} / ${f(r.cells[c].completion)}` : "–")).join(" | ")} |`);
  const runs = results.map((r) => `- ${r.column}: ${r.envSteps} env steps in ${r.trainSeconds.toFixed(0)} s of training; evaluated on ${r.episodes} unseen seeds (${r.agentEpisodes} agent episodes)`);
  return ["Collision rate / completion rate per column (agent episodes).", "", ...lines, "", ...runs, ""].join("\n");
}

const args = parseArgs(process.argv.slice(2));
const backend = await selectBackend();
process.stderr.write(`train:paper: ${args.columns.join(", ")}; ${backend.description}\n`);
const results: ColumnResult[] = [];
for (const column of args.columns) {
  results.push(await trainAndEvaluate(column, args.steps, args.episodes, args.resume));
  const out = join(root, "out/paper");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "results.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(join(out, "results.md"), paperTable(results));
}
process.stdout.write(paperTable(results));
