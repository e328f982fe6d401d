/**
 * Runs the benchmarks in order, printing each figure as it arrives: value, target and verdict.
 * Speed is judged here, never in unit tests.
 */
import type { BenchOptions, Benchmark, BenchResult } from "./BenchResult.js";
import { collisionBenchmark } from "./collisionBenchmark.js";
import { compileBenchmark } from "./compileBenchmark.js";
import { envBenchmark } from "./envBenchmark.js";
import { mapImportBenchmark } from "./mapImportBenchmark.js";
import { nearestLaneBenchmark } from "./nearestLaneBenchmark.js";
import { physicsBenchmark } from "./physicsBenchmark.js";
import { pythonBenchmark } from "./pythonBenchmark.js";
import { sensorBenchmark } from "./sensorBenchmark.js";
import { trafficBenchmark } from "./trafficBenchmark.js";
import { bubbleBenchmark } from "./bubbleBenchmark.js";
import { trainingBenchmark } from "./trainingBenchmark.js";
import { viewerBenchmark } from "./viewerBenchmark.js";

/** Every benchmark, in the order printed. */
export const BENCHMARKS: readonly Benchmark[] = [
  compileBenchmark,
  mapImportBenchmark,
  nearestLaneBenchmark,
  collisionBenchmark,
  physicsBenchmark,
  sensorBenchmark,
  envBenchmark,
  pythonBenchmark,
  trafficBenchmark,
  bubbleBenchmark,
  trainingBenchmark,
  viewerBenchmark,
];

/** Runs the named benchmarks (all when `names` is empty); throws on an unknown name. */
export async function runBenchmarks(
  names: readonly string[] = [],
  print: (line: string) => void = (l) => process.stderr.write(l + "\n"),
  options: BenchOptions = { seed: 1 },
): Promise<BenchResult[]> {
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  const chosen = names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.includes(b.name));
  const all: BenchResult[] = [];
  print(`roadgym benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
  for (const bench of chosen) {
    const o = { ...options, progress: options.progress ?? print };
    for await (const r of bench.stream ? bench.stream(o) : await bench.run(o)) {
      all.push(r);
      const target = r.target ? `target ${r.target.op} ${fmt(r.target.value)} ${r.unit}` : "no target";
      const verdict = r.pass === undefined ? "" : r.pass ? "  PASS" : "  MISS";
      print(
        `  ${r.label.padEnd(58)} ${fmt(r.value).padStart(12)} ${r.unit.padEnd(10)} (${target})${verdict}${r.detail ? `  [${r.detail}]` : ""}`,
      );
    }
  }
  return all;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return v.toPrecision(3);
}
