/** `roadgym bench` (what `npm run bench` runs): every benchmark, each figure against its target. */
import { InvalidArgumentError, type Command } from "commander";
import { runBenchmarks } from "../../bench/runBenchmarks.js";
import { TRAFFIC_CASES, describeCases } from "../../bench/trafficCases.js";
import { parseNonNegativeInt, parsePositiveInt } from "../parseOptions.js";

/** A comma-separated list of traffic case names, each one the benchmark knows. */
function parseCases(value: string): string[] {
  const names = value
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
  const unknown = names.filter((n) => !TRAFFIC_CASES.some((c) => c.name === n));
  if (names.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown traffic case(s) "${unknown.join(", ") || value}"; known: ${TRAFFIC_CASES.map((c) => c.name).join(", ")}`,
    );
  return names;
}

export function addBenchCommand(program: Command): void {
  program
    .command("bench")
    .description("run the benchmarks and print each figure against its target")
    .argument("[names...]", "only these benchmarks (default: all)")
    .option("--json", "print one JSON object instead of a table")
    .option("--seed <n>", "seed of generated inputs (traffic: networks and demand)", parseNonNegativeInt, 1)
    .option("--case <names>", "traffic: only these cases, comma-separated (default: all; see below)", parseCases)
    .option("--rounds <n>", "traffic: timed runs of each side per case (default: 3, the city 1)", parsePositiveInt)
    .option("--fresh", "traffic: regenerate networks and trips, and rerun SUMO on the city, ignoring the disk cache")
    .addHelpText(
      "after",
      `\nTraffic cases (each run printed as it finishes; generated inputs kept under $ROADGYM_CACHE_DIR,\nelse $XDG_CACHE_HOME/roadgym, else ~/.cache/roadgym):\n${describeCases()}`,
    )
    .action(
      async (
        names: string[],
        opts: { json?: boolean; seed: number; case?: string[]; rounds?: number; fresh?: boolean },
      ) => {
        const results = await runBenchmarks(names, undefined, {
          seed: opts.seed,
          cases: opts.case,
          rounds: opts.rounds,
          fresh: opts.fresh,
        });
        if (opts.json) {
          // One object: each figure by name, then every result in full.
          process.stdout.write(
            JSON.stringify({ ...Object.fromEntries(results.map((r) => [r.name, r.value])), results }, null, 2) + "\n",
          );
        }
      },
    );
}
