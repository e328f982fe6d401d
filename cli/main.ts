#!/usr/bin/env node
/**
 * The `roadgym` command line. Each subcommand lives in its own file under `cli/commands/`; this
 * file wires them into one program and turns bad input into a clear message and exit code 1
 * (usage errors exit 2), never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { FileFormatError } from "../spec/FileFormatError.js";
import { OutputWriteError } from "../spec/OutputWriteError.js";
import { InputFileError } from "../spec/readInputFile.js";
import { addBenchCommand } from "./commands/bench.js";
import { addBenchmarkCommand } from "./commands/benchmark.js";
import { addCompileCommand } from "./commands/compile.js";
import { addDemoCommand } from "./commands/demo.js";
import { addMapCommand } from "./commands/map.js";
import { addRunCommand } from "./commands/run.js";
import { addTrainCommand } from "./commands/train.js";
import { addEvalCommand } from "./commands/eval.js";
import { addExportCommand } from "./commands/export.js";
import { addViewCommand } from "./commands/view.js";
import { addZooCommand } from "./commands/zoo.js";
import { addTrafficCommand } from "./commands/traffic.js";
import { addEnvsCommand } from "./commands/envs.js";
import { UserInputError } from "./UserInputError.js";

const program = new Command()
  .name("roadgym")
  .description("Multi-agent autonomous-driving simulation: scenarios, road networks, simulation, replays.")
  .version("0.1.0")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

addCompileCommand(program);
addMapCommand(program);
addRunCommand(program);
addTrainCommand(program);
addEvalCommand(program);
addExportCommand(program);
addViewCommand(program);
addEnvsCommand(program);
addZooCommand(program);
addTrafficCommand(program);
addDemoCommand(program);
addBenchCommand(program);
addBenchmarkCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}

/** Prints an error the way a user should see it; returns the exit code. */
function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has printed its own message (or the help / version, which exit 0).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof UserInputError) {
    process.stderr.write(err.message.endsWith("\n") ? err.message : err.message + "\n");
    return 1;
  }
  if (err instanceof InputFileError) {
    process.stderr.write(`error: ${err.message}\n`);
    return 1;
  }
  if (err instanceof OutputWriteError) {
    process.stderr.write(`error: ${err.message}\n`);
    return 1;
  }
  if (err instanceof FileFormatError) {
    process.stderr.write(err.format() + "\n");
    return 1;
  }
  if (
    err instanceof Error &&
    "code" in err &&
    (err.code === "ENOENT" || err.code === "EISDIR" || err.code === "EACCES")
  ) {
    process.stderr.write(`error: ${err.message}\n`);
    return 1;
  }
  // A bug, not bad input: keep the stack so it can be reported.
  process.stderr.write(`roadgym: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 70;
}
