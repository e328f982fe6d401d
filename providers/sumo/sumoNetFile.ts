/**
 * The SUMO network a scenario runs on, for the SUMO traffic provider: the `.net.xml` of a
 * `map sumo "<path>"` scenario. Generated maps exist only as a RoadNetworkSpec in memory (no
 * `.net.xml` that SUMO could load) and OpenDRIVE maps are not SUMO networks, so both are refused
 * with a message that says so.
 */
import { resolve } from "node:path";
import type { CompiledScenario } from "../../spec/CompiledScenario.js";

/**
 * Absolute path of the scenario's SUMO network file (its map path resolved against the scenario's
 * folder).
 * @throws when the scenario uses a generated or an OpenDRIVE map
 */
export function sumoNetFileOf(scenario: Pick<CompiledScenario, "name" | "map" | "source">): string {
  const map = scenario.map;
  if (map.kind === "sumo") return resolve(scenario.source.dir, map.path);
  if (map.kind === "opendrive") {
    throw new Error(
      `the sumo provider needs a SUMO map; scenario "${scenario.name}" uses the OpenDRIVE map "${map.path}" ` +
        `(use the local provider, or convert it: netconvert --opendrive-files ${map.path} -o map.net.xml)`,
    );
  }
  throw new Error(
    `the sumo provider needs a SUMO map; scenario "${scenario.name}" uses the generated map "${map.generator}" ` +
      `(use the local provider, or a \`map sumo "<file>.net.xml"\` scenario)`,
  );
}
