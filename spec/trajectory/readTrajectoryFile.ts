/**
 * Reads a trajectory file in one of the formats the history provider replays, choosing the reader by
 * the format name: `roadgym` ({@link parseTrajectoryCsv}), `ngsim` ({@link importNgsim}),
 * `interaction` ({@link importInteraction}).
 */
import { InputFileError, readInputText } from "../readInputFile.js";
import { importInteraction } from "./importInteraction.js";
import { importNgsim } from "./importNgsim.js";
import { parseTrajectoryCsv } from "./TrajectoryCsv.js";
import type { TrajectorySet } from "./TrajectorySet.js";
import type { TrajectoryFormat as TrajectoryFileFormat } from "../CompiledScenario.js";

const READERS: Readonly<Record<TrajectoryFileFormat, (text: string, file: string) => TrajectorySet>> = {
  roadgym: parseTrajectoryCsv,
  ngsim: importNgsim,
  interaction: importInteraction,
};

/**
 * Parses a trajectory file's text in `format`.
 * @param file the file's name, for `file:line:col` in errors
 * @throws FileFormatError for malformed contents
 */
export function readTrajectoryText(text: string, file: string, format: TrajectoryFileFormat): TrajectorySet {
  return READERS[format](text, file);
}

/**
 * Reads and parses the file at `path`.
 * @param path the file; also the name in error messages
 * @throws FileFormatError (`file:line:col: error: …`) from the reader for malformed contents; Error
 *   naming the path when the file cannot be read
 */
export async function readTrajectoryFile(path: string, format: TrajectoryFileFormat): Promise<TrajectorySet> {
  let text: string;
  try {
    text = readInputText(path);
  } catch (e) {
    const why = e instanceof InputFileError ? e.reason : (e as Error).message;
    throw new Error(`cannot read the ${format} trajectory file ${path}: ${why}`, { cause: e });
  }
  return READERS[format](text, path);
}
