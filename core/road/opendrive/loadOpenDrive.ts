import { InputFileError, readInputText } from "../../../spec/readInputFile.js";
import { MapFormatError } from "../MapFormatError.js";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { buildOpenDriveNetwork } from "./buildOpenDriveNetwork.js";
import { parseOpenDrive } from "./parseOpenDrive.js";

/**
 * Imports the text of an OpenDRIVE file (`.xodr`) as a road network.
 * @param file path recorded as the map's source and used in error messages
 * @throws MapFormatError at `file:line:col` when the file is malformed or inconsistent
 */
export function importOpenDrive(xmlText: string, file: string): RoadNetworkSpec {
  return buildOpenDriveNetwork(parseOpenDrive(xmlText, file));
}

/**
 * Reads and imports an OpenDRIVE file (UTF-8). The path is recorded as the map's source and used in
 * error messages as given.
 * @throws MapFormatError when the file cannot be read or is not a valid OpenDRIVE network
 */
export function loadOpenDrive(path: string): RoadNetworkSpec {
  let text: string;
  try {
    text = readInputText(path);
  } catch (err) {
    const why = err instanceof InputFileError ? err.reason : (err as Error).message;
    throw new MapFormatError(path, `cannot read the file: ${why}`);
  }
  return importOpenDrive(text, path);
}
