/**
 * Observation configs for policies: only the parts a policy reads, so the simulation builds nothing
 * else for it. Parts left out are off; parts named are on, with the scenario defaults for any field
 * not given.
 */
import { SCENARIO_DEFAULTS, type Observation } from "../spec/CompiledScenario.js";

/** Per part: `true` (on, defaults) or the fields to set (on). */
export type ObservationParts = { [K in keyof Observation]?: true | Partial<Omit<Observation[K], "enabled">> };

/** An observation config with exactly `parts` on. */
export function observationConfig(parts: ObservationParts): Observation {
  const o = structuredClone(SCENARIO_DEFAULTS.observation) as Observation;
  for (const key of Object.keys(o) as (keyof Observation)[]) {
    const want = parts[key];
    o[key].enabled = want !== undefined;
    if (want && want !== true) Object.assign(o[key], want);
  }
  return o;
}

/** The names of the parts `o` has on. */
export function enabledParts(o: Observation): string[] {
  return (Object.keys(o) as (keyof Observation)[]).filter((k) => o[k].enabled);
}
