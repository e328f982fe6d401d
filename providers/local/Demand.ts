/**
 * The episode's demand as a list of sources, each with its own insertion queue: one per scenario
 * flow, one per trip, then per SUMO route file one per vehicle and one per flow. Each step,
 * {@link Demand.generate} appends the vehicles due by then to their source's queue (drawing their
 * attributes); the provider inserts from the queue heads when there is room.
 *
 * Timing is computed from the integer tick, never accumulated: a rate flow's k-th vehicle is due at
 * `begin + k · 3600 / rate`; a probability flow draws once per whole second of simulated time.
 * Ids: `<flow name or "flow<i>">-<n>`, the trip's name, the SUMO vehicle's id, `<SUMO flow id>.<n>`.
 *
 * The backlog is bounded: a queue holds at most `maxBacklog` vehicles, and those due while it is
 * full are dropped and counted ({@link DEFAULT_MAX_BACKLOG} says why a count, and why 1,000).
 */
import type { Flow, Trip } from "../../spec/CompiledScenario.js";
import type { ProviderSetup } from "../../core/simulation/TrafficProvider.js";
import {
  DEFAULT_MAX_BACKLOG,
  evenlySpacedDue,
  secondStartingAt,
  TIME_EPS_S,
  type DemandSource,
} from "./DemandSource.js";
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

  generate(tick: number, dtS: number, queue: PendingVehicle[], capacity: number): number {
    const f = this.flow;
    const t = tick * dtS;
    if (f.spawn.kind === "rate") {
      const period = 3600 / f.spawn.ratePerHour;
      for (;;) {
        if (f.count !== null && this.n >= f.count) return 0;
        const due = f.beginS + this.n * period;
        if (due >= this.endS - TIME_EPS_S || due > t + TIME_EPS_S) return 0;
        if (queue.length >= capacity) {
          const dueNow = evenlySpacedDue(f.beginS, period, t, this.endS, f.count);
          const dropped = dueNow - this.n;
          this.n = dueNow;
          return dropped;
        }
        this.emit(queue);
      }
    }
    const second = secondStartingAt(tick, dtS);
    if (second < 0 || second < f.beginS - TIME_EPS_S || second >= this.endS - TIME_EPS_S) return 0;
    if (f.count !== null && this.n >= f.count) return 0;
    if (!this.factory.rng.chance(f.spawn.probabilityPerS)) return 0;
    if (queue.length < capacity) {
      this.emit(queue);
      return 0;
    }
    this.n++;
    return 1;
  }

  private emit(queue: PendingVehicle[]): void {
    const id = `${this.name}-${this.n++}`;
    const fx = this.factory;
    const type = fx.type(fx.pickWeighted(this.flow.vehicles));
    const driver = fx.profile(fx.driver(fx.pickWeighted(this.flow.drivers)), type);
    const speed = this.flow.departSpeedMps ?? "max";
    const p =
      this.flow.route.kind === "route"
        ? fx.fixedRoute(id, type, driver, this.flow.route, speed)
        : fx.randomRoute(id, type, driver, speed);
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
  readonly departS: number;
  constructor(
    private readonly trip: Trip,
    private readonly factory: VehicleFactory,
  ) {
    this.departS = trip.departS;
  }

  generate(tick: number, dtS: number, queue: PendingVehicle[]): number {
    // One vehicle, in a queue of its own: never more than a capacity (≥ 1) holds.
    if (this.done || this.trip.departS > tick * dtS + TIME_EPS_S) return 0;
    this.done = true;
    const fx = this.factory;
    const type = fx.type(this.trip.vehicle);
    const driver = fx.profile(fx.driver(this.trip.driver), type);
    queue.push(fx.fixedRoute(this.trip.name, type, driver, this.trip.route, this.trip.departSpeedMps ?? "max"));
    return 0;
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
  /** Sources without a fixed time, asked every step (index order). */
  private readonly always: number[] = [];
  /** Single-vehicle sources by due time (ties by index), and how many of them have come due. */
  private readonly timed: number[] = [];
  private cursor = 0;
  /** Indices of the non-empty queues, ascending, and a flag per queue. */
  private busy: number[] = [];
  private busyFlag: Uint8Array = new Uint8Array(0);
  private readonly due: number[] = [];
  /** Queues that went from empty to holding vehicles in the last {@link generate}, in the order they did. */
  readonly fresh: number[] = [];
  /** Vehicles dropped so far because their queue was full. */
  dropped = 0;

  /** @param maxBacklog the most vehicles one source's queue holds (see {@link DEFAULT_MAX_BACKLOG}). */
  constructor(
    setup: ProviderSetup,
    factory: VehicleFactory,
    readonly maxBacklog: number = DEFAULT_MAX_BACKLOG,
  ) {
    if (!Number.isInteger(maxBacklog) || maxBacklog < 1)
      throw new Error(`local traffic: maxBacklog must be an integer ≥ 1, got ${maxBacklog}`);
    const endS = setup.durationS ?? Infinity;
    setup.traffic.flows.forEach((flow, i) => {
      this.sources.push(new FlowSource(flow, flow.name ?? `flow${i}`, flow.endS ?? endS, factory));
    });
    for (const trip of setup.traffic.trips) this.sources.push(new TripSource(trip, factory));
    for (const ref of setup.traffic.sumoDemand) this.sources.push(...sumoSources(ref.demand, factory, setup.network));
    for (let i = 0; i < this.sources.length; i++) {
      this.queues.push([]);
      (this.sources[i].departS === undefined ? this.always : this.timed).push(i);
    }
    const at = (i: number) => this.sources[i].departS!;
    this.timed.sort((a, b) => at(a) - at(b) || a - b);
    this.busyFlag = new Uint8Array(this.sources.length);
  }

  /**
   * Appends everything due at `tick` to the queues. Sources are asked in index order — the order
   * their random draws are made in — whether they are asked every step or only once due.
   */
  generate(tick: number, dtS: number): void {
    const t = tick * dtS + TIME_EPS_S;
    this.fresh.length = 0;
    const due = this.due;
    due.length = 0;
    while (this.cursor < this.timed.length && this.sources[this.timed[this.cursor]].departS! <= t)
      due.push(this.timed[this.cursor++]);
    if (due.length === 0) {
      for (const i of this.always) this.ask(i, tick, dtS);
      return;
    }
    due.push(...this.always);
    due.sort((a, b) => a - b);
    for (const i of due) this.ask(i, tick, dtS);
  }

  /** The indices of the queues holding vehicles, ascending (the provider empties them in this order). */
  busyQueues(): readonly number[] {
    return this.busy;
  }

  /** Forgets the queues that have been emptied. */
  dropEmptyQueues(): void {
    let k = 0;
    for (const i of this.busy) {
      if (this.queues[i].length > 0) this.busy[k++] = i;
      else this.busyFlag[i] = 0;
    }
    this.busy.length = k;
  }

  /** Rebuilds the schedule after the sources' states and queues were replaced (snapshot restore). */
  reindex(): void {
    this.cursor = 0; // sources already done ignore the call; those not yet due stop the scan
    this.busy = [];
    this.busyFlag.fill(0);
    this.queues.forEach((q, i) => {
      if (q.length > 0) this.markBusy(i);
    });
  }

  /** Number of vehicles waiting for insertion. */
  get waiting(): number {
    let n = 0;
    for (const i of this.busy) n += this.queues[i].length;
    return n;
  }

  private ask(i: number, tick: number, dtS: number): void {
    const q = this.queues[i];
    const before = q.length;
    this.dropped += this.sources[i].generate(tick, dtS, q, this.maxBacklog);
    if (q.length > before && before === 0) this.fresh.push(i);
    if (q.length > before && this.busyFlag[i] === 0) this.markBusy(i);
  }

  private markBusy(i: number): void {
    this.busyFlag[i] = 1;
    const b = this.busy;
    let k = b.length;
    b.push(i);
    while (k > 0 && b[k - 1] > i) {
      b[k] = b[k - 1];
      k--;
    }
    b[k] = i;
  }
}
