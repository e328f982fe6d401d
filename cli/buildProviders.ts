/**
 * The traffic providers of a run (composition root: `core` never imports a concrete provider).
 * `auto` gives scenarios with traffic the local IDM/MOBIL provider and others none; `sumo` runs the
 * traffic in Debian's SUMO over TraCI instead.
 */
import type { CompiledScenario } from "../scenario-dsl/CompiledScenario.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import { SumoTrafficProvider } from "../providers/sumo/SumoTrafficProvider.js";

/** Which traffic provider drives the scenario's traffic. */
export type TrafficChoice = "auto" | "local" | "sumo" | "none";

/** Whether the scenario (or any of its variations) has traffic. */
export function hasTraffic(s: CompiledScenario): boolean {
  const any = (t: CompiledScenario["traffic"]) => t.flows.length + t.trips.length + t.sumoDemand.length > 0;
  return any(s.traffic) || s.variations.some((v) => v.traffic !== null && any(v.traffic));
}

/** The providers for `choice`. */
export function buildProviders(scenario: CompiledScenario, choice: TrafficChoice): TrafficProvider[] {
  switch (choice) {
    case "none":
      return [];
    case "auto":
      return hasTraffic(scenario) ? [new LocalTrafficProvider()] : [];
    case "local":
      return [new LocalTrafficProvider()];
    case "sumo":
      // SUMO over TraCI (needs `sumo` on the PATH and a SUMO map).
      return [SumoTrafficProvider.forScenario(scenario, {})];
  }
}
