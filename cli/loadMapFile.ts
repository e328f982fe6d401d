/**
 * Loads the road network named on a command line: a SUMO `.net.xml` file, an OpenDRIVE `.xodr` file,
 * or the map of a `.scn` scenario (compiled first, so its diagnostics are reported like `roadgym
 * compile`'s).
 */
import { buildRoadNetwork, type RoadNetwork } from "../core/road/RoadNetwork.js";
import { loadOpenDrive } from "../core/road/opendrive/loadOpenDrive.js";
import { loadSumoNet } from "../core/road/sumo/loadSumoNet.js";
import { compileScenarioArgument } from "./compileScenarioArgument.js";
import { isScenarioName } from "../compose/namedScenarios.js";
import { UserInputError } from "./UserInputError.js";

/** Builds the network of `path` (`.net.xml`, `.xodr` or `.scn`); throws {@link UserInputError} on bad input. */
export function loadMapFile(path: string): RoadNetwork {
  if (path.endsWith(".scn") || isScenarioName(path)) return compileScenarioArgument(path).network;
  if (path.endsWith(".xml")) return buildRoadNetwork(loadSumoNet(path));
  if (path.endsWith(".xodr")) return buildRoadNetwork(loadOpenDrive(path));
  throw new UserInputError(
    `${path}: error: expected a SUMO network (.net.xml), an OpenDRIVE network (.xodr) or a scenario (.scn)`,
  );
}
