/** Reads a `roadgym train` checkpoint named on a command line, with errors that name the file. */
import { InputFileError, readInputText } from "../spec/readInputFile.js";
import { ALGORITHMS, type AlgorithmName } from "../learning/train/makeLearner.js";
import type { TrainCheckpointFile } from "../learning/train/runTraining.js";
import { UserInputError } from "./UserInputError.js";

/** The checkpoint in `path`; throws {@link UserInputError} when it is unreadable or not a checkpoint. */
export function readTrainCheckpoint(path: string): TrainCheckpointFile {
  let file: TrainCheckpointFile;
  try {
    file = JSON.parse(readInputText(path)) as TrainCheckpointFile;
  } catch (e) {
    if (e instanceof InputFileError) throw new UserInputError(e.message);
    throw new UserInputError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!file?.train || !file.learner || !ALGORITHMS.includes(file.train.algorithm as AlgorithmName))
    throw new UserInputError(`${path}: not a roadgym train checkpoint`);
  return file;
}
