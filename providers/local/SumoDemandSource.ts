/**
 * SUMO route-file demand (`<vehicle>`, `<trip>`, `<flow>` with `<vType>`, `<route>` and their
 * distributions) as demand sources, with SUMO's meanings and defaults:
 * - a vType gives the driver (accel, decel, minGap, tau → headway, sigma → imperfection, speedFactor /
 *   speedDev → speed factor, SUMO's passenger defaults where silent); the body (dimensions, class) is
 *   the scenario vehicle type of the same name, else the built-in type of its vClass, so what the
 *   simulation draws is what the provider spaces;
 * - routes: a named route or distribution, inline edges, or from/to(/via) routed with `planRoute`;
 *   a route whose roads are not connected is repaired leg by leg with `planRoute`, and skipped when
 *   that fails;
 * - departLane (index, random, free/allowed, best, first — default first), departPos (metres, negative
 *   from the end; random; free/random_free; base — default; last), departSpeed (m/s; random; max;
 *   desired; speedLimit; last/avg as max — default 0), arrivalPos (metres; random; max — default);
 * - flows: vehsPerHour / period evenly spaced from `begin`, `exp(λ)` Poisson, per-second probability,
 *   `number` over [begin, end); vehicle ids `<flow>.<n>`.
 * Departure keywords that wait for persons (`triggered`, …) are never inserted.
 */
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { planRoute } from "../../core/road/planRoute.js";
import {
  SUMO_DEFAULT_VTYPE,
  type SumoDemand,
  type SumoFlow,
  type SumoVehicle,
  type SumoVType,
} from "../../spec/SumoDemand.js";
import { evenlySpacedDue, secondStartingAt, TIME_EPS_S, type DemandSource } from "./DemandSource.js";
import { clampProfile, drawDistribution, drawSumoDistribution, type DriverProfile } from "./DriverProfile.js";
import type { DepartPos, DepartSpeed, PendingVehicle } from "./PendingVehicle.js";
import type { VehicleFactory } from "./VehicleFactory.js";

/** SUMO's default end of a flow without `end` or `number` (s). */
const SUMO_DEFAULT_END_S = 86400;

/** The demand sources of one SUMO route file, in file order: vehicles, then flows. */
export function sumoSources(demand: SumoDemand, factory: VehicleFactory, network: RoadNetwork): DemandSource[] {
  const ctx = new SumoContext(demand, factory, network);
  return [
    ...demand.vehicles.map((v) => new SumoVehicleSource(v, ctx)),
    ...demand.flows.map((f) => new SumoFlowSource(f, ctx)),
  ];
}

/** Lookups shared by a file's sources. */
class SumoContext {
  readonly vTypes: Map<string, SumoVType>;
  readonly vTypeDists: Map<string, SumoDemand["vTypeDistributions"][number]>;
  readonly routes: Map<string, string[]>;
  readonly routeDists: Map<string, SumoDemand["routeDistributions"][number]>;

  constructor(
    demand: SumoDemand,
    readonly factory: VehicleFactory,
    readonly network: RoadNetwork,
  ) {
    this.vTypes = new Map(demand.vTypes.map((t) => [t.id, t]));
    this.vTypeDists = new Map(demand.vTypeDistributions.map((d) => [d.id, d]));
    this.routes = new Map(demand.routes.map((r) => [r.id, r.edges]));
    this.routeDists = new Map(demand.routeDistributions.map((d) => [d.id, d]));
  }

  /** The pending vehicle for one SUMO vehicle (or flow member), or null when it cannot be routed. */
  make(id: string, v: SumoVehicle | SumoFlow): PendingVehicle | null {
    const fx = this.factory;
    const rng = fx.rng;
    const vType = this.vType(v.typeId ?? SUMO_DEFAULT_VTYPE.id);
    const vClass = vType.vClass ?? SUMO_DEFAULT_VTYPE.vClass;
    const base = fx.typeForSumo(vType.id, vClass);
    const type = { ...base, maxSpeedMps: vType.maxSpeedMps ?? base.maxSpeedMps, vClass };
    const driver = this.driver(vType);
    const roads = this.route(v);
    if (roads === null) return null;
    const first = this.network.road(roads[0])!;
    const last = this.network.road(roads[roads.length - 1])!;
    let lane: PendingVehicle["lane"] = "first";
    const dl = v.departLane;
    if (typeof dl === "number") lane = Math.min(dl, first.lanes.length - 1);
    else if (dl === "random") {
      const allowed = fx.allowedLanes(first, vClass);
      lane = allowed.length > 0 ? allowed[rng.int(allowed.length)] : 0;
    } else if (dl === "free" || dl === "allowed") lane = "free";
    else if (dl === "best") lane = "best";
    const firstLen = first.lanes[0].centreline.length;
    let pos: DepartPos = { kind: "centre", sM: 0 };
    const dp = v.departPos;
    if (typeof dp === "number") pos = { kind: "front", sM: dp };
    else if (dp === "random") pos = { kind: "centre", sM: rng.range(0, firstLen) };
    else if (dp === "free" || dp === "random_free") pos = { kind: "free" };
    else if (dp === "last") pos = { kind: "last" };
    let speed: DepartSpeed = 0;
    const ds = v.departSpeed;
    if (typeof ds === "number") speed = ds;
    else if (ds === "random") speed = rng.range(0, Math.min(first.lanes[0].speedLimitMps, type.maxSpeedMps));
    else if (ds === "desired" || ds === "speedLimit") speed = ds;
    else if (ds !== undefined) speed = "max";
    let arrivalS: number | null = null;
    const lastLen = last.lanes[0].centreline.length;
    const ap = v.arrivalPos;
    if (typeof ap === "number") arrivalS = ap < 0 ? lastLen + ap : ap;
    else if (ap === "random") arrivalS = rng.range(0, lastLen);
    return fx.pending(id, type, driver, roads, false, lane, pos, speed, arrivalS);
  }

  private vType(id: string): SumoVType {
    const dist = this.vTypeDists.get(id);
    if (dist) {
      const m = dist.members[this.factory.rng.choice(dist.members.map((x) => x.probability))];
      return this.vType(m.vTypeId);
    }
    return this.vTypes.get(id) ?? { ...SUMO_DEFAULT_VTYPE, id };
  }

  private driver(t: SumoVType): DriverProfile {
    const rng = this.factory.rng;
    const dev = t.speedDev ?? 0.1;
    const sf = t.speedFactor;
    const speedFactor =
      sf === undefined
        ? drawSumoDistribution({ kind: "normc", mean: 1, dev, min: 0.2, max: 2 }, rng)
        : typeof sf === "number"
          ? dev > 0
            ? drawSumoDistribution({ kind: "normc", mean: sf, dev, min: 0.2, max: 2 }, rng)
            : sf
          : drawSumoDistribution(sf, rng);
    const d = this.factory.defaultDriver;
    return clampProfile({
      speedFactor,
      headwayS: t.tauS ?? SUMO_DEFAULT_VTYPE.tauS,
      minGapM: t.minGapM ?? SUMO_DEFAULT_VTYPE.minGapM,
      accelMps2: t.accelMps2 ?? SUMO_DEFAULT_VTYPE.accelMps2,
      decelMps2: t.decelMps2 ?? SUMO_DEFAULT_VTYPE.decelMps2,
      politeness: drawDistribution(d.politeness, rng),
      laneChangeThresholdMps2: drawDistribution(d.laneChangeThresholdMps2, rng),
      imperfection: t.sigma ?? SUMO_DEFAULT_VTYPE.sigma,
    });
  }

  /** Road ids of the vehicle's route, connected (repaired with planRoute), or null. */
  private route(v: SumoVehicle | SumoFlow): string[] | null {
    const r = v.routing;
    let edges: string[] | undefined;
    if (r.kind === "edges") edges = r.edges;
    else if (r.kind === "route") {
      const dist = this.routeDists.get(r.routeId);
      const id = dist
        ? dist.members[this.factory.rng.choice(dist.members.map((m) => m.probability))].routeId
        : r.routeId;
      edges = this.routes.get(id);
    } else {
      const ok = [r.from, ...r.via, r.to].every((e) => this.network.road(e)?.kind === "normal");
      if (!ok) return null;
      const planned = planRoute(this.network, r.from, r.to, r.via);
      return planned ? planned.roads.map((road) => road.id) : null;
    }
    if (!edges || edges.length === 0 || !edges.every((e) => this.network.road(e)?.kind === "normal")) return null;
    const out = [edges[0]];
    for (let i = 1; i < edges.length; i++) {
      const a = this.network.road(edges[i - 1])!;
      const b = this.network.road(edges[i])!;
      if (a.successors.includes(b)) out.push(b.id);
      else {
        const leg = planRoute(this.network, a.id, b.id);
        if (!leg) return null;
        for (const road of leg.roads.slice(1)) out.push(road.id);
      }
    }
    return out;
  }
}

/** One `<vehicle>` or `<trip>`. */
class SumoVehicleSource implements DemandSource {
  private done = false;
  readonly departS: number;
  constructor(
    private readonly v: SumoVehicle,
    private readonly ctx: SumoContext,
  ) {
    this.departS = typeof v.departS === "number" ? v.departS : Infinity;
  }

  generate(tick: number, dtS: number, queue: PendingVehicle[]): number {
    // One vehicle, in a queue of its own: never more than a capacity (≥ 1) holds.
    if (this.done || typeof this.v.departS !== "number" || this.v.departS > tick * dtS + TIME_EPS_S) return 0;
    this.done = true;
    const p = this.ctx.make(this.v.id, this.v);
    if (p) queue.push(p);
    return 0;
  }

  state(): number[] {
    return [this.done ? 1 : 0];
  }
  restore(state: number[]): void {
    this.done = state[0] === 1;
  }
}

/** One `<flow>`. */
class SumoFlowSource implements DemandSource {
  private n = 0;
  /** Next Poisson arrival (s); NaN until drawn. */
  private nextS = NaN;
  private readonly endS: number;
  private readonly periodS: number;

  constructor(
    private readonly f: SumoFlow,
    private readonly ctx: SumoContext,
  ) {
    const rate = f.rate;
    this.endS = f.endS ?? (f.number !== undefined && rate !== undefined ? Infinity : SUMO_DEFAULT_END_S);
    if (rate?.kind === "vehsPerHour") this.periodS = 3600 / rate.value;
    else if (rate?.kind === "period") this.periodS = rate.periodS;
    else if (rate === undefined && f.number !== undefined && f.number > 0)
      this.periodS = (this.endS - f.beginS) / f.number;
    else this.periodS = NaN;
  }

  generate(tick: number, dtS: number, queue: PendingVehicle[], capacity: number): number {
    const f = this.f;
    const t = tick * dtS;
    const rng = this.ctx.factory.rng;
    const full = () => f.number !== undefined && this.n >= f.number;
    let dropped = 0;
    if (f.rate?.kind === "poisson") {
      if (Number.isNaN(this.nextS)) {
        if (t < f.beginS - TIME_EPS_S) return 0;
        this.nextS = f.beginS - Math.log(1 - rng.next()) / f.rate.ratePerS;
      }
      // A dropped arrival still draws the gap to the next one: the arrival times are the same
      // whether or not the queue was full.
      while (!full() && this.nextS <= t + TIME_EPS_S && this.nextS < this.endS) {
        if (queue.length < capacity) this.emit(queue);
        else {
          this.n++;
          dropped++;
        }
        this.nextS -= Math.log(1 - rng.next()) / f.rate.ratePerS;
      }
      return dropped;
    }
    if (f.rate?.kind === "probability") {
      const second = secondStartingAt(tick, dtS);
      if (second < 0 || second < f.beginS - TIME_EPS_S || second >= this.endS - TIME_EPS_S || full()) return 0;
      if (!rng.chance(f.rate.value)) return 0;
      if (queue.length < capacity) {
        this.emit(queue);
        return 0;
      }
      this.n++;
      return 1;
    }
    if (!(this.periodS > 0)) return 0;
    for (;;) {
      if (full()) return 0;
      const due = f.beginS + this.n * this.periodS;
      if (due >= this.endS - TIME_EPS_S || due > t + TIME_EPS_S) return 0;
      if (queue.length >= capacity) {
        const dueNow = evenlySpacedDue(f.beginS, this.periodS, t, this.endS, f.number ?? null);
        dropped = dueNow - this.n;
        this.n = dueNow;
        return dropped;
      }
      this.emit(queue);
    }
  }

  private emit(queue: PendingVehicle[]): void {
    const p = this.ctx.make(`${this.f.id}.${this.n++}`, this.f);
    if (p) queue.push(p);
  }

  state(): number[] {
    return [this.n, Number.isNaN(this.nextS) ? -1 : this.nextS];
  }
  restore(state: number[]): void {
    this.n = state[0];
    this.nextS = state[1] < 0 ? NaN : state[1];
  }
}
