/**
 * Draws the attributes of generated vehicles — type, driver profile, route, insertion spot, arrival —
 * with the provider's RNG, into {@link PendingVehicle}s. Shared by the scenario's flows and trips
 * and by SUMO demand.
 */
import type { Rng } from "../../core/random/Rng.js";
import type { Road } from "../../core/road/Road.js";
import type { Driver, FixedRoute, LanePosition, VehicleType, Weighted } from "../../spec/CompiledScenario.js";
import { drawDriver, type DriverProfile } from "./DriverProfile.js";
import type { LocalNetwork } from "./LocalNetwork.js";
import type { DepartPos, DepartSpeed, PendingVehicle } from "./PendingVehicle.js";
import type { RoutePlanner } from "./engine/RoutePlanner.js";

/** Random routes are drawn this many roads ahead when generated (more are added while driving). */
const RANDOM_ROUTE_ROADS = 4;

/** SUMO vehicle class → built-in vehicle type, for SUMO vTypes that name no scenario type. */
const TYPE_OF_CLASS: Record<string, string> = {
  bus: "bus",
  coach: "bus",
  delivery: "truck",
  truck: "truck",
  trailer: "trailer",
  motorcycle: "motorcycle",
  moped: "motorcycle",
  bicycle: "motorcycle",
  pedestrian: "pedestrian",
};

export class VehicleFactory {
  readonly net: LocalNetwork;
  readonly rng: Rng;
  private readonly planner: RoutePlanner;
  private readonly types: Map<string, VehicleType>;
  private readonly drivers: Map<string, Driver>;
  readonly defaultDriver: Driver;
  private readonly startRoads = new Map<string, Road[]>();

  constructor(
    net: LocalNetwork,
    rng: Rng,
    planner: RoutePlanner,
    types: readonly VehicleType[],
    drivers: readonly Driver[],
  ) {
    this.net = net;
    this.rng = rng;
    this.planner = planner;
    this.types = new Map(types.map((t) => [t.name, t]));
    this.drivers = new Map(drivers.map((d) => [d.name, d]));
    const first = drivers[0];
    if (!first) throw new Error("local traffic: the scenario has no drivers (expected at least `default`)");
    this.defaultDriver = first;
  }

  /** Vehicle type by name; falls back to `passenger`. */
  type(name: string): VehicleType {
    const t = this.types.get(name) ?? this.types.get("passenger");
    if (!t) throw new Error(`local traffic: unknown vehicle type "${name}" and no "passenger" type`);
    return t;
  }

  /** The scenario type a SUMO vType maps to: one of the same name, else the built-in type of its class. */
  typeForSumo(vTypeId: string, vClass: string): VehicleType {
    return this.types.get(vTypeId) ?? this.type(TYPE_OF_CLASS[vClass] ?? "passenger");
  }

  /** Driver by name; falls back to the default driver. */
  driver(name: string): Driver {
    return this.drivers.get(name) ?? this.defaultDriver;
  }

  /** Index drawn from a weighted list. */
  pickWeighted(list: Weighted): string {
    return list.length === 1 ? list[0].name : list[this.rng.choice(list.map((w) => w.weight))].name;
  }

  /** A driver profile from a scenario driver, its acceleration and deceleration capped by the type. */
  profile(driver: Driver, type: VehicleType): DriverProfile {
    const p = drawDriver(driver, this.rng);
    p.accelMps2 = Math.min(p.accelMps2, type.accelMps2);
    p.decelMps2 = Math.min(p.decelMps2, type.decelMps2);
    return p;
  }

  /** Lanes of `road` a vehicle class may use, by index. */
  allowedLanes(road: Road, vClass: string): number[] {
    const out: number[] = [];
    for (const lane of road.lanes) if (lane.allows(vClass)) out.push(lane.index);
    return out;
  }

  /** A pending vehicle on a fixed route from a scenario route spec. */
  fixedRoute(
    id: string,
    type: VehicleType,
    driver: DriverProfile,
    route: FixedRoute,
    speed: DepartSpeed,
  ): PendingVehicle {
    const road = this.net.net.road(route.start.roadId);
    if (!road) throw new Error(`local traffic: vehicle "${id}" starts on unknown road "${route.start.roadId}"`);
    const laneIndex = this.laneIndex(road, route.start, type.vClass);
    const pos = this.position(road.lanes[laneIndex].centreline.length, route.start.offsetM, type.lengthM);
    const lastRoad = this.net.net.road(route.end.roadId);
    let arrivalS: number | null = null;
    if (typeof route.end.offsetM === "number") arrivalS = route.end.offsetM;
    else if (route.end.offsetM === "random" && lastRoad)
      arrivalS = this.rng.range(0, lastRoad.lanes[0].centreline.length);
    return this.pending(id, type, driver, [...route.roadIds], false, laneIndex, pos, speed, arrivalS);
  }

  /** A pending vehicle on a random endless route from a random road (at a random offset, or where there is room). */
  randomRoute(id: string, type: VehicleType, driver: DriverProfile, speed: DepartSpeed): PendingVehicle | null {
    const starts = this.startRoadsFor(type);
    if (starts.length === 0) return null;
    const start = starts[this.rng.int(starts.length)];
    const lanes = this.allowedLanes(start, type.vClass);
    const laneIndex = lanes.length === 1 ? lanes[0] : lanes[this.rng.int(lanes.length)];
    const drawn = this.position(start.lanes[laneIndex].centreline.length, "random", type.lengthM);
    const pos: DepartPos = { kind: "centreOrFree", sM: drawn.kind === "centre" ? drawn.sM : 0 };
    const roads: Road[] = [start];
    for (let i = 0; i < RANDOM_ROUTE_ROADS; i++) {
      const next = this.planner.randomNext(roads[roads.length - 1], type.vClass);
      if (next === null) break;
      roads.push(next);
    }
    return this.pending(
      id,
      type,
      driver,
      roads.map((r) => r.id),
      true,
      laneIndex,
      pos,
      speed,
      null,
    );
  }

  /** Assembles a pending vehicle. */
  pending(
    id: string,
    type: VehicleType,
    driver: DriverProfile,
    route: string[],
    endless: boolean,
    lane: PendingVehicle["lane"],
    pos: DepartPos,
    speed: DepartSpeed,
    arrivalS: number | null,
  ): PendingVehicle {
    return {
      id,
      typeId: type.name,
      vClass: type.vClass,
      lengthM: type.lengthM,
      widthM: type.widthM,
      maxSpeedMps: type.maxSpeedMps,
      maxDecelMps2: type.decelMps2,
      driver,
      route,
      endless,
      lane,
      pos,
      speed,
      arrivalS,
    };
  }

  private laneIndex(road: Road, at: LanePosition, vClass: string): number {
    if (at.laneIndex !== "random") return Math.min(at.laneIndex, road.lanes.length - 1);
    const lanes = this.allowedLanes(road, vClass);
    if (lanes.length === 0) return 0;
    return lanes.length === 1 ? lanes[0] : lanes[this.rng.int(lanes.length)];
  }

  private position(laneLengthM: number, offset: LanePosition["offsetM"], lengthM: number): DepartPos {
    if (offset === "end") return { kind: "centre", sM: laneLengthM };
    if (offset === "random") {
      const hl = lengthM / 2;
      return { kind: "centre", sM: laneLengthM > lengthM ? this.rng.range(hl, laneLengthM - hl) : laneLengthM / 2 };
    }
    return { kind: "centre", sM: offset };
  }

  /** Normal roads a random route may start on: an allowed lane longer than the vehicle, and somewhere to go (for ever, where the network allows). */
  private startRoadsFor(type: VehicleType): Road[] {
    const key = `${type.vClass}\u0000${type.lengthM}`;
    let list = this.startRoads.get(key);
    if (!list) {
      list = this.net.net
        .normalRoads()
        .filter((r) => r.lanes.some((l) => l.allows(type.vClass) && l.centreline.length > type.lengthM + 1));
      const forever = list.filter((r) => this.planner.drivesForever(r, type.vClass));
      const driveOn =
        forever.length > 0 ? forever : list.filter((r) => this.planner.nextRoads(r, type.vClass).length > 0);
      if (driveOn.length > 0) list = driveOn;
      this.startRoads.set(key, list);
    }
    return list;
  }
}
