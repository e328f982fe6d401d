/**
 * The scenario's own traffic (flows and trips) as a SUMO route file, for the SUMO provider.
 *
 * - One `<vType>` per scenario vehicle type and driver (`roadgym:<type>:<driver>`): the type's body
 *   and limits, the driver's car-following parameters. SUMO draws only the speed factor per vehicle;
 *   the driver's other distributions are fixed at their mean (SUMO has no per-vehicle headway, gap or
 *   acceleration). Every vehicle type gets its `default`-driver vType, used for mirrored agents and
 *   vehicles handed to SUMO.
 * - A flow of several vehicle types or drivers gets a `<vTypeDistribution>` with the products of the
 *   weights.
 * - Fixed-route flows become `<flow>`s and trips `<vehicle>`s, with their lane, offset and speed.
 *   Flows SUMO's format cannot express — random routes, and a probability with both a count and an
 *   end — are returned as {@link SpawnedFlow}s, which the provider inserts itself through TraCI.
 *
 * Departure positions are SUMO's (`departPos` places the front bumper), as SMARTS passes them.
 */
import type {
  Distribution,
  Driver,
  FixedRoute,
  Flow,
  LanePosition,
  Traffic,
  VehicleType,
  Weighted,
} from "../../spec/CompiledScenario.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";

/** Flow `end` for flows that run until the episode ends, when the episode has no duration (s). */
const OPEN_END_S = 1e7;

/** SUMO's speed-factor bounds for a normal distribution (its own default is normc(1, 0.1, 0.2, 2)). */
const SPEED_FACTOR_MIN = 0.2;
const SPEED_FACTOR_MAX = 2;

/** What the provider needs to start SUMO on the scenario's traffic. */
export interface SumoDemandPlan {
  /** The route file's text. */
  xml: string;
  /** SUMO vType id → scenario vehicle type name, for every vType in the file. */
  scenarioTypeBySumoType: Map<string, string>;
  /** Flows the provider inserts itself, in scenario order. */
  spawnedFlows: SpawnedFlow[];
}

/** A flow SUMO's route format cannot express; the provider inserts its vehicles through TraCI. */
export interface SpawnedFlow {
  /** SUMO flow id: vehicles are `<id>.<n>`. */
  id: string;
  flow: Flow;
}

/** Where and how a vehicle enters and leaves, as SUMO's departure and arrival attributes. */
export interface SumoDeparture {
  departLane: string;
  departPos: string;
  departSpeed: string;
  arrivalLane: string;
  arrivalPos: string;
}

/** What {@link writeSumoDemand} reads. */
export interface SumoDemandInput {
  traffic: Traffic;
  vehicleTypes: readonly VehicleType[];
  drivers: readonly Driver[];
  network: RoadNetwork;
  /** Episode length (s); null: open-ended. */
  durationS: number | null;
  carFollowModel: "IDM" | "Krauss";
  /**
   * No departure before this (s): departures due earlier leave at this time instead. The provider
   * sets it to one step when agents are on the road at setup, so that their ghosts are in SUMO
   * before its first insertions.
   * @default 0
   */
  earliestDepartS?: number;
}

/** The SUMO vType id of a scenario vehicle type driven by a scenario driver. */
export function sumoTypeId(vehicleType: string, driver = "default"): string {
  return `roadgym:${vehicleType}:${driver}`;
}

/** The SUMO flow id of the scenario's `index`-th flow (its name, or `flow<index>`). */
export function sumoFlowId(flow: Flow, index: number): string {
  return flow.name ?? `flow${index}`;
}

/** Builds the route file for `input.traffic`. @throws naming the flow or trip that refers to an unknown type or driver */
export function writeSumoDemand(input: SumoDemandInput): SumoDemandPlan {
  const { traffic, network } = input;
  const earliest = input.earliestDepartS ?? 0;
  const types = new Map(input.vehicleTypes.map((t) => [t.name, t]));
  const drivers = new Map(input.drivers.map((d) => [d.name, d]));
  const vTypes = new Map<string, string>(); // SUMO id → element
  const scenarioTypeBySumoType = new Map<string, string>();
  const useType = (typeName: string, driverName: string, who: string): string => {
    const t = types.get(typeName);
    if (!t) throw new Error(`${who}: vehicle type "${typeName}" is not defined`);
    const d = drivers.get(driverName);
    if (!d) throw new Error(`${who}: driver "${driverName}" is not defined`);
    const id = sumoTypeId(t.name, d.name);
    if (!vTypes.has(id)) {
      vTypes.set(id, vTypeElement(id, t, d, input.carFollowModel));
      scenarioTypeBySumoType.set(id, t.name);
    }
    return id;
  };
  const defaultDriver = input.drivers[0]?.name ?? "default";
  for (const t of input.vehicleTypes) useType(t.name, defaultDriver, `vehicle type "${t.name}"`);

  const distributions: string[] = [];
  const timed: { atS: number; xml: string }[] = [];
  const spawnedFlows: SpawnedFlow[] = [];
  traffic.flows.forEach((flow, index) => {
    const id = sumoFlowId(flow, index);
    const who = `flow "${id}"`;
    for (const v of flow.vehicles) for (const d of flow.drivers) useType(v.name, d.name, who);
    if (
      flow.route.kind === "random" ||
      (flow.spawn.kind === "probability" && flow.count !== null && flow.endS !== null)
    ) {
      spawnedFlows.push({ id, flow });
      return;
    }
    const type = flowType(id, flow.vehicles, flow.drivers, distributions);
    const route = flow.route;
    const beginS = Math.max(flow.beginS, earliest);
    const attrs: [string, string | number][] = [
      ["id", id],
      ["type", type],
      ["begin", beginS],
    ];
    const endS = flow.endS ?? input.durationS ?? OPEN_END_S;
    if (flow.spawn.kind === "rate") {
      const periodS = 3600 / flow.spawn.ratePerHour;
      // SUMO takes at most one of `end` and `number` with a rate: a count becomes the end just after
      // the count-th departure (vehicle k departs at begin + k·period).
      const end = flow.count === null ? endS : Math.min(endS, beginS + (flow.count - 0.5) * periodS);
      attrs.push(["end", end], ["vehsPerHour", flow.spawn.ratePerHour]);
    } else {
      attrs.push(flow.count === null ? ["end", endS] : ["number", flow.count], [
        "probability",
        flow.spawn.probabilityPerS,
      ]);
    }
    attrs.push(...departureAttrs(departureOf(route, flow.departSpeedMps, network)));
    timed.push({
      atS: beginS,
      xml: `  <flow ${attrList(attrs)}>\n    <route edges="${esc(route.roadIds.join(" "))}"/>\n  </flow>`,
    });
  });
  for (const trip of traffic.trips) {
    const type = useType(trip.vehicle, trip.driver, `trip "${trip.name}"`);
    const departS = Math.max(trip.departS, earliest);
    const attrs: [string, string | number][] = [
      ["id", trip.name],
      ["type", type],
      ["depart", departS],
    ];
    attrs.push(...departureAttrs(departureOf(trip.route, trip.departSpeedMps, network)));
    timed.push({
      atS: departS,
      xml: `  <vehicle ${attrList(attrs)}>\n    <route edges="${esc(trip.route.roadIds.join(" "))}"/>\n  </vehicle>`,
    });
  }
  // SUMO reads route files in time order, a window at a time: a vehicle listed after a later flow
  // would be read (and depart) late. Stable sort keeps scenario order among equal times.
  timed.sort((a, b) => a.atS - b.atS);
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!-- Generated by roadgym's SUMO provider from the scenario's traffic${traffic.name ? ` "${esc(traffic.name)}"` : ""}. -->`,
    `<routes>`,
    ...vTypes.values(),
    ...distributions,
    ...timed.map((t) => t.xml),
    `</routes>`,
    ``,
  ].join("\n");
  return { xml, scenarioTypeBySumoType, spawnedFlows };
}

/** A flow's `type`: its single vType, or a distribution over vehicle type × driver. */
function flowType(flowId: string, vehicles: Weighted, drivers: Weighted, out: string[]): string {
  if (vehicles.length === 1 && drivers.length === 1) return sumoTypeId(vehicles[0].name, drivers[0].name);
  const ids: string[] = [];
  const probabilities: number[] = [];
  for (const v of vehicles) {
    for (const d of drivers) {
      ids.push(sumoTypeId(v.name, d.name));
      probabilities.push(v.weight * d.weight);
    }
  }
  const id = `roadgym:flow:${flowId}`;
  out.push(
    `  <vTypeDistribution id="${esc(id)}" vTypes="${esc(ids.join(" "))}" probabilities="${probabilities.join(" ")}"/>`,
  );
  return id;
}

/** SUMO's departure and arrival attributes for a fixed route. */
export function departureOf(route: FixedRoute, departSpeedMps: number | null, network: RoadNetwork): SumoDeparture {
  return {
    departLane: lane(route.start),
    departPos: departPos(route.start, network),
    // "max": the lane's limit times the speed factor, or less where that would be unsafe. ("desired"
    // would make SUMO drop a vehicle that cannot enter at exactly that speed.)
    departSpeed: departSpeedMps === null ? "max" : String(departSpeedMps),
    arrivalLane: lane(route.end),
    arrivalPos: route.end.offsetM === "end" ? "max" : String(route.end.offsetM),
  };
}

/** Departure and arrival for a random route: best lane, from the road's start to its end. */
export function randomRouteDeparture(departSpeedMps: number | null): SumoDeparture {
  return {
    departLane: "best",
    departPos: "base",
    departSpeed: departSpeedMps === null ? "max" : String(departSpeedMps),
    arrivalLane: "current",
    arrivalPos: "max",
  };
}

function lane(p: LanePosition): string {
  return String(p.laneIndex);
}

function departPos(p: LanePosition, network: RoadNetwork): string {
  if (p.offsetM !== "end") return String(p.offsetM);
  // SUMO has no "at the end" keyword for departures: the lane's length, a hair short.
  const road = network.road(p.roadId);
  const laneIndex = p.laneIndex === "random" ? 0 : p.laneIndex;
  const lengthM = road?.lanes[laneIndex]?.lengthM ?? road?.lanes[0]?.lengthM ?? 0;
  return String(Math.max(0, lengthM - 0.1));
}

function departureAttrs(d: SumoDeparture): [string, string][] {
  return [
    ["departLane", d.departLane],
    ["departPos", d.departPos],
    ["departSpeed", d.departSpeed],
    ["arrivalLane", d.arrivalLane],
    ["arrivalPos", d.arrivalPos],
  ];
}

/**
 * A `<vType>`: the body and limits of `t`, `d`'s parameters (means; the speed factor as a SUMO
 * distribution). Acceleration and deceleration are the driver's, capped by the vehicle's limits.
 */
function vTypeElement(id: string, t: VehicleType, d: Driver, carFollowModel: string): string {
  const attrs: [string, string | number][] = [
    ["id", id],
    ["vClass", t.vClass],
    ["length", t.lengthM],
    ["width", t.widthM],
    ["height", t.heightM],
    ["maxSpeed", t.maxSpeedMps],
    ["accel", Math.min(mean(d.accelMps2), t.accelMps2)],
    ["decel", Math.min(mean(d.decelMps2), t.decelMps2)],
    ["tau", mean(d.headwayS)],
    ["minGap", mean(d.minGapM)],
    ["speedFactor", sumoSpeedFactor(d.speedFactor)],
    ["carFollowModel", carFollowModel],
    // MOBIL politeness is closest to SUMO's LC2013 cooperativeness (both 0..1).
    ["lcCooperative", Math.min(1, Math.max(0, mean(d.politeness)))],
  ];
  if (carFollowModel === "Krauss") attrs.push(["sigma", Math.min(1, Math.max(0, mean(d.imperfection)))]);
  return `  <vType ${attrList(attrs)}/>`;
}

/** The mean of a distribution. */
export function mean(d: Distribution): number {
  switch (d.kind) {
    case "const":
      return d.value;
    case "normal":
      return d.mean;
    case "uniform":
      return (d.min + d.max) / 2;
    case "choice":
      return d.values.reduce((s, v) => s + v, 0) / d.values.length;
  }
}

/**
 * A speed factor as SUMO writes it. SUMO 1.15 draws speed factors only from capped normals
 * (`normc(mean, dev, min, max)`): a uniform distribution becomes the capped normal with its mean and
 * standard deviation, a choice its mean.
 */
export function sumoSpeedFactor(d: Distribution): string {
  switch (d.kind) {
    case "const":
      return String(d.value);
    case "normal":
      if (d.sd === 0) return String(d.mean);
      return `normc(${d.mean},${d.sd},${Math.min(SPEED_FACTOR_MIN, d.mean)},${Math.max(SPEED_FACTOR_MAX, d.mean)})`;
    case "uniform":
      if (d.max <= d.min) return String(d.min);
      return `normc(${(d.min + d.max) / 2},${(d.max - d.min) / Math.sqrt(12)},${d.min},${d.max})`;
    case "choice":
      return String(mean(d));
  }
}

function attrList(attrs: readonly (readonly [string, string | number])[]): string {
  return attrs.map(([k, v]) => `${k}="${esc(String(v))}"`).join(" ");
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
