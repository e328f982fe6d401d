/**
 * `roadgym compile <file.scn | roadgym/name>`: compile a scenario and print it as JSON (warnings on
 * stderr), or its diagnostics.
 */
import type { Command } from "commander";
import { compileScenarioArgument } from "../compileScenarioArgument.js";

export function addCompileCommand(program: Command): void {
  program
    .command("compile")
    .description(
      "compile a scenario (.scn) and print the compiled scenario as JSON; warnings go to stderr, errors too (exit 1)",
    )
    .argument("<file>", "scenario file (.scn), or a named environment (roadgym envs)")
    .option("--compact", "print the JSON on one line")
    .action((file: string, opts: { compact?: boolean }) => {
      const { scenario } = compileScenarioArgument(file);
      process.stdout.write(JSON.stringify(scenario, null, opts.compact ? 0 : 2) + "\n");
    });
}
