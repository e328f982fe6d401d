/**
 * A traffic provider that drives only the vehicles handed to it: it wraps another provider and sets
 * it up with no demand (no flows, trips or SUMO routes). Provider bubbles use it when their target
 * provider does not already run the scenario's traffic — e.g. SUMO drives the traffic and, inside a
 * bubble, the local IDM/MOBIL model takes over (`scenarios/bubble-provider.scn`). Everything else is
 * the wrapped provider's.
 */
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../core/simulation/TrafficProvider.js";

/** `inner` without demand of its own. */
export class HandoverOnlyProvider implements TrafficProvider {
  readonly name: string;

  constructor(private readonly inner: TrafficProvider) {
    this.name = inner.name;
  }

  setup(setup: ProviderSetup): void | Promise<void> {
    return this.inner.setup({
      ...setup,
      traffic: { ...setup.traffic, flows: [], trips: [], sumoDemand: [], history: null },
    });
  }

  step(step: ProviderStep): void | Promise<void> {
    return this.inner.step(step);
  }

  vehicles(): readonly ProviderVehicleState[] {
    return this.inner.vehicles();
  }

  canAccept(vehicle: HandoverVehicle): boolean {
    return this.inner.canAccept(vehicle);
  }

  add(vehicle: HandoverVehicle): void | Promise<void> {
    return this.inner.add(vehicle);
  }

  release(id: string): void | Promise<void> {
    return this.inner.release(id);
  }

  snapshot(): unknown {
    return this.inner.snapshot();
  }

  restore(state: unknown): void | Promise<void> {
    return this.inner.restore(state);
  }

  teardown(): void | Promise<void> {
    return this.inner.teardown();
  }
}
