/**
 * The episode's demand as a list of sources, each with its own insertion queue: one per scenario
 * flow, one per trip, then per SUMO route file one per vehicle and one per flow. Each step,
 * {@link Demand.generate} appends the vehicles due by then to their source's queue (drawing their
 * attributes); the provider inserts from the queue heads when there is room.
 *
 * Timing is computed from the integer tick, never accumulated: a rate flow's k-th vehicle is due at
 * `begin + k · 3600 / rate`; a probability flow draws once per whole second of simulated time.
 * Ids: `<flow name or "flow<i>">-<n>`, the trip's name, the SUMO vehicle's id, `<SUMO flow id>.<n>`.
 */
import type { Flow, Trip } from "../../scenario-dsl/CompiledScenario.js";
import type { ProviderSetup } from "../../core/simulation/TrafficProvider.js";
import { secondStartingAt, TIME_EPS_S, type DemandSource } from "./DemandSource.js";
import type { PendingVehicle } from "./PendingVehicle.js";
import { sumoSources } from "./SumoDemandSource.js";
import type { VehicleFactory } from "./VehicleFactory.js";

/** A scenario flow. */
class FlowSource implements DemandSource {
  private n = 0;
  constructor(
    private readonly flow: Flow,
    private readonly name: string,
    private readonly endS: number,
    private readonly factory: VehicleFactory,
  ) {}

  generate(tick: number, dtS: number, queue: PendingVehicle[]): void {
    const f = this.flow;
    const t = tick * dtS;
    if (f.spawn.kind === "rate") {
      const period = 3600 / f.spawn.ratePerHour;
      for (;;) {
        if (f.count !== null && this.n >= f.count) return;
        const due = f.beginS + this.n * period;
        if (due >= this.endS - TIME_EPS_S || due > t + TIME_EPS_S) return;
        this.emit(queue);
      }
    }
    const second = secondStartingAt(tick, dtS);
    if (second < 0 || second < f.beginS - TIME_EPS_S || second >= this.endS - TIME_EPS_S) return;
    if (f.count !== null && this.n >= f.count) return;
    if (this.factory.rng.chance(f.spawn.probabilityPerS)) this.emit(queue);
  }

  private emit(queue: PendingVehicle[]): void {
    const id = `${this.name}-${this.n++}`;
    const fx = this.factory;
    const type = fx.type(fx.pickWeighted(this.flow.vehicles));
    const driver = fx.profile(fx.driver(fx.pickWeighted(this.flow.drivers)), type);
    const speed = this.flow.departSpeedMps ?? "max";
    const p = this.flow.route.kind === "route" ? fx.fixedRoute(id, type, driver, this.flow.route, speed) : fx.randomRoute(id, type, driver, speed);
    if (p) queue.push(p);
  }

  state(): number[] {
    return [this.n];
  }
  restore(state: number[]): void {
    this.n = state[0];
  }
}

/** A scenario trip: one vehicle. */
class TripSource implements DemandSource {
  private done = false;
  constructor(
    private readonly trip: Trip,
    private readonly factory: VehicleFactory,
  ) {}

  generate(tick: number, dtS: number, queue: PendingVehicle[]): void {
    if (this.done || this.trip.departS > tick * dtS + TIME_EPS_S) return;
    this.done = true;
    const fx = this.factory;
    const type = fx.type(this.trip.vehicle);
    const driver = fx.profile(fx.driver(this.trip.driver), type);
    queue.push(fx.fixedRoute(this.trip.name, type, driver, this.trip.route, this.trip.departSpeedMps ?? "max"));
  }

  state(): number[] {
    return [this.done ? 1 : 0];
  }
  restore(state: number[]): void {
    this.done = state[0] === 1;
  }
}

/** All sources of an episode and their queues. */
export class Demand {
  readonly sources: DemandSource[] = [];
  readonly queues: PendingVehicle[][] = [];

  constructor(setup: ProviderSetup, factory: VehicleFactory) {
    const endS = setup.durationS ?? Infinity;
    setup.traffic.flows.forEach((flow, i) => {
      this.sources.push(new FlowSource(flow, flow.name ?? `flow${i}`, flow.endS ?? endS, factory));
    });
    for (const trip of setup.traffic.trips) this.sources.push(new TripSource(trip, factory));
    for (const ref of setup.traffic.sumoDemand) this.sources.push(...sumoSources(ref.demand, factory, setup.network));
    for (let i = 0; i < this.sources.length; i++) this.queues.push([]);
  }

  /** Appends everything due at `tick` to the queues. */
  generate(tick: number, dtS: number): void {
    for (let i = 0; i < this.sources.length; i++) this.sources[i].generate(tick, dtS, this.queues[i]);
  }

  /** Number of vehicles waiting for insertion. */
  get waiting(): number {
    let n = 0;
    for (const q of this.queues) n += q.length;
    return n;
  }
}
