/** `roadgym bench` (what `npm run bench` runs): every benchmark, each figure against its target. */
import type { Command } from "commander";
import { runBenchmarks } from "../../bench/runBenchmarks.js";
import { parseNonNegativeInt } from "../parseOptions.js";

export function addBenchCommand(program: Command): void {
  program
    .command("bench")
    .description("run the benchmarks and print each figure against its target")
    .argument("[names...]", "only these benchmarks (default: all)")
    .option("--json", "print one JSON object instead of a table")
    .option("--seed <n>", "seed of generated inputs (traffic: networks and demand)", parseNonNegativeInt, 1)
    .action(async (names: string[], opts: { json?: boolean; seed: number }) => {
      const results = await runBenchmarks(names, undefined, { seed: opts.seed });
      if (opts.json) {
        // One object: each figure by name, then every result in full.
        process.stdout.write(
          JSON.stringify({ ...Object.fromEntries(results.map((r) => [r.name, r.value])), results }, null, 2) + "\n",
        );
      }
    });
}
