/**
 * The scenario a command-line argument names — a `.scn` path or a registered name
 * (`roadgym/paper-intersection-sv`) — compiled the way every command compiles it: errors become a
 * {@link UserInputError} with the diagnostics (`file:line:col: error: …`, exit 1), and the
 * compiler's warnings are printed on stderr before the command goes on, so a scenario that compiles
 * with surprises (a clamped offset that empties a flow) says so. Zoo references are checked against
 * the built-in zoo (unknown entries, missing `file:` policies, bad parameters: errors at their place).
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import { zooPolicyCheck } from "../agent-zoo/zooPolicyCheck.js";
import { isScenarioName, namedScenarioPath } from "../compose/namedScenarios.js";
import { compileScenarioFile, formatDiagnostics } from "../scenario-dsl/index.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { UserInputError } from "./UserInputError.js";

/** A compiled scenario of the command line, with the file it came from. */
export interface CompiledArgument {
  readonly file: string;
  readonly scenario: CompiledScenario;
  readonly network: RoadNetwork;
}

/** The `.scn` file `arg` names (a registered name resolved). */
export function scenarioFileOf(arg: string): string {
  if (!isScenarioName(arg)) return arg;
  try {
    return namedScenarioPath(arg);
  } catch (e) {
    throw new UserInputError(`error: ${(e as Error).message}`);
  }
}

/**
 * Compiles the scenario `arg` names; prints its warnings on `warn` (stderr).
 * @throws UserInputError with the diagnostics when it does not compile
 */
export function compileScenarioArgument(
  arg: string,
  warn: (text: string) => void = (t) => process.stderr.write(t),
): CompiledArgument {
  const file = scenarioFileOf(arg);
  const result = compileScenarioFile(file, { policyCheck: zooPolicyCheck(createDefaultZoo()) });
  if (!result.ok) throw new UserInputError(formatDiagnostics(result.diagnostics));
  if (result.diagnostics.length > 0) warn(formatDiagnostics(result.diagnostics) + "\n");
  return { file, scenario: result.scenario, network: result.network };
}
