import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { buildOpenDriveNetwork } from "./buildOpenDriveNetwork.js";
import { parseOpenDrive } from "./parseOpenDrive.js";

/**
 * Imports the text of an OpenDRIVE file (`.xodr`) as a road network (no file system: the compiler
 * hands it the text, in Node and in the browser alike).
 * @param file path recorded as the map's source and used in error messages
 * @throws MapFormatError at `file:line:col` when the file is malformed or inconsistent
 */
export function importOpenDrive(xmlText: string, file: string): RoadNetworkSpec {
  return buildOpenDriveNetwork(parseOpenDrive(xmlText, file));
}
