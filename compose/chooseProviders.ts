/**
 * Which traffic providers an environment gets (part of makeEnv, the composition root: `core` never
 * imports a concrete provider), with the providers themselves made by factories the platform gives:
 * Node has all three kinds (compose/buildProviders.ts), a browser only the local one.
 * `auto` gives scenarios with traffic the local IDM/MOBIL provider and others none; `sumo` runs the
 * traffic in Debian's SUMO over TraCI instead. A scenario that replays a recording (`history` in a
 * traffic set) gets the history provider first, whatever the choice but `none`: recorded vehicles an
 * agent takes and lets go pass to the next provider that accepts them.
 */
import { HandoverOnlyProvider } from "../bubbles/HandoverOnlyProvider.js";
import type { TrafficProvider } from "../core/simulation/TrafficProvider.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";

/** Which traffic provider drives the scenario's traffic. */
export type TrafficChoice = "auto" | "local" | "sumo" | "none";

/** How a platform makes each kind of traffic provider; a kind it lacks is left out. */
export interface ProviderFactories {
  /** Local IDM/MOBIL traffic. */
  local(): TrafficProvider;
  /** SUMO over TraCI for `scenario` (needs `sumo` on the PATH and a SUMO map). */
  sumo?(scenario: CompiledScenario): TrafficProvider;
  /** Replay of the scenario's recorded trajectories. */
  history?(): TrafficProvider;
}

/** Whether the scenario (or any of its variations) has traffic. */
export function hasTraffic(s: CompiledScenario): boolean {
  const any = (t: CompiledScenario["traffic"]) =>
    t.flows.length + t.trips.length + t.sumoDemand.length > 0 || t.history !== null;
  return any(s.traffic) || s.variations.some((v) => v.traffic !== null && any(v.traffic));
}

/** Whether the scenario (or any of its variations) replays a recording. */
export function hasHistory(s: CompiledScenario): boolean {
  return s.traffic.history !== null || s.variations.some((v) => v.traffic !== null && v.traffic.history !== null);
}

/**
 * The providers for `choice`, plus the hand-over targets of the scenario's provider bubbles: a
 * bubble that hands vehicles to `local` when the local provider does not run the traffic gets it
 * without demand of its own ({@link HandoverOnlyProvider}).
 * @throws Error naming the bubble when it hands vehicles to a provider this run cannot have, or the
 *   kind of provider this platform cannot make
 */
export function chooseProviders(
  scenario: CompiledScenario,
  choice: TrafficChoice,
  factories: ProviderFactories,
): TrafficProvider[] {
  const providers = choice === "none" ? [] : trafficProviders(scenario, choice, factories);
  for (const b of scenario.bubbles) {
    const a = b.actor;
    if (a.kind !== "traffic" || providers.some((p) => p.name === a.provider)) continue;
    if (a.provider !== "local")
      throw new Error(
        `bubble "${b.name}" hands vehicles to "${a.provider}", which this run does not have (traffic: ${providers.map((p) => p.name).join(", ") || "none"})`,
      );
    providers.push(new HandoverOnlyProvider(factories.local()));
  }
  return providers;
}

/** The providers that drive the scenario's traffic for `choice`. */
function trafficProviders(
  scenario: CompiledScenario,
  choice: Exclude<TrafficChoice, "none">,
  factories: ProviderFactories,
): TrafficProvider[] {
  const generated = generatedTraffic(scenario, choice, factories);
  if (!hasHistory(scenario)) return generated;
  if (!factories.history) throw new Error("this scenario replays recorded traffic, which this platform cannot read");
  return [factories.history(), ...generated];
}

/** The provider of the scenario's flows, trips and route files for `choice`. */
function generatedTraffic(
  scenario: CompiledScenario,
  choice: Exclude<TrafficChoice, "none">,
  factories: ProviderFactories,
): TrafficProvider[] {
  switch (choice) {
    case "auto":
      return hasTraffic(scenario) ? [factories.local()] : [];
    case "local":
      return [factories.local()];
    case "sumo":
      if (!factories.sumo) throw new Error("traffic sumo: SUMO cannot run on this platform");
      return [factories.sumo(scenario)];
  }
}
