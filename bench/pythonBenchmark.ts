/**
 * The Python package's speed (issue 21): environment steps per second seen from Python
 * (`roadgym.env`, through the bridge) against the TypeScript environment (makeEnv, in this process)
 * on the same scenario — one learning agent with the standard observation among 50 traffic
 * vehicles on a ring, the environment benchmark's scene — and the vector env's total steps per
 * second with 1 … N simulator processes (N = the core count, at most 4). Targets: Python ≥ 50 % of
 * the native rate; N processes ≥ 0.8 · N times one. Runs alternate native and Python three times
 * (each printed); the figures are their medians. Skipped, with what to install, when the Python
 * package or its dependencies are missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { makeEnv } from "../compose/makeEnv.js";
import { packageRoot } from "../compose/packageRoot.js";
import { median, result, type Benchmark, type BenchResult } from "./BenchResult.js";
import { ringScenario } from "./envBenchmark.js";

const STEPS = 3000;
const WARMUP = 600;
const RUNS = 3;

/** The Python to run: `ROADGYM_PYTHON`, this checkout's `.venv`, or `python3`. */
function pythonExecutable(root: string): string {
  if (process.env.ROADGYM_PYTHON) return process.env.ROADGYM_PYTHON;
  const venv = join(root, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

/** Native steps per second: the same warm-up and steps as the Python side. */
async function nativeStepsPerS(file: string): Promise<number> {
  const env = makeEnv(file, { traffic: "local" });
  await env.reset({ seed: 1 });
  const act = () => Object.fromEntries(env.agents.map((id) => [id, 0]));
  for (let k = 0; k < WARMUP; k++) await env.step(act());
  if (env.sim.frame.count < 51)
    throw new Error(`python benchmark: only ${env.sim.frame.count} of 51 vehicles after ${WARMUP} warm-up steps`);
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) await env.step(act());
  const s = (performance.now() - t0) / 1000;
  await env.close();
  return STEPS / s;
}

export const pythonBenchmark: Benchmark = {
  name: "python",
  async run(): Promise<BenchResult[]> {
    const root = packageRoot();
    const python = pythonExecutable(root);
    const env = { ...process.env, PYTHONPATH: join(root, "python"), ROADGYM_NODE_ENTRY: root };
    try {
      execFileSync(python, ["-c", "import roadgym, numpy, gymnasium, pettingzoo"], { env, stdio: "pipe" });
    } catch {
      process.stderr.write(
        `  python: skipped — ${python} cannot import roadgym and its dependencies; install them with \`${python} -m pip install ./python\`\n`,
      );
      return [];
    }
    const dir = mkdtempSync(join(tmpdir(), "roadgym-python-bench-"));
    const file = join(dir, "ring.scn");
    writeFileSync(file, ringScenario(1, 50, 1500));
    const counts = Array.from({ length: Math.min(4, Math.max(1, availableParallelism())) }, (_, i) => i + 1);
    const native: number[] = [];
    const single: number[] = [];
    const vector = new Map<number, number[]>(counts.map((n) => [n, []]));
    try {
      for (let run = 0; run < RUNS; run++) {
        native.push(await nativeStepsPerS(file));
        const out = JSON.parse(
          execFileSync(
            python,
            ["-m", "roadgym.benchmark", file, `--steps=${STEPS}`, `--warmup=${WARMUP}`, `--envs=${counts.join(",")}`],
            { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
          ),
        ) as { single: number; vector: Record<string, number> };
        single.push(out.single);
        for (const n of counts) vector.get(n)!.push(out.vector[String(n)]);
        process.stderr.write(
          `  python run ${run + 1}: native ${native[run].toFixed(0)}, Python ${out.single.toFixed(0)}, vector ${counts.map((n) => `${n}×: ${out.vector[String(n)].toFixed(0)}`).join(", ")} steps/s\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    const ratios = single.map((s, i) => s / native[i]);
    const one = median(vector.get(1)!);
    const top = counts[counts.length - 1];
    const results = [
      result(
        "pythonNativeStepsPerS",
        "TypeScript env steps/s (same scene, in-process)",
        median(native),
        "steps/s",
        undefined,
        `runs ${runs(native)}`,
      ),
      result(
        "pythonStepsPerS",
        "Python env steps/s: 1 agent, standard obs, 50 vehicles",
        median(single),
        "steps/s",
        undefined,
        `runs ${runs(single)}`,
      ),
      result(
        "pythonNativeRatio",
        "Python env steps/s ÷ TypeScript env steps/s",
        median(ratios),
        "×",
        { op: ">=", value: 0.5 },
        `runs ${ratios.map((r) => r.toFixed(2)).join(", ")}`,
      ),
    ];
    for (const n of counts)
      results.push(
        result(
          `pythonVector${n}StepsPerS`,
          `Python vector env, ${n} process${n === 1 ? "" : "es"}: total steps/s`,
          median(vector.get(n)!),
          "steps/s",
          undefined,
          `runs ${runs(vector.get(n)!)}`,
        ),
      );
    if (top > 1)
      results.push(
        result(
          `pythonVectorSpeedup`,
          `Python vector env speed-up, ${top} processes vs 1 (${availableParallelism()} cores)`,
          median(vector.get(top)!) / one,
          "×",
          { op: ">=", value: 0.8 * top },
        ),
      );
    return results;
  },
};
