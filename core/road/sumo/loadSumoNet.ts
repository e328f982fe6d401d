import { InputFileError, readInputText } from "../../../spec/readInputFile.js";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { MapFormatError } from "../MapFormatError.js";
import { parseSumoNet } from "./parseSumoNet.js";

/**
 * Reads and imports a SUMO network file (`.net.xml`, UTF-8). The path is recorded as the map's source
 * and used in error messages as given.
 * @throws MapFormatError when the file cannot be read or is not a valid SUMO network
 */
export function loadSumoNet(path: string): RoadNetworkSpec {
  let text: string;
  try {
    text = readInputText(path);
  } catch (err) {
    const why = err instanceof InputFileError ? err.reason : (err as Error).message;
    throw new MapFormatError(path, `cannot read the file: ${why}`);
  }
  return parseSumoNet(text, path);
}
