/**
 * `roadgym run <file.scn>`: runs a scenario headless — traffic from its provider, learning agents
 * driven by the default driver (idm-mobil@v2) — and prints a summary: steps, simulated and wall time, steps per
 * second, vehicles, collisions, agents done by reason; `--profile` adds the time of each step phase;
 * `--record <file>` writes a replay of the run (docs/replay-format.md); `--trajectories <file.csv>`
 * the traffic's trajectories, which a scenario's `history` traffic replays (docs/trajectory-csv.md).
 */
import { Option, type Command } from "commander";
import { compileScenarioArgument } from "../compileScenarioArgument.js";
import { parseNonNegativeInt, parsePositiveInt, parsePositiveNumber } from "../parseOptions.js";
import { runScenario, type RunSummary } from "../../compose/runScenario.js";
import type { TrafficChoice } from "../../compose/buildProviders.js";
import { UserInputError } from "../UserInputError.js";
import { addPolicyOptions, policyChoice, type PolicyFlags } from "../policyOption.js";
import { OutputWriteError } from "../../spec/OutputWriteError.js";

interface RunFlags extends PolicyFlags {
  seed?: number;
  steps?: number;
  variation?: string;
  traffic: TrafficChoice;
  json?: boolean;
  profile?: boolean;
  record?: string;
  trajectories?: string;
  trajectoryRate?: number;
  socialWorkers?: boolean;
  policyBudget?: number;
}

export function addRunCommand(program: Command): void {
  const command = program
    .command("run")
    .description(
      "run a scenario headless (learning agents drive with the default driver, idm-mobil@v2, or --policy) and print a summary",
    )
    .argument("<file.scn>", "scenario file, or a named environment (roadgym envs)")
    .option("--seed <n>", "episode seed (default: the scenario's)", parseNonNegativeInt)
    .option("--steps <n>", "stop after this many steps (default: the scenario's duration, else 1000)", parsePositiveInt)
    .option("--variation <name|index>", "traffic variation (default: seed mod the number of variations)")
    .addOption(
      new Option("--traffic <provider>", "traffic provider").choices(["auto", "local", "sumo", "none"]).default("auto"),
    )
    .option("--json", "print the summary as one JSON object")
    .option("--profile", "print the time spent in each step phase")
    .option(
      "--social-workers",
      "run social agents' policies in worker threads (step budget 1000 ms unless --policy-budget)",
    )
    .option(
      "--policy-budget <ms>",
      "stop a social agent's policy that takes longer than this per step (its vehicle goes to traffic)",
      parsePositiveInt,
    )
    .option("--record <file>", "write a replay of the run to this file (watch it with `roadgym view <file>`)")
    .option(
      "--trajectories <file.csv>",
      "write the traffic's trajectories to this CSV (replay them with `history \"<file.csv>\"` in a scenario's traffic)",
    )
    .option(
      "--trajectory-rate <Hz>",
      "samples per second in --trajectories (default: every step; must divide the step rate)",
      parsePositiveNumber,
    );
  addPolicyOptions(command).action(async (file: string, flags: RunFlags) => {
    const compiled = compileScenarioArgument(file);
    const variation =
      flags.variation === undefined
        ? undefined
        : /^\d+$/.test(flags.variation)
          ? Number(flags.variation)
          : flags.variation;
    if (flags.trajectoryRate !== undefined && flags.trajectories === undefined)
      throw new UserInputError("error: --trajectory-rate goes with --trajectories <file.csv>");
    const trajectories =
      flags.trajectories === undefined
        ? undefined
        : { path: flags.trajectories, everyTicks: sampleEvery(flags.trajectoryRate, compiled.scenario.dtS) };
    const policy = policyChoice(flags);
    let summary: RunSummary;
    try {
      summary = await runScenario(compiled, {
        seed: flags.seed,
        steps: flags.steps,
        variation,
        traffic: flags.traffic,
        record: flags.record,
        trajectories,
        socialWorkers: flags.socialWorkers,
        policyBudgetMs: flags.policyBudget,
        policy,
      });
    } catch (e) {
      if (e instanceof Error && /variation|seed|provider|SUMO|sumo|social agent|zoo|trajector|policy/.test(e.message))
        throw new UserInputError(`${file}: ${e.message}`);
      throw e;
    }
    const { profile, ...rest } = summary;
    // The summary first, also when an output file failed: what ran is worth knowing, then why it stopped.
    const failed =
      summary.outputError === undefined
        ? undefined
        : new OutputWriteError(summary.outputError, flags.record ?? flags.trajectories ?? "");
    if (flags.json) {
      process.stdout.write(JSON.stringify(flags.profile ? summary : rest) + "\n");
      if (failed) throw failed;
      return;
    }
    const print = (l: string) => process.stdout.write(l + "\n");
    print(`${summary.scenario} (seed ${summary.seed}${summary.variation ? `, variation ${summary.variation}` : ""})`);
    print(
      `  ${summary.steps} steps = ${summary.simSeconds} s simulated in ${summary.wallSeconds} s wall (${summary.stepsPerSecond} steps/s)`,
    );
    print(
      `  vehicles: ${summary.vehicles.max} at most, ${summary.vehicles.total} in all; collisions: ${summary.collisions}`,
    );
    const done =
      Object.entries(summary.agentsDone)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "none";
    print(`  agents done: ${done}; still driving: ${summary.agentsRunning}`);
    const social = Object.entries(summary.socialAgents)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    if (social) print(`  social agents: ${social}`);
    if (summary.trajectories) print(`  trajectories: ${summary.trajectories.path} (${summary.trajectories.rows} rows)`);
    if (summary.replay)
      print(
        `  replay: ${summary.replay.path} (${summary.replay.frames} frames, ${summary.replay.bytes} bytes, ${summary.replay.bytesPerVehicleFrame} bytes per vehicle-frame)`,
      );
    const bubbles = Object.entries(summary.bubbleTransitions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    if (bubbles) print(`  bubble transitions: ${bubbles}`);
    if (summary.notSimulated.length) print(`  not simulated yet: ${summary.notSimulated.join(", ")}`);
    if (summary.trafficDropped > 0)
      print(
        `  traffic dropped: ${summary.trafficDropped} vehicles (their flow's insertion backlog was full: demand beyond what the roads take in)`,
      );
    if (flags.profile) {
      print("  phase          mean µs/step   share");
      for (const p of profile)
        print(
          `  ${p.phase.padEnd(14)} ${p.meanUs.toFixed(1).padStart(12)}   ${(100 * p.share).toFixed(1).padStart(5)}%`,
        );
    }
    if (failed) throw failed;
  });
}

/** Ticks between trajectory samples at `rateHz` (undefined: every tick); the rate must divide the step rate. */
function sampleEvery(rateHz: number | undefined, dtS: number): number {
  if (rateHz === undefined) return 1;
  const every = 1 / (rateHz * dtS);
  const whole = Math.round(every);
  if (whole < 1 || Math.abs(every - whole) > 1e-6) {
    throw new UserInputError(
      `error: --trajectory-rate ${rateHz} Hz does not divide the scenario's step rate (${Number((1 / dtS).toFixed(6))} Hz): a sample every ${every.toFixed(3)} steps`,
    );
  }
  return whole;
}
