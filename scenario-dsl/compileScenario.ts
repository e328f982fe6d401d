/**
 * The scenario compiler: `.scn` text → {@link CompiledScenario} (plain frozen data with a content
 * hash) plus the built {@link RoadNetwork}, or every problem of the file as located diagnostics.
 *
 * The compiler is an ordered list of small passes (scenario-dsl/passes, one file each); each reads
 * what the earlier ones left in the {@link CompileContext} and reports problems without stopping, so
 * that all semantic errors of a file come out at once. Bad input never throws.
 */
import { InputFileError, readInputText } from "../spec/readInputFile.js";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { mapGenerators as builtInGenerators } from "../core/road/generators/mapGenerators.js";
import type { MapGenerator } from "../core/road/generators/MapGenerator.js";
import {
  CompileContext,
  type MapCache,
  type Pass,
  type ScenarioDraft,
  type SumoRoutesParser,
} from "./CompileContext.js";
import { COMPILED_SCENARIO_FORMAT, SCENARIO_DEFAULTS, type CompiledScenario } from "../spec/CompiledScenario.js";
import { contentHash } from "./contentHash.js";
import type { PolicyCheck } from "../spec/PolicyCheck.js";
import { parseSumoRoutes } from "./demand/parseSumoRoutes.js";
import { attachSourceLines, error, hasErrors, sortDiagnostics, type Diagnostic } from "./Diagnostic.js";
import { parseScenario } from "./parseScenario.js";
import { collectDeclarations } from "./passes/collectDeclarations.js";
import { loadMap } from "./passes/loadMap.js";
import { lowerAgents } from "./passes/lowerAgents.js";
import { lowerBubbles } from "./passes/lowerBubbles.js";
import { lowerDrivers } from "./passes/lowerDrivers.js";
import { lowerSettings, MIN_STEP_S } from "./passes/lowerSettings.js";
import { lowerSocialAgents } from "./passes/lowerSocialAgents.js";
import { lowerTraffic } from "./passes/lowerTraffic.js";
import { lowerVariations } from "./passes/lowerVariations.js";
import { lowerVehicleTypes } from "./passes/lowerVehicleTypes.js";
import { validateOutput } from "./passes/validateOutput.js";

/** Options of {@link compileScenario}. */
export interface CompileOptions {
  /**
   * Reads a file named in the scenario (map, route files), given its resolved path.
   * @default `readInputText` (UTF-8, regular files only, at most 512 MiB)
   */
  readFile?: (path: string) => string;
  /**
   * Map generators by DSL name.
   * @default the built-in generators of core/road/generators
   */
  mapGenerators?: ReadonlyMap<string, MapGenerator>;
  /**
   * Parser for SUMO route files.
   * @default parseSumoRoutes of scenario-dsl/demand
   */
  parseSumoRoutes?: SumoRoutesParser;
  /**
   * Built maps to reuse between compiles (keyed by map source and content); pass the same Map to
   * every call. Without it, each compile builds its map afresh.
   */
  mapCache?: MapCache;
  /**
   * Checks each zoo reference (social agents, bubble actors) against the zoo that will run it: an
   * unknown entry or version, a missing `file:` policy, or a bad parameter is an error at its
   * `file:line:col`. The composition root supplies it from its zoo (`agent-zoo/zooPolicyCheck`).
   * @default only the locator's form is checked
   */
  policyCheck?: PolicyCheck;
  /**
   * The shortest step a scenario may set (s).
   * @default {@link MIN_STEP_S} (1 ms)
   */
  minStepS?: number;
}

/** A successful compile (possibly with warnings), or the diagnostics, sorted by position. */
export type CompileResult =
  | { ok: true; scenario: CompiledScenario; network: RoadNetwork; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The passes, in order; the comment on each says what it needs from the ones before. */
export const PASSES: readonly { name: string; run: Pass }[] = [
  { name: "collectDeclarations", run: collectDeclarations }, // names, duplicates: everything after resolves against them
  { name: "lowerSettings", run: lowerSettings }, // seed, step, duration
  { name: "loadMap", run: loadMap }, // the network, for every position and route below
  { name: "lowerVehicleTypes", run: lowerVehicleTypes },
  { name: "lowerDrivers", run: lowerDrivers },
  { name: "lowerTraffic", run: lowerTraffic }, // needs map, vehicle types, drivers
  { name: "lowerAgents", run: lowerAgents }, // needs map, vehicle types
  { name: "lowerSocialAgents", run: lowerSocialAgents }, // needs map, vehicle types
  { name: "lowerBubbles", run: lowerBubbles }, // needs map, agent/social/trip names
  { name: "lowerVariations", run: lowerVariations }, // needs drivers and the base flows
];

/**
 * Compiles scenario text.
 * @param text the `.scn` source
 * @param file its path: shown in diagnostics; relative map and route paths resolve against its directory
 */
export function compileScenario(source: string, file: string, options: CompileOptions = {}): CompileResult {
  // A byte-order mark (editors on Windows write one) is not part of the text; columns count without it.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const parsed = parseScenario(text, file);
  if (!parsed.ok) return { ok: false, diagnostics: attachSourceLines(parsed.diagnostics, text) };

  const dir = dirname(file);
  const out: ScenarioDraft = {
    format: COMPILED_SCENARIO_FORMAT,
    name: "",
    seed: SCENARIO_DEFAULTS.seed,
    dtS: SCENARIO_DEFAULTS.dtS,
    durationS: SCENARIO_DEFAULTS.durationS,
    map: { kind: "generator", generator: "", params: {} },
    vehicleTypes: [],
    drivers: [],
    traffic: { name: null, flows: [], trips: [], sumoDemand: [], history: null },
    agents: [],
    socialAgents: [],
    bubbles: [],
    variations: [],
    source: { file: resolve(file), dir: resolve(dir) },
  };
  const ctx = new CompileContext({
    file,
    text,
    ast: parsed.ast,
    readFile: options.readFile ?? ((p) => readInputText(p)),
    resolvePath: (p) => (isAbsolute(p) ? p : join(dir, p)),
    mapGenerators: options.mapGenerators ?? builtInGenerators,
    parseSumoRoutes: options.parseSumoRoutes ?? parseSumoRoutes,
    mapCache: options.mapCache,
    policyCheck: options.policyCheck,
    minStepS: options.minStepS ?? MIN_STEP_S,
    out,
  });

  for (const pass of PASSES) runPass(ctx, pass.name, pass.run);
  if (!hasErrors(ctx.diagnostics)) runPass(ctx, "validateOutput", validateOutput);
  const diagnostics = attachSourceLines(sortDiagnostics(ctx.diagnostics), text);
  if (hasErrors(diagnostics) || !ctx.network) return { ok: false, diagnostics };

  const scenario = deepFreeze({ ...out, contentHash: contentHash(out) }) as CompiledScenario;
  return { ok: true, scenario, network: ctx.network, diagnostics };
}

/** Reads and compiles a scenario file; an unreadable file is a diagnostic too. */
export function compileScenarioFile(path: string, options: CompileOptions = {}): CompileResult {
  let text: string;
  try {
    text = readInputText(path);
  } catch (e) {
    const at = { offset: 0, line: 1, column: 1 };
    const why = e instanceof InputFileError ? e.reason : (e as Error).message;
    return { ok: false, diagnostics: [error(path, { start: at, end: at }, `cannot read scenario file: ${why}`)] };
  }
  return compileScenario(text, path, options);
}

/** Runs one pass; a pass that throws (a compiler bug) becomes a diagnostic instead of a crash. */
function runPass(ctx: CompileContext, name: string, run: Pass): void {
  try {
    run(ctx);
  } catch (e) {
    ctx.error(ctx.ast.name.loc, `internal compiler error in pass ${name}: ${(e as Error).message}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
