/**
 * The Python package's speed (issue 21): environment steps per second seen from Python
 * (`roadgym.env`, through the bridge) against the TypeScript environment (makeEnv, in this process)
 * on the same scenario — one learning agent with the standard observation among 50 traffic
 * vehicles on a ring, the environment benchmark's scene — and the vector env's total steps per
 * second with 1 … N simulator processes (N = the core count, at most 4). Targets: Python ≥ 50 % of
 * the native rate; N processes ≥ 0.8 · N times one. Both sides are timed at the JIT's steady state
 * (see {@link WARMUP}). Runs alternate native and Python three times (each printed); the figures
 * are their medians. Beside the rates, the CPU time per step (this process for the native env;
 * the Python process plus its simulators for the Python side), which a loaded machine disturbs
 * far less than steps/s: native CPU ÷ Python-side CPU is the rate ratio
 * an unloaded machine would approach, less the pipes' wake-up latency. The load average is printed
 * with the figures. Skipped, with what to install, when the Python package or its dependencies
 * are missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { makeEnv } from "../compose/makeEnv.js";
import { packageRoot } from "../compose/packageRoot.js";
import { median, result, type Benchmark, type BenchResult } from "./BenchResult.js";
import { ringScenario } from "./envBenchmark.js";

const STEPS = 3000;
/**
 * Untimed steps before each timing, on both sides: V8 keeps optimising this scene's code for about
 * 5,000 steps (about 100 optimisations, some 200 µs of compiler-thread CPU a step between steps
 * 1,000 and 5,000; none after 8,000), so a shorter warm-up times the JIT, and unevenly: the
 * TypeScript env's second and third runs reuse the first run's optimised code in this process,
 * while every Python run starts fresh simulator processes.
 */
const WARMUP = 8000;
const RUNS = 3;

/** The Python to run: `ROADGYM_PYTHON`, this checkout's `.venv`, or `python3`. */
function pythonExecutable(root: string): string {
  if (process.env.ROADGYM_PYTHON) return process.env.ROADGYM_PYTHON;
  const venv = join(root, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

/** CPU µs per step of the Python process and of its simulator processes (null where unknown). */
interface CpuUs {
  python: number;
  simulator: number | null;
}

/** What `python -m roadgym.benchmark` prints. */
interface PythonRun {
  single: number;
  vector: Record<string, number>;
  cpu: { single: CpuUs; vector: Record<string, CpuUs> };
}

/** Native steps per second and CPU µs per step: the same warm-up and steps as the Python side. */
async function nativeStepsPerS(file: string): Promise<{ rate: number; cpuUs: number }> {
  const env = makeEnv(file, { traffic: "local" });
  await env.reset({ seed: 1 });
  const act = () => Object.fromEntries(env.agents.map((id) => [id, 0]));
  for (let k = 0; k < WARMUP; k++) await env.step(act());
  if (env.sim.frame.count < 51)
    throw new Error(`python benchmark: only ${env.sim.frame.count} of 51 vehicles after ${WARMUP} warm-up steps`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) await env.step(act());
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await env.close();
  return { rate: STEPS / s, cpuUs: (cpu.user + cpu.system) / STEPS };
}

/** Python-side CPU µs per step, both processes together (NaN where the simulator's is unknown). */
function totalCpuUs(c: CpuUs): number {
  return c.simulator === null ? NaN : c.python + c.simulator;
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
    const nativeCpu: number[] = [];
    const single: number[] = [];
    const singleCpu: CpuUs[] = [];
    const vector = new Map<number, number[]>(counts.map((n) => [n, []]));
    const vectorCpu = new Map<number, CpuUs[]>(counts.map((n) => [n, []]));
    const loads: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        loads.push(loadavg()[0]);
        const n0 = await nativeStepsPerS(file);
        native.push(n0.rate);
        nativeCpu.push(n0.cpuUs);
        const out = JSON.parse(
          execFileSync(
            python,
            ["-m", "roadgym.benchmark", file, `--steps=${STEPS}`, `--warmup=${WARMUP}`, `--envs=${counts.join(",")}`],
            { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
          ),
        ) as PythonRun;
        single.push(out.single);
        singleCpu.push(out.cpu.single);
        for (const n of counts) {
          vector.get(n)!.push(out.vector[String(n)]);
          vectorCpu.get(n)!.push(out.cpu.vector[String(n)]);
        }
        const cpuText = (c: CpuUs) => `${c.python.toFixed(0)}+${c.simulator?.toFixed(0) ?? "?"}`;
        process.stderr.write(
          `  python run ${run + 1} (load ${loads[run].toFixed(1)}): native ${native[run].toFixed(0)}, Python ${out.single.toFixed(0)}, vector ${counts.map((n) => `${n}×: ${out.vector[String(n)].toFixed(0)}`).join(", ")} steps/s; CPU µs/step native ${n0.cpuUs.toFixed(0)}, Python ${cpuText(out.cpu.single)} (Python+simulator), vector ${counts.map((n) => `${n}×: ${cpuText(out.cpu.vector[String(n)])}`).join(", ")}\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    const ratios = single.map((s, i) => s / native[i]);
    const singleTotalCpu = singleCpu.map(totalCpuUs);
    const cpuRatios = singleTotalCpu.map((c, i) => nativeCpu[i] / c);
    const loadText = `load average ${loads.map((l) => l.toFixed(1)).join(", ")} on ${availableParallelism()} cores`;
    const one = median(vector.get(1)!);
    const top = counts[counts.length - 1];
    const results = [
      result(
        "pythonNativeStepsPerS",
        "TypeScript env steps/s (same scene, in-process)",
        median(native),
        "steps/s",
        undefined,
        `runs ${runs(native)}; ${loadText}`,
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
      result(
        "pythonNativeCpuUs",
        "TypeScript env CPU µs/step (in-process)",
        median(nativeCpu),
        "µs",
        undefined,
        `runs ${runs(nativeCpu)}`,
      ),
      result(
        "pythonCpuUs",
        "Python env CPU µs/step (Python + simulator process)",
        median(singleTotalCpu),
        "µs",
        undefined,
        `runs ${singleCpu.map((c) => `${c.python.toFixed(0)}+${c.simulator?.toFixed(0) ?? "?"}`).join(", ")}`,
      ),
      result(
        "pythonNativeCpuRatio",
        "TypeScript CPU/step ÷ Python-side CPU/step (the rate ratio when CPU-bound)",
        median(cpuRatios),
        "×",
        undefined,
        `runs ${cpuRatios.map((r) => r.toFixed(2)).join(", ")}`,
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
    for (const n of counts)
      results.push(
        result(
          `pythonVector${n}CpuUs`,
          `Python vector env, ${n} process${n === 1 ? "" : "es"}: CPU µs per sub-env step (all processes)`,
          median(vectorCpu.get(n)!.map(totalCpuUs)),
          "µs",
          undefined,
          `runs ${vectorCpu
            .get(n)!
            .map((c) => `${c.python.toFixed(0)}+${c.simulator?.toFixed(0) ?? "?"}`)
            .join(", ")}`,
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
          loadText,
        ),
      );
    return results;
  },
};
