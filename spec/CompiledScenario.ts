/**
 * The compiled scenario: what `compileScenario` produces from a `.scn` file. Plain, frozen,
 * JSON-serialisable data in SI units (field names carry the unit: `dtS`, `lengthM`, `speedMps`,
 * `ratePerHour`); the simulation builds its runtime objects from it and never writes back.
 *
 * The zod schema is the contract; the TypeScript types come from it (`z.infer`). Defaults for
 * everything a scenario may leave out live in {@link SCENARIO_DEFAULTS}, in one place.
 */
import { z } from "zod";
import { vehicleTypes } from "./vehicleTypes.js";
import { SumoDemandSchema } from "./SumoDemand.js";

/** Version of this data format; bump on incompatible changes. */
export const COMPILED_SCENARIO_FORMAT = 1;

/** A random quantity in SI units: a constant, normal(mean, sd), uniform(min, max) or a choice. */
export const DistributionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("const"), value: z.number() }),
  z.object({ kind: z.literal("normal"), mean: z.number(), sd: z.number().nonnegative() }),
  z.object({ kind: z.literal("uniform"), min: z.number(), max: z.number() }),
  z.object({ kind: z.literal("choice"), values: z.array(z.number()).min(1) }),
]);
export type Distribution = z.infer<typeof DistributionSchema>;

/** A vehicle type: body dimensions (metres) and limits. */
export const VehicleTypeSchema = z.object({
  name: z.string().min(1),
  lengthM: z.number().positive(),
  widthM: z.number().positive(),
  heightM: z.number().positive(),
  /** Top speed (m/s). */
  maxSpeedMps: z.number().positive(),
  /** Maximum acceleration (m/s²). */
  accelMps2: z.number().positive(),
  /** Maximum (emergency-free) deceleration (m/s², positive). */
  decelMps2: z.number().positive(),
  /** SUMO vehicle class, for lane permissions. */
  vClass: z.string().min(1),
  /** True for the six built-in types. */
  builtIn: z.boolean(),
});
export type VehicleType = z.infer<typeof VehicleTypeSchema>;

/** A driver model (IDM car following + MOBIL lane changing); each parameter drawn per vehicle. */
export const DriverSchema = z.object({
  name: z.string().min(1),
  /** Desired speed as a factor of the lane's speed limit (unitless). */
  speedFactor: DistributionSchema,
  /** IDM desired time headway (s). */
  headwayS: DistributionSchema,
  /** IDM minimum gap to the leader at standstill (m). */
  minGapM: DistributionSchema,
  /** IDM maximum acceleration (m/s²). */
  accelMps2: DistributionSchema,
  /** IDM comfortable deceleration (m/s², positive). */
  decelMps2: DistributionSchema,
  /** MOBIL politeness factor, 0 (selfish) .. 1. */
  politeness: DistributionSchema,
  /** MOBIL lane-change acceleration threshold (m/s²). */
  laneChangeThresholdMps2: DistributionSchema,
  /** Driver imperfection (SUMO's sigma), 0 (perfect) .. 1. */
  imperfection: DistributionSchema,
});
export type Driver = z.infer<typeof DriverSchema>;

/** A place on the map: road, lane index (0 = rightmost) and offset along the lane (metres). */
export const LanePositionSchema = z.object({
  roadId: z.string().min(1),
  laneIndex: z.union([z.number().int().nonnegative(), z.literal("random")]),
  /** Metres from the lane start; `random` is drawn per vehicle; `end` is the lane's end. */
  offsetM: z.union([z.number().nonnegative(), z.literal("random"), z.literal("end")]),
});
export type LanePosition = z.infer<typeof LanePositionSchema>;

/** A fixed route: endpoints, the via roads as written, and the planned road sequence. */
export const FixedRouteSchema = z.object({
  kind: z.literal("route"),
  start: LanePositionSchema,
  end: LanePositionSchema,
  viaRoadIds: z.array(z.string()),
  /** The roads to drive, start to end inclusive (planned by shortest driven length). */
  roadIds: z.array(z.string()).min(1),
});
export type FixedRoute = z.infer<typeof FixedRouteSchema>;

/** A route: fixed, or a fresh random one per vehicle. */
export const RouteSpecSchema = z.discriminatedUnion("kind", [
  FixedRouteSchema,
  z.object({ kind: z.literal("random") }),
]);
export type RouteSpec = z.infer<typeof RouteSpecSchema>;

/** A weighted choice by name; weights are normalised to sum to 1. */
export const WeightedSchema = z.array(z.object({ name: z.string().min(1), weight: z.number().positive() })).min(1);
export type Weighted = z.infer<typeof WeightedSchema>;

/** How a flow inserts vehicles: a steady rate, or a Bernoulli trial every second. */
export const SpawnSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rate"), ratePerHour: z.number().positive() }),
  z.object({ kind: z.literal("probability"), probabilityPerS: z.number().min(0).max(1) }),
]);

/** A traffic flow. */
export const FlowSchema = z.object({
  /** The flow's name, or null when none was given. */
  name: z.string().nullable(),
  route: RouteSpecSchema,
  spawn: SpawnSchema,
  /** First insertion time (s). */
  beginS: z.number().nonnegative(),
  /** No insertions from this time on (s); null: until the scenario ends. */
  endS: z.number().positive().nullable(),
  /** Stop after this many vehicles; null: no limit. */
  count: z.number().int().positive().nullable(),
  vehicles: WeightedSchema,
  drivers: WeightedSchema,
  /** Insertion speed (m/s); null: the lane's speed limit times the driver's speed factor. */
  departSpeedMps: z.number().nonnegative().nullable(),
});
export type Flow = z.infer<typeof FlowSchema>;

/** One vehicle on a fixed route; its name is its vehicle id. */
export const TripSchema = z.object({
  name: z.string().min(1),
  route: FixedRouteSchema,
  departS: z.number().nonnegative(),
  vehicle: z.string(),
  driver: z.string(),
  departSpeedMps: z.number().nonnegative().nullable(),
});
export type Trip = z.infer<typeof TripSchema>;

/**
 * SUMO route-file demand embedded in the scenario (so the compiled scenario is self-contained).
 * `demand` is `parseSumoRoutes`'s output (scenario-dsl/demand), validated there.
 */
export const SumoDemandRefSchema = z.object({
  /** The route file's path as written in the scenario (relative to the scenario file). */
  path: z.string(),
  /** sha256 of the file's text. */
  sha256: z.string(),
  /** The file's demand, its `source.path` as written in the scenario. */
  demand: SumoDemandSchema,
});

/** Formats of recorded-trajectory files (spec/trajectory, docs/trajectory-csv.md). */
export const TRAJECTORY_FORMATS = ["roadgym", "ngsim", "interaction"] as const;

/** A trajectory file format name. */
export type TrajectoryFormat = (typeof TRAJECTORY_FORMATS)[number];

/**
 * The history provider's defaults that compiled scenarios depend on: the owner name, and the prefix
 * that turns a recorded vehicle id into a simulation vehicle id (`replace "<recorded id>"`).
 */
export const HISTORY_PROVIDER_DEFAULTS = Object.freeze({ idPrefix: "history-", name: "history" });

/**
 * A recording replayed as traffic by the history provider (providers/history). The file is named,
 * not embedded (datasets are large): it was read and checked when the scenario was compiled, and is
 * read again, and its hash compared, when an episode starts.
 */
export const HistoryTrafficSchema = z.object({
  /** The trajectory file's path as written in the scenario (relative to the scenario file). */
  path: z.string(),
  /** sha256 of the file's text at compile time. */
  sha256: z.string(),
  format: z.enum(TRAJECTORY_FORMATS),
  /** Dataset time (s) that simulation time 0 maps to; null: the first sample of the (filtered) recording. */
  startS: z.number().nullable(),
  /** Added to every recorded position (m), to align the dataset with the map. */
  offsetM: z.tuple([z.number(), z.number()]),
  /** Replay only recorded ids starting with this; null: all. */
  idFilter: z.string().min(1).nullable(),
});
export type HistoryTraffic = z.infer<typeof HistoryTrafficSchema>;

/** A set of traffic: flows, single trips, SUMO demand and a recording. */
export const TrafficSchema = z.object({
  name: z.string().nullable(),
  flows: z.array(FlowSchema),
  trips: z.array(TripSchema),
  sumoDemand: z.array(SumoDemandRefSchema),
  /** Recorded traffic (scenarios compiled before it existed have none). */
  history: HistoryTrafficSchema.nullable().default(null),
});
export type Traffic = z.infer<typeof TrafficSchema>;

/** A point the agent must pass, at a required speed. */
export const ViaPointSchema = z.object({ position: LanePositionSchema, speedMps: z.number().nonnegative() });

/** A learning or social agent's task. */
export const MissionSchema = z.discriminatedUnion("kind", [
  FixedRouteSchema.extend({
    /** Start time (s). */
    departS: z.number().nonnegative(),
    viaPoints: z.array(ViaPointSchema),
    /** Speed a learning agent starts at (m/s): 0, or a replaced recorded vehicle's (see Agent.replaces). */
    departSpeedMps: z.number().nonnegative().default(0),
  }),
  z.object({
    kind: z.literal("endless"),
    start: LanePositionSchema,
    departS: z.number().nonnegative(),
    viaPoints: z.array(ViaPointSchema),
    departSpeedMps: z.number().nonnegative().default(0),
  }),
]);
export type Mission = z.infer<typeof MissionSchema>;

/** Action spaces (DESIGN.md §7). */
export const ACTION_SPACES = [
  "continuous",
  "lane",
  "lane_with_continuous_speed",
  "actuator_dynamic",
  "target_pose",
  "relative_target_pose",
  "trajectory",
  "direct",
] as const;
export const ActionSpaceSchema = z.enum(ACTION_SPACES);
export type ActionSpace = z.infer<typeof ActionSpaceSchema>;

const GridSchema = z.object({
  enabled: z.boolean(),
  /** Cells across. */
  width: z.number().int().positive(),
  /** Cells along. */
  height: z.number().int().positive(),
  /** Cell size (m). */
  resolutionM: z.number().positive(),
});

/** What an agent observes; each part switchable. */
export const ObservationSchema = z.object({
  ego: z.object({ enabled: z.boolean() }),
  neighbours: z.object({ enabled: z.boolean(), radiusM: z.number().positive(), max: z.number().int().positive() }),
  /** Waypoint paths along the route: `lookahead` points, `spacingM` apart. */
  waypoints: z.object({
    enabled: z.boolean(),
    lookahead: z.number().int().positive(),
    spacingM: z.number().positive(),
  }),
  roadWaypoints: z.object({ enabled: z.boolean(), horizon: z.number().int().positive() }),
  signals: z.object({ enabled: z.boolean(), lookaheadM: z.number().positive() }),
  /**
   * The next junction link on the path: right of way, the vehicles approaching its foes, the lanes
   * that lead on (`lookaheadM` along the path and on the foes' approaches; at most `maxFoes` rows).
   * Absent in configs written before it existed: off.
   */
  junction: z
    .object({ enabled: z.boolean(), lookaheadM: z.number().positive(), maxFoes: z.number().int().positive() })
    .default({ enabled: false, lookaheadM: 100, maxFoes: 8 }),
  events: z.object({ enabled: z.boolean() }),
  drivableArea: GridSchema,
  occupancy: GridSchema,
  rgb: GridSchema,
  lidar: z.object({ enabled: z.boolean(), rays: z.number().int().positive(), rangeM: z.number().positive() }),
  /** The fixed-size normalised vector for neural networks. */
  vector: z.object({ enabled: z.boolean() }),
});
export type Observation = z.infer<typeof ObservationSchema>;

/** Which events end an agent's episode. */
export const DoneCriteriaSchema = z.object({
  collision: z.boolean(),
  offRoad: z.boolean(),
  offRoute: z.boolean(),
  onShoulder: z.boolean(),
  wrongWay: z.boolean(),
  notMoving: z.boolean(),
  goal: z.boolean(),
  maxSteps: z.boolean(),
});
export type DoneCriteria = z.infer<typeof DoneCriteriaSchema>;

/** How a learning agent acts, observes and ends. */
export const AgentInterfaceSchema = z.object({
  action: ActionSpaceSchema,
  /** Episode step limit; null: none. */
  maxSteps: z.number().int().positive().nullable(),
  observation: ObservationSchema,
  done: DoneCriteriaSchema,
});
export type AgentInterface = z.infer<typeof AgentInterfaceSchema>;

/** A learning agent with its own vehicle. */
export const AgentSchema = z.object({
  name: z.string().min(1),
  vehicle: z.string(),
  mission: MissionSchema,
  interface: AgentInterfaceSchema,
  /**
   * Id of the traffic vehicle this agent takes the place of (`replace` in the DSL: a recorded
   * vehicle, `history-<id>`): released from its provider when the episode starts, so it never
   * appears; the mission starts where, when and as fast as it would have appeared.
   */
  replaces: z.string().min(1).nullable().default(null),
});
export type Agent = z.infer<typeof AgentSchema>;

/** Zoo policy parameters as written, values converted to SI. */
export const PolicyParamsSchema = z.record(z.string(), z.union([z.number(), z.boolean(), z.string()]));

/** A policy from the agent zoo: `name@vN` or `file:<path relative to the scenario>`. */
export const PolicyRefSchema = z.object({ locator: z.string().min(1), params: PolicyParamsSchema });
export type PolicyRef = z.infer<typeof PolicyRefSchema>;

/** A social agent: a zoo policy driving its own vehicle. */
export const SocialAgentSchema = z.object({
  name: z.string().min(1),
  policy: PolicyRefSchema,
  vehicle: z.string(),
  mission: MissionSchema,
});
export type SocialAgent = z.infer<typeof SocialAgentSchema>;

const Vec2 = z.tuple([z.number(), z.number()]);

/** A bubble's zone, in world metres and radians. */
export const ZoneSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("road"),
    roadId: z.string(),
    fromM: z.number().nonnegative(),
    lengthM: z.number().positive(),
  }),
  z.object({ kind: z.literal("box"), centerM: Vec2, sizeM: Vec2, headingRad: z.number() }),
  z.object({ kind: z.literal("polygon"), pointsM: z.array(Vec2).min(3) }),
]);
export type Zone = z.infer<typeof ZoneSchema>;

/** Traffic providers a bubble can hand vehicles to. */
export const TRAFFIC_PROVIDERS = ["local", "sumo", "history"] as const;

/** Who drives the vehicles a bubble captures. */
export const BubbleActorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("zoo"), policy: PolicyRefSchema }),
  z.object({ kind: z.literal("agent"), interface: AgentInterfaceSchema }),
  z.object({ kind: z.literal("traffic"), provider: z.enum(TRAFFIC_PROVIDERS) }),
]);
export type BubbleActor = z.infer<typeof BubbleActorSchema>;

/** A bubble (DESIGN.md §6). */
export const BubbleSchema = z.object({
  name: z.string().min(1),
  /** For a following bubble, box and polygon coordinates are relative to the target (x forward, y left). */
  zone: ZoneSchema,
  follow: z.object({ kind: z.enum(["agent", "social", "vehicle"]), name: z.string(), offsetM: Vec2 }).nullable(),
  /** Airlock margin around the zone (m). */
  marginM: z.number().nonnegative(),
  actor: BubbleActorSchema,
  limits: z.object({
    hijack: z.number().int().nonnegative().nullable(),
    shadow: z.number().int().nonnegative().nullable(),
  }),
  /** Active time window (s); null: always. */
  window: z.object({ beginS: z.number().nonnegative(), endS: z.number().positive() }).nullable(),
  /** Vehicles whose id starts with one of these are never captured. */
  excludePrefixes: z.array(z.string()),
});
export type Bubble = z.infer<typeof BubbleSchema>;

/** One parameter change of a sweep variation. */
export const OverrideSchema = z.discriminatedUnion("target", [
  z.object({
    target: z.literal("driver"),
    name: z.string(),
    field: z.enum([
      "speedFactor",
      "headwayS",
      "minGapM",
      "accelMps2",
      "decelMps2",
      "politeness",
      "laneChangeThresholdMps2",
      "imperfection",
    ]),
    value: DistributionSchema,
  }),
  z.object({
    target: z.literal("flow"),
    name: z.string(),
    field: z.enum(["ratePerHour", "probabilityPerS", "beginS", "endS", "count"]),
    value: z.number(),
  }),
]);
export type Override = z.infer<typeof OverrideSchema>;

/**
 * One variation of the scenario. The episode's seed picks one: `variations[seed % variations.length]`.
 * `traffic` replaces the base traffic (null keeps it); `overrides` then apply in order.
 */
export const VariationSchema = z.object({
  name: z.string(),
  traffic: TrafficSchema.nullable(),
  overrides: z.array(OverrideSchema),
});
export type Variation = z.infer<typeof VariationSchema>;

/** Where the map comes from. */
export const MapRefSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("sumo"),
    /** As written in the scenario (relative to the scenario file). */
    path: z.string(),
    /** sha256 of the map file's text. */
    sha256: z.string(),
  }),
  z.object({
    kind: z.literal("opendrive"),
    /** As written in the scenario (relative to the scenario file). */
    path: z.string(),
    /** sha256 of the map file's text. */
    sha256: z.string(),
  }),
  z.object({
    kind: z.literal("generator"),
    generator: z.string(),
    /** Every parameter, defaults included, by its SI key (`lengthM`, `speedLimitMps`, …). */
    params: z.record(z.string(), z.union([z.number(), z.boolean()])),
  }),
]);
export type MapRef = z.infer<typeof MapRefSchema>;

/** The whole compiled scenario. */
export const CompiledScenarioSchema = z.object({
  format: z.literal(COMPILED_SCENARIO_FORMAT),
  name: z.string().min(1),
  /** Base seed of the scenario's RNG. */
  seed: z.number().int().nonnegative(),
  /** Step length (s). */
  dtS: z.number().positive(),
  /** Episode length (s); null: until every agent is done. */
  durationS: z.number().positive().nullable(),
  map: MapRefSchema,
  /** Built-in types first, then the scenario's own. */
  vehicleTypes: z.array(VehicleTypeSchema),
  /** The built-in `default` driver first, then the scenario's own. */
  drivers: z.array(DriverSchema),
  traffic: TrafficSchema,
  agents: z.array(AgentSchema),
  socialAgents: z.array(SocialAgentSchema),
  bubbles: z.array(BubbleSchema),
  variations: z.array(VariationSchema),
  /** Machine-specific: where the scenario was read from. Not part of the content hash. */
  source: z.object({ file: z.string(), dir: z.string() }),
  /** sha256 (hex) of the canonical JSON of everything but `source` and this field. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CompiledScenario = z.infer<typeof CompiledScenarioSchema>;

/**
 * The six built-in vehicle types, as `spec/vehicleTypes.ts` defines them (
 * SMARTS dimensions, SUMO's vClass limits), in the compiled scenario's shape.
 */
export const BUILT_IN_VEHICLE_TYPES: readonly VehicleType[] = Object.values(vehicleTypes).map((t) => ({
  name: t.id,
  lengthM: t.lengthM,
  widthM: t.widthM,
  heightM: t.heightM,
  maxSpeedMps: t.maxSpeedMps,
  accelMps2: t.maxAccelMps2,
  decelMps2: t.maxDecelMps2,
  vClass: t.vClass,
  builtIn: true,
}));

const c = (value: number): Distribution => ({ kind: "const", value });

/** Everything a scenario may leave out, in one place. */
export const SCENARIO_DEFAULTS = {
  seed: 0,
  dtS: 0.1,
  durationS: null,
  /** The built-in driver used by flows and trips that name none (SUMO's passenger defaults, deterministic). */
  driver: {
    name: "default",
    speedFactor: c(1),
    headwayS: c(1),
    minGapM: c(2.5),
    accelMps2: c(2.6),
    decelMps2: c(4.5),
    politeness: c(0.5),
    laneChangeThresholdMps2: c(0.1),
    imperfection: c(0),
  } satisfies Driver,
  vehicle: "passenger",
  flow: { beginS: 0, endS: null, count: null, departSpeedMps: null },
  /** Start lane index, start offset and end offset of a position that leaves them out. */
  position: { laneIndex: 0, startOffsetM: 0, endOffset: "end" as const },
  missionDepartS: 0,
  action: "lane" as ActionSpace,
  maxSteps: null,
  observation: {
    ego: { enabled: true },
    neighbours: { enabled: false, radiusM: 50, max: 8 },
    waypoints: { enabled: false, lookahead: 50, spacingM: 1 },
    roadWaypoints: { enabled: false, horizon: 20 },
    signals: { enabled: false, lookaheadM: 100 },
    junction: { enabled: false, lookaheadM: 100, maxFoes: 8 },
    events: { enabled: true },
    drivableArea: { enabled: false, width: 64, height: 64, resolutionM: 0.1953125 },
    occupancy: { enabled: false, width: 64, height: 64, resolutionM: 0.1953125 },
    rgb: { enabled: false, width: 64, height: 64, resolutionM: 0.1953125 },
    lidar: { enabled: false, rays: 64, rangeM: 60 },
    vector: { enabled: false },
  } satisfies Observation,
  done: {
    collision: true,
    offRoad: true,
    offRoute: false,
    onShoulder: false,
    wrongWay: false,
    notMoving: false,
    goal: true,
    maxSteps: true,
  } satisfies DoneCriteria,
  bubble: {
    marginM: 2,
    limits: { hijack: null, shadow: null },
    followOffsetM: [0, 0] as [number, number],
    headingRad: 0,
  },
} as const;
