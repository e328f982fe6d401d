/**
 * The road network of an already compiled scenario, built again from its map reference: a SUMO or
 * OpenDRIVE map is read from its path (relative to the scenario's folder) and must still have the content the
 * scenario was compiled against (its sha256); a generated map runs its generator with the compiled
 * parameters. For callers that hold a {@link CompiledScenario} without its network (saved JSON, a
 * scenario changed in memory); compiling a `.scn` file gives both at once.
 */
import { createHash } from "node:crypto";
import { readInputText } from "../spec/readInputFile.js";
import { resolve } from "node:path";
import { mapGenerators } from "../core/road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../core/road/RoadNetwork.js";
import { importOpenDrive } from "../core/road/opendrive/loadOpenDrive.js";
import { parseSumoNet } from "../core/road/sumo/parseSumoNet.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";

/**
 * Builds `scenario`'s road network.
 * @throws Error naming the scenario and its map when the map file is missing or changed, or the generator is unknown
 */
export function buildScenarioNetwork(scenario: CompiledScenario): RoadNetwork {
  const map = scenario.map;
  if (map.kind === "generator") {
    const gen = mapGenerators.get(map.generator);
    if (!gen) throw new Error(`scenario "${scenario.name}": unknown map generator "${map.generator}"`);
    return buildRoadNetwork(gen.generate(map.params));
  }
  const path = resolve(scenario.source.dir, map.path);
  let text: string;
  try {
    text = readInputText(path);
  } catch (e) {
    throw new Error(`scenario "${scenario.name}": cannot read its map ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (createHash("sha256").update(text).digest("hex") !== map.sha256)
    throw new Error(
      `scenario "${scenario.name}": its map ${path} changed since the scenario was compiled; compile it again`,
    );
  return buildRoadNetwork(map.kind === "sumo" ? parseSumoNet(text, path) : importOpenDrive(text, path));
}
