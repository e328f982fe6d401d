/**
 * Test helpers for the local traffic provider (used by the `*.test.ts` files beside it and by the
 * benchmark): scenario pieces with defaults (flows, drivers, setups), a runner that feeds the provider
 * frames of its own vehicles and the signal schedule, and an overlap check with the simulation's
 * collision detection.
 */
import { CollisionPairs } from "../../core/events/CollisionPairs.js";
import { CollisionScratch, detectCollisions } from "../../core/events/detectCollisions.js";
import { Rng } from "../../core/random/Rng.js";
import { planRoute } from "../../core/road/planRoute.js";
import { GradeSeparation } from "../../core/road/GradeSeparation.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { SignalSchedule } from "../../core/road/SignalSchedule.js";
import type { HandoverVehicle, ProviderSetup, ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import { VehicleBoxes } from "../../core/vehicles/VehicleBoxes.js";
import {
  BUILT_IN_VEHICLE_TYPES,
  SCENARIO_DEFAULTS,
  type Distribution,
  type Driver,
  type FixedRoute,
  type Flow,
  type Traffic,
  type Trip,
  type VehicleType,
} from "../../spec/CompiledScenario.js";
import { FrameBuilder, type ExtraVehicle } from "./FrameBuilder.js";
import { LocalTrafficProvider } from "./LocalTrafficProvider.js";
import type { LocalTrafficOptions } from "./LocalTrafficOptions.js";

/** A constant distribution. */
export const c = (value: number): Distribution => ({ kind: "const", value });

/** The default driver with some fields replaced (constants given as numbers). */
export function driver(
  name: string,
  fields: Partial<Record<Exclude<keyof Driver, "name">, number | Distribution>> = {},
): Driver {
  const d: Driver = { ...SCENARIO_DEFAULTS.driver, name };
  for (const k of Object.keys(fields) as (keyof typeof fields)[]) {
    const v = fields[k];
    if (v !== undefined) d[k] = typeof v === "number" ? c(v) : v;
  }
  return d;
}

/** A fixed route from `roadIds[0]` (lane, offset) to the end of the last road. */
export function route(
  roadIds: string[],
  laneIndex: number | "random" = 0,
  offsetM: number | "random" | "end" = 0,
): FixedRoute {
  return {
    kind: "route",
    start: { roadId: roadIds[0], laneIndex, offsetM },
    end: { roadId: roadIds[roadIds.length - 1], laneIndex: 0, offsetM: "end" },
    viaRoadIds: [],
    roadIds,
  };
}

/** A flow with defaults: random route, 600 veh/h from t = 0, passenger cars, default driver. */
export function flow(fields: Partial<Flow> = {}): Flow {
  return {
    name: null,
    route: { kind: "random" },
    spawn: { kind: "rate", ratePerHour: 600 },
    beginS: 0,
    endS: null,
    count: null,
    vehicles: [{ name: "passenger", weight: 1 }],
    drivers: [{ name: "default", weight: 1 }],
    departSpeedMps: null,
    ...fields,
  };
}

/** Options of {@link makeSetup}. */
export interface SetupOptions {
  seed?: number | string;
  dtS?: number;
  durationS?: number | null;
  drivers?: Driver[];
  vehicleTypes?: VehicleType[];
}

/** A provider setup on `network` with the given traffic. */
export function makeSetup(network: RoadNetwork, traffic: Partial<Traffic> = {}, o: SetupOptions = {}): ProviderSetup {
  return {
    network,
    rng: new Rng(o.seed ?? 1).fork("traffic:local"),
    dtS: o.dtS ?? 0.1,
    traffic: { name: null, flows: [], trips: [], sumoDemand: [], history: null, ...traffic },
    vehicleTypes: o.vehicleTypes ?? [...BUILT_IN_VEHICLE_TYPES],
    drivers: [SCENARIO_DEFAULTS.driver, ...(o.drivers ?? [])],
    durationS: o.durationS ?? null,
    scenarioDir: ".",
  };
}

/** Runs a provider alone: each step gets a frame of the provider's vehicles (plus `extra`) and the signals. */
export class Runner {
  readonly provider: LocalTrafficProvider;
  readonly setup: ProviderSetup;
  readonly frames: FrameBuilder;
  readonly signals: SignalSchedule;
  tick = 0;
  /** Vehicles of other owners to put in each frame (agents); replace as needed. */
  extra: ExtraVehicle[] = [];
  /** Signal states to use instead of the network's programs (lights held as a test needs them), or null. */
  signalOverride: ReadonlyMap<string, string> | null = null;
  private readonly boxes = new VehicleBoxes();
  private readonly pairs = new CollisionPairs();
  private readonly collisionScratch = new CollisionScratch();

  /** `placed`: vehicles of other owners on the road at setup (agents due at time 0); they stay in `extra`. */
  constructor(setup: ProviderSetup, options: LocalTrafficOptions = {}, placed: ExtraVehicle[] = []) {
    this.setup = setup;
    this.provider = new LocalTrafficProvider(options);
    this.frames = new FrameBuilder(setup.vehicleTypes, this.provider.name);
    this.signals = SignalSchedule.of(setup.network);
    this.signals.update(0);
    this.extra = placed;
    this.provider.setup(
      placed.length ? { ...setup, placed: this.frames.build(0, setup.dtS, [], this.signals.states(), placed) } : setup,
    );
  }

  /** One step. */
  step(): void {
    const frame = this.frames.build(
      this.tick,
      this.setup.dtS,
      this.provider.vehicles(),
      this.signalOverride ?? this.signals.states(),
      this.extra,
    );
    this.tick++;
    const scheduled = this.signals.update(this.tick * this.setup.dtS);
    const signals = this.signalOverride ?? scheduled;
    this.provider.step({ tick: this.tick, dtS: this.setup.dtS, frame, signals });
  }

  /** `n` steps, calling `each` after every one. */
  run(n: number, each?: (r: Runner) => void): void {
    for (let i = 0; i < n; i++) {
      this.step();
      each?.(this);
    }
  }

  /** The provider's vehicles now. */
  get vehicles(): readonly ProviderVehicleState[] {
    return this.provider.vehicles();
  }

  /** State of vehicle `id`, or undefined. */
  vehicle(id: string): ProviderVehicleState | undefined {
    return this.provider.vehicles().find((v) => v.id === id);
  }

  /**
   * Pairs of vehicles (provider's and extra) whose boxes overlap now, as "a|b" strings; pairs on lanes
   * listed together in `ignoreLanes` (e.g. {@link gradeSeparatedLanes}) are left out.
   */
  overlaps(ignoreLanes?: ReadonlySet<string>): string[] {
    const all: ProviderVehicleState[] = [...this.provider.vehicles(), ...this.extra];
    const types = new Map(this.setup.vehicleTypes.map((t) => [t.name, t]));
    this.boxes.clear();
    all.forEach((v, i) => {
      const t = types.get(v.typeId) ?? types.get("passenger")!;
      this.boxes.add(i, v.x, v.y, v.headingRad, t.lengthM, t.widthM);
    });
    const n = detectCollisions(this.boxes, this.pairs, this.collisionScratch);
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      const a = all[this.pairs.first(k)];
      const b = all[this.pairs.second(k)];
      if (ignoreLanes?.has(`${a.laneId}|${b.laneId}`)) continue;
      out.push(`${a.id}|${b.id}`);
    }
    return out;
  }
}

/** A vehicle state on lane `laneId` with its centre `s` metres along (for `add`, or as an extra frame vehicle). */
export function vehicleAt(
  net: RoadNetwork,
  laneId: string,
  s: number,
  fields: { id: string; typeId?: string; speedMps?: number; owner?: string; routeRoadIds?: string[]; t?: number },
): ExtraVehicle & HandoverVehicle {
  const lane = net.lane(laneId);
  if (!lane) throw new Error(`vehicleAt: no lane "${laneId}"`);
  const p = lane.toWorld(s, fields.t ?? 0);
  return {
    id: fields.id,
    typeId: fields.typeId ?? "passenger",
    x: p.x,
    y: p.y,
    headingRad: p.headingRad,
    speedMps: fields.speedMps ?? 0,
    accelerationMps2: 0,
    laneId,
    owner: fields.owner ?? `agent:${fields.id}`,
    routeRoadIds: fields.routeRoadIds ?? [],
  };
}

/**
 * Pairs of normal lanes ("a|b", both orders) that cross at different levels (bridges and tunnels
 * drawn flat; see {@link GradeSeparation}). Boxes overlapping there are not collisions.
 */
export function gradeSeparatedLanes(net: RoadNetwork): Set<string> {
  return new GradeSeparation(net).toKeys();
}

/**
 * Trips every `periodS` from 0 to `endS` between random distinct roads with a route between them
 * (cars; every fifth a truck, every tenth a bus), seeded.
 */
export function randomTrips(net: RoadNetwork, periodS: number, endS: number, seed: number): Trip[] {
  const rng = new Rng(seed);
  const roads = net.normalRoads().filter((r) => r.lanes.some((l) => l.allows("passenger")) && r.lengthM > 10);
  const trips: Trip[] = [];
  for (let k = 0; k * periodS < endS; k++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const from = rng.pick(roads),
        to = rng.pick(roads);
      if (from === to && roads.length > 1) continue;
      const route = planRoute(net, from.id, to.id);
      if (!route) continue;
      trips.push({
        name: `t${k}`,
        route: {
          kind: "route",
          start: { roadId: from.id, laneIndex: "random", offsetM: 0 },
          end: { roadId: to.id, laneIndex: 0, offsetM: "end" },
          viaRoadIds: [],
          roadIds: route.roads.map((r) => r.id),
        },
        departS: k * periodS,
        vehicle: k % 10 === 9 ? "bus" : k % 5 === 4 ? "truck" : "passenger",
        driver: "default",
        departSpeedMps: null,
      });
      break;
    }
  }
  return trips;
}
