/**
 * Traffic demand read from SUMO route files (`.rou.xml`) and trip files (`.trips.xml`, what
 * `randomTrips.py` writes), as plain data: vehicle types, routes, single vehicles and trips, flows.
 * Units are SI, as in SUMO (m, s, m/s, m/s²); field names carry them. SUMO keywords that pick a value at
 * run time (`departLane="best"`, `departSpeed="max"`, `depart="triggered"`) stay strings: the traffic
 * provider resolves them. An attribute left out of a file is left out here too, so that SUMO's default
 * (which for vehicle types depends on the vClass) applies; {@link SUMO_DEFAULT_VTYPE} lists SUMO's
 * passenger-car defaults.
 */
import { z } from "zod";

const finite = z.number().refine(Number.isFinite, "must be finite");
const nonNegative = finite.refine((x) => x >= 0, "must not be negative");
const positive = finite.refine((x) => x > 0, "must be positive");

/**
 * A SUMO random distribution (`speedFactor="normc(1,0.1,0.2,2)"`), with SUMO's parameter names:
 * `norm(mean,dev)`, `normc(mean,dev,min,max)` (normal, capped), `uniform(min,max)`,
 * `lognormal(mean,dev)` (of the underlying normal), `gamma(alpha,beta)`, `expo(lambda)`.
 */
export const SumoDistributionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("norm"), mean: finite, dev: nonNegative }),
  z.object({ kind: z.literal("normc"), mean: finite, dev: nonNegative, min: finite, max: finite }),
  z.object({ kind: z.literal("uniform"), min: finite, max: finite }),
  z.object({ kind: z.literal("lognormal"), mean: finite, dev: nonNegative }),
  z.object({ kind: z.literal("gamma"), alpha: positive, beta: positive }),
  z.object({ kind: z.literal("expo"), lambda: positive }),
]);
export type SumoDistribution = z.infer<typeof SumoDistributionSchema>;

/** A `<vType>`: vehicle dimensions, limits and driver-model parameters. */
export const SumoVTypeSchema = z.object({
  id: z.string().min(1),
  /** SUMO vehicle class (passenger, bus, truck, …); SUMO's default is passenger. */
  vClass: z.string().optional(),
  /** Vehicle length in metres. */
  lengthM: positive.optional(),
  /** Vehicle width in metres. */
  widthM: positive.optional(),
  /** Vehicle height in metres. */
  heightM: positive.optional(),
  /** Maximum acceleration in m/s². */
  accelMps2: positive.optional(),
  /** Comfortable deceleration in m/s². */
  decelMps2: positive.optional(),
  /** Maximum physical deceleration in m/s². */
  emergencyDecelMps2: positive.optional(),
  /** Deceleration others assume this vehicle will use, in m/s². */
  apparentDecelMps2: positive.optional(),
  /** Maximum speed in m/s. */
  maxSpeedMps: positive.optional(),
  /** Gap kept to the leader when standing, in metres. */
  minGapM: nonNegative.optional(),
  /** Desired time headway in seconds (SUMO `tau`). */
  tauS: nonNegative.optional(),
  /** Krauss driver imperfection, 0..1. */
  sigma: nonNegative.optional(),
  /** Factor on the lane speed limit: a number, or a distribution drawn once per vehicle. */
  speedFactor: z.union([positive, SumoDistributionSchema]).optional(),
  /** Deviation of the speed factor (SUMO: with `speedFactor` m gives `normc(m, speedDev, 0.2, 2)`). */
  speedDev: nonNegative.optional(),
  /** Car-following model name (Krauss, IDM, …), from `carFollowModel` or a `<carFollowing-X>` child. */
  carFollowModel: z.string().optional(),
  /** Lane-change model name (LC2013, SL2015, …). */
  laneChangeModel: z.string().optional(),
  /** Lane-change eagerness for strategic changes (≥ 0). */
  lcStrategic: finite.optional(),
  /** Willingness to change lanes to let others merge, 0..1. */
  lcCooperative: finite.optional(),
  /** Eagerness to change lanes for speed (≥ 0). */
  lcSpeedGain: finite.optional(),
  /** Eagerness to keep right (≥ 0). */
  lcKeepRight: finite.optional(),
  /** Willingness to accept lower front and rear gaps (≥ 0). */
  lcAssertive: finite.optional(),
  /** Probability of picking this type inside a `<vTypeDistribution>`. */
  probability: nonNegative.optional(),
  /** The type's other SUMO attributes (and those of a `<carFollowing-X>` child), raw. */
  attrs: z.record(z.string(), z.string()),
  /** `<param key value>` children. */
  params: z.record(z.string(), z.string()),
});
export type SumoVType = z.infer<typeof SumoVTypeSchema>;

/** A `<vTypeDistribution>`: a vehicle picks one of the types with the given probabilities. */
export const SumoVTypeDistributionSchema = z.object({
  id: z.string().min(1),
  members: z.array(z.object({ vTypeId: z.string().min(1), probability: nonNegative })).min(1),
});
export type SumoVTypeDistribution = z.infer<typeof SumoVTypeDistributionSchema>;

/** A named `<route>`: the edges a vehicle drives, in order. */
export const SumoRouteSchema = z.object({
  id: z.string().min(1),
  edges: z.array(z.string().min(1)).min(1),
});
export type SumoRoute = z.infer<typeof SumoRouteSchema>;

/** A `<routeDistribution>`: a vehicle picks one of the routes with the given probabilities. */
export const SumoRouteDistributionSchema = z.object({
  id: z.string().min(1),
  members: z.array(z.object({ routeId: z.string().min(1), probability: nonNegative })).min(1),
});
export type SumoRouteDistribution = z.infer<typeof SumoRouteDistributionSchema>;

/** How a vehicle (or each vehicle of a flow) finds its way. */
export const SumoRoutingSchema = z.discriminatedUnion("kind", [
  /** A named route or route distribution (`route="r0"`). */
  z.object({ kind: z.literal("route"), routeId: z.string().min(1) }),
  /** A route written inside the vehicle or flow (`<route edges="a b c"/>`). */
  z.object({ kind: z.literal("edges"), edges: z.array(z.string().min(1)).min(1) }),
  /** Origin and destination edges (a trip); the router picks the path, through `via` edges in order. */
  z.object({
    kind: z.literal("trip"),
    from: z.string().min(1),
    to: z.string().min(1),
    via: z.array(z.string().min(1)),
  }),
]);
export type SumoRouting = z.infer<typeof SumoRoutingSchema>;

/** Lane to insert on: an index (0 rightmost) or a SUMO keyword. */
export const SumoDepartLaneSchema = z.union([
  z.number().int().nonnegative(),
  z.enum(["random", "free", "allowed", "best", "first"]),
]);
/** Position along the first lane in metres (negative: from its end) or a SUMO keyword. */
export const SumoDepartPosSchema = z.union([finite, z.enum(["random", "random_free", "free", "base", "last", "stop"])]);
/** Insertion speed in m/s or a SUMO keyword. */
export const SumoDepartSpeedSchema = z.union([
  nonNegative,
  z.enum(["random", "max", "desired", "speedLimit", "last", "avg"]),
]);
/** Lane to arrive on: an index or a SUMO keyword. */
export const SumoArrivalLaneSchema = z.union([z.number().int().nonnegative(), z.enum(["current", "first", "random"])]);
/** Arrival position on the last lane in metres (negative: from its end) or a SUMO keyword. */
export const SumoArrivalPosSchema = z.union([finite, z.enum(["random", "max"])]);
/** Arrival speed in m/s or `current`. */
export const SumoArrivalSpeedSchema = z.union([nonNegative, z.literal("current")]);
/** Departure time in seconds, or a SUMO keyword (`triggered`: on a person boarding; unsupported by our providers). */
export const SumoDepartTimeSchema = z.union([nonNegative, z.enum(["triggered", "containerTriggered", "split"])]);

/** What vehicles and flows share: type, routing, and how they enter and leave. */
const departureFields = {
  /** Vehicle type or type distribution id; SUMO's default is `DEFAULT_VEHTYPE`. */
  typeId: z.string().optional(),
  routing: SumoRoutingSchema,
  departLane: SumoDepartLaneSchema.optional(),
  departPos: SumoDepartPosSchema.optional(),
  departSpeed: SumoDepartSpeedSchema.optional(),
  arrivalLane: SumoArrivalLaneSchema.optional(),
  arrivalPos: SumoArrivalPosSchema.optional(),
  arrivalSpeed: SumoArrivalSpeedSchema.optional(),
  /** Other SUMO attributes (color, departPosLat, line, …), raw. */
  attrs: z.record(z.string(), z.string()),
  /** `<param key value>` children. */
  params: z.record(z.string(), z.string()),
};

/** One vehicle: a `<vehicle>` (route) or a `<trip>` (from/to). */
export const SumoVehicleSchema = z.object({
  id: z.string().min(1),
  departS: SumoDepartTimeSchema,
  ...departureFields,
});
export type SumoVehicle = z.infer<typeof SumoVehicleSchema>;

/** How often a flow inserts a vehicle. */
export const SumoFlowRateSchema = z.discriminatedUnion("kind", [
  /** Evenly spaced, this many per hour. */
  z.object({ kind: z.literal("vehsPerHour"), value: positive }),
  /** Evenly spaced, one every `periodS` seconds. */
  z.object({ kind: z.literal("period"), periodS: positive }),
  /** Poisson arrivals, `ratePerS` on average per second (`period="exp(0.1)"`). */
  z.object({ kind: z.literal("poisson"), ratePerS: positive }),
  /** A vehicle each second with this probability (0..1). */
  z.object({ kind: z.literal("probability"), value: nonNegative }),
]);
export type SumoFlowRate = z.infer<typeof SumoFlowRateSchema>;

/** A `<flow>`: vehicles `${id}.${n}` inserted between `beginS` and `endS`. */
export const SumoFlowSchema = z.object({
  id: z.string().min(1),
  /** First insertion time in seconds (SUMO default 0). */
  beginS: nonNegative,
  /** End of insertions in seconds; absent: when `number` vehicles are in, else SUMO's 86400 s. */
  endS: nonNegative.optional(),
  /** Insertion rate; absent only with `number` and `endS` (then evenly spaced over [begin, end)). */
  rate: SumoFlowRateSchema.optional(),
  /** Total number of vehicles. */
  number: z.number().int().nonnegative().optional(),
  ...departureFields,
});
export type SumoFlow = z.infer<typeof SumoFlowSchema>;

/** Everything one route or trip file defines, in file order within each list. */
export const SumoDemandSchema = z.object({
  /** The file it was read from (for the record). */
  source: z.object({ kind: z.literal("sumo"), path: z.string() }),
  vTypes: z.array(SumoVTypeSchema),
  vTypeDistributions: z.array(SumoVTypeDistributionSchema),
  routes: z.array(SumoRouteSchema),
  routeDistributions: z.array(SumoRouteDistributionSchema),
  /** `<vehicle>`s and `<trip>`s. */
  vehicles: z.array(SumoVehicleSchema),
  flows: z.array(SumoFlowSchema),
});
export type SumoDemand = z.infer<typeof SumoDemandSchema>;

/** SUMO 1.15's `DEFAULT_VEHTYPE` (a passenger car), the values that apply where a file is silent. */
export const SUMO_DEFAULT_VTYPE = {
  id: "DEFAULT_VEHTYPE",
  vClass: "passenger",
  lengthM: 5,
  widthM: 1.8,
  heightM: 1.5,
  accelMps2: 2.6,
  decelMps2: 4.5,
  emergencyDecelMps2: 9,
  apparentDecelMps2: 4.5,
  maxSpeedMps: 200 / 3.6,
  minGapM: 2.5,
  tauS: 1,
  sigma: 0.5,
  speedFactor: { kind: "normc", mean: 1, dev: 0.1, min: 0.2, max: 2 },
  carFollowModel: "Krauss",
  attrs: {},
  params: {},
} as const satisfies SumoVType;
