/**
 * Compiling a 2,000-line scenario (target < 200 ms): a generated intersection with drivers, vehicle
 * types, hundreds of flows and trips, learning and social agents and bubbles (`bigScenario`), every
 * position resolved and every route planned against the map. Timed end to end through
 * `compileScenario`, map generation included; the first compile in the process is reported too.
 */
import { compileScenario } from "../scenario-dsl/index.js";
import { bigScenario } from "../scenario-dsl/testing.js";
import { medianMs, result, type Benchmark } from "./BenchResult.js";

export const compileBenchmark: Benchmark = {
  name: "compile",
  run() {
    const text = bigScenario(2000);
    const lineCount = text.split("\n").length - 1;
    // The first compile in the process (cold JIT), as a CLI user sees it; then warm repetitions.
    const t0 = performance.now();
    const check = compileScenario(text, "compile-bench.scn");
    const first = performance.now() - t0;
    if (!check.ok) throw new Error(`compile benchmark scenario does not compile: ${check.diagnostics[0].message}`);
    const timing = medianMs(() => compileScenario(text, "compile-bench.scn"), 15, 3);
    return [
      result(
        "compile2000LinesMs",
        `compile a ${lineCount}-line scenario (map, names, routes, zod)`,
        timing.median,
        "ms",
        { op: "<", value: 200 },
        `${check.scenario.agents.length} agents, ${check.scenario.traffic.flows.length} flows, ${check.scenario.bubbles.length} bubbles; first compile in the process ${first.toFixed(1)} ms; range ${timing.min.toFixed(1)}–${timing.max.toFixed(1)} ms`,
      ),
    ];
  },
};
