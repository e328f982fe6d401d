/**
 * What makeEnv accepts as a scenario, turned into a compiled scenario and its road network: a
 * `.scn` path (compiled, warnings kept), a registered name (`roadgym/<name>`, see
 * {@link namedScenarioPath}), a {@link CompiledScenario} (its network built again from its map
 * reference), or a compiled scenario with its network.
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { buildScenarioNetwork } from "../scenario-dsl/buildScenarioNetwork.js";
import { compileScenarioFile, type CompileOptions } from "../scenario-dsl/compileScenario.js";
import { formatDiagnostics, type Diagnostic } from "../scenario-dsl/Diagnostic.js";
import { CompiledScenarioSchema, type CompiledScenario } from "../spec/CompiledScenario.js";
import { isScenarioName, namedScenarioPath } from "./namedScenarios.js";

/** A compiled scenario together with its road network (what the compiler returns). */
export interface CompiledWithNetwork {
  readonly scenario: CompiledScenario;
  readonly network: RoadNetwork;
  /** The compiler's warnings, when known. */
  readonly warnings?: readonly Diagnostic[];
}

/** A scenario for makeEnv: a `.scn` path, a registered name, a compiled scenario, or one with its network. */
export type ScenarioSource = string | CompiledScenario | CompiledWithNetwork;

/** A scenario ready to run, with the compiler's warnings (empty unless it was compiled here). */
export interface LoadedScenario extends CompiledWithNetwork {
  readonly warnings: readonly Diagnostic[];
}

/** A scenario that does not compile: its diagnostics, formatted as the CLI prints them. */
export class ScenarioError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = "ScenarioError";
  }
}

/**
 * Compiles or checks `source`.
 * @throws ScenarioError with the diagnostics of a scenario that does not compile
 * @throws Error naming the name or field of an unknown name or an invalid compiled scenario
 */
export function loadScenario(source: ScenarioSource, compile: CompileOptions = {}): LoadedScenario {
  if (typeof source === "string") {
    const path = isScenarioName(source) ? namedScenarioPath(source) : source;
    const r = compileScenarioFile(path, compile);
    if (!r.ok) throw new ScenarioError(r.diagnostics);
    return { scenario: r.scenario, network: r.network, warnings: r.diagnostics };
  }
  if ("network" in source && "scenario" in source)
    return { scenario: source.scenario, network: source.network, warnings: source.warnings ?? [] };
  const checked = CompiledScenarioSchema.safeParse(source);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`not a compiled scenario: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return { scenario: source, network: buildScenarioNetwork(source), warnings: [] };
}
