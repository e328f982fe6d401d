/**
 * Reads a trajectory file in one of the formats the history provider replays (see
 * {@link readTrajectoryText}).
 */
import { InputFileError, readInputText } from "../readInputFile.js";
import type { TrajectorySet } from "./TrajectorySet.js";
import type { TrajectoryFormat as TrajectoryFileFormat } from "../CompiledScenario.js";
import { readTrajectoryText } from "./readTrajectoryText.js";

export { readTrajectoryText } from "./readTrajectoryText.js";

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
  return readTrajectoryText(text, path, format);
}
