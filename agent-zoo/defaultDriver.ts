/**
 * The driver of learning agents when no policy is given — `roadgym run`, `roadgym view` on a
 * scenario, the demo's agents without a trained policy, the bubble benchmark: idm-mobil@v2 with the
 * normal preset, in each agent's own action space. It finishes the example scenarios' missions
 * (route lanes, signals, right of way), so a scenario can be watched before any policy is trained.
 */
import type { ActionSpace, Observation } from "../spec/CompiledScenario.js";
import type { VehicleType } from "../spec/VehicleType.js";
import { IDM_MOBIL_PRESETS, idmMobilObservation } from "./entries/idmMobil.js";
import { IdmMobilPolicy } from "./policies/IdmMobilPolicy.js";

/** What the default driver reads (build the agents' observers with it). */
export function defaultDriverObservation(): Observation {
  return idmMobilObservation();
}

/** The default driver of one agent; `seed` varies its patience at junctions. */
export function makeDefaultDriver(actionSpace: ActionSpace, type: VehicleType, dtS: number, seed = 0): IdmMobilPolicy {
  return new IdmMobilPolicy({ ...IDM_MOBIL_PRESETS.normal, desiredSpeedMps: null, laneChanges: true }, type, dtS, {
    actionSpace,
    seed,
  });
}
