/**
 * The traffic providers of an environment on Node ({@link chooseProviders} with every kind of
 * provider: local IDM/MOBIL, SUMO over TraCI, recorded trajectories).
 */
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import { SumoTrafficProvider } from "../providers/sumo/SumoTrafficProvider.js";
import { TrafficHistoryProvider } from "../providers/history/TrafficHistoryProvider.js";
import { chooseProviders, type ProviderFactories, type TrafficChoice } from "./chooseProviders.js";

export { hasHistory, hasTraffic, type TrafficChoice } from "./chooseProviders.js";

/** Node's provider factories. */
export const nodeProviderFactories: ProviderFactories = {
  local: () => new LocalTrafficProvider(),
  sumo: (scenario) => SumoTrafficProvider.forScenario(scenario, {}),
  history: () => new TrafficHistoryProvider({ fromScenario: true }),
};

/** The providers for `choice` on Node; see {@link chooseProviders}. */
export function buildProviders(scenario: CompiledScenario, choice: TrafficChoice): TrafficProvider[] {
  return chooseProviders(scenario, choice, nodeProviderFactories);
}
