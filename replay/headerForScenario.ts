/**
 * The replay header of an episode of a compiled scenario: its name and content hash, the seed and
 * variation, the step length, its vehicle types' dimensions, its learning agents and their planned
 * routes, and the full road network spec. Composition-side (imports scenario and core types only; the viewer never bundles it).
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import type { ReplayHeaderInput } from "./ReplayHeader.js";

/** The header of a replay of `scenario` on `network` with this seed and variation. */
export function headerForScenario(
  scenario: CompiledScenario,
  network: RoadNetwork,
  seed: number,
  variation: string,
): Omit<ReplayHeaderInput, "keyframeInterval"> {
  return {
    scenario: { name: scenario.name, contentHash: scenario.contentHash },
    seed,
    variation,
    dtS: scenario.dtS,
    vehicleTypes: scenario.vehicleTypes.map((t) => ({
      id: t.name,
      vClass: t.vClass,
      lengthM: t.lengthM,
      widthM: t.widthM,
      heightM: t.heightM,
    })),
    agents: scenario.agents.map((a) => a.name).sort(),
    routes: Object.fromEntries(
      scenario.agents.flatMap((a) => (a.mission.kind === "route" ? [[a.name, [...a.mission.roadIds]]] : [])),
    ),
    map: network.spec,
  };
}
