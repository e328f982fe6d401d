/** `roadgym compile <file.scn>`: compile a scenario and print it as JSON, or its diagnostics. */
import type { Command } from "commander";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { UserInputError } from "../UserInputError.js";

export function addCompileCommand(program: Command): void {
  program
    .command("compile")
    .description("compile a scenario (.scn) and print the compiled scenario as JSON; diagnostics go to stderr (exit 1)")
    .argument("<file>", "scenario file (.scn)")
    .option("--compact", "print the JSON on one line")
    .action((file: string, opts: { compact?: boolean }) => {
      const result = compileScenarioFile(file);
      if (!result.ok) throw new UserInputError(formatDiagnostics(result.diagnostics));
      process.stdout.write(JSON.stringify(result.scenario, null, opts.compact ? 0 : 2) + "\n");
    });
}
