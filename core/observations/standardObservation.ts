/**
 * The "standard observations" of the environment benchmark (ego, 8 neighbours within 50 m, 3
 * waypoint paths × 50 points 1 m apart, events, the vector): the scenario defaults with
 * neighbours, waypoints and the vector switched on. `docs/observations.md` tabulates the vector
 * for this config.
 */
import { SCENARIO_DEFAULTS, type Observation } from "../../spec/CompiledScenario.js";

/** A fresh copy of the standard observation config. */
export function standardObservation(): Observation {
  const d = SCENARIO_DEFAULTS.observation;
  return {
    ...structuredClone(d),
    neighbours: { ...d.neighbours, enabled: true },
    waypoints: { ...d.waypoints, enabled: true },
    vector: { enabled: true },
  };
}

/** A fresh copy of the scenario defaults' observation config with every part enabled. */
export function fullObservation(): Observation {
  const c = structuredClone(SCENARIO_DEFAULTS.observation) as Observation;
  for (const part of Object.values(c)) part.enabled = true;
  return c;
}
