/**
 * Parses trajectory text in one of the formats the history provider replays, choosing the reader by
 * the format name: `roadgym` ({@link parseTrajectoryCsv}), `ngsim` ({@link importNgsim}),
 * `interaction` ({@link importInteraction}). No file system: the compiler and the provider read the
 * file and hand over its text.
 */
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
