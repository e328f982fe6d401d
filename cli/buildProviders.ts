/**
 * The traffic providers of a run (composition root: `core` never imports a concrete provider).
 * `auto` gives scenarios with traffic the local IDM/MOBIL provider and others none.
 */
import type { CompiledScenario } from "../scenario-dsl/CompiledScenario.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";

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
      throw new Error(`the sumo traffic provider is not wired into roadgym run yet; use --traffic local`);
  }
}
