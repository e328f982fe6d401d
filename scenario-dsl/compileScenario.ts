/**
 * The scenario compiler on Node: {@link compileScenarioWith} reading the files a scenario names from
 * the disk (see scenario-dsl/compileScenarioWith.ts for the compiler itself).
 */
import { InputFileError, readInputText } from "../spec/readInputFile.js";
import { compileScenarioWith, type CompileResult, type CompileWithOptions } from "./compileScenarioWith.js";
import { error } from "./Diagnostic.js";
import { nodeScenarioFiles } from "./nodeScenarioFiles.js";

export { PASSES, type CompileResult } from "./compileScenarioWith.js";

/** Options of {@link compileScenario}. */
export interface CompileOptions extends CompileWithOptions {
  /**
   * Reads a file named in the scenario (map, route files), given its resolved path.
   * @default `readInputText` (UTF-8, regular files only, at most 512 MiB)
   */
  readFile?: (path: string) => string;
}

/**
 * Compiles scenario text.
 * @param text the `.scn` source
 * @param file its path: shown in diagnostics; relative map and route paths resolve against its directory
 */
export function compileScenario(text: string, file: string, options: CompileOptions = {}): CompileResult {
  const { readFile, ...rest } = options;
  return compileScenarioWith(nodeScenarioFiles(readFile), text, file, rest);
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
