/**
 * The replay header (docs/replay-format.md): what a viewer needs before the first frame — format
 * and schema version, the scenario's name and content hash, the episode's seed and variation, the
 * step length, the vehicle types' dimensions, the learning agents, and the full map geometry.
 *
 * The map is the road network spec exactly as the simulation used it (`RoadNetworkSpec`, every
 * field kept); the schema checks the part a viewer draws from (lane centrelines and widths, junction
 * outlines, signal-controlled connections) and lets the rest through. Pure: the viewer bundles it,
 * so nothing here imports `core`.
 */
import { z } from "zod";

/** The schema version this code writes and reads; readers refuse newer files with a clear message. */
export const REPLAY_SCHEMA_VERSION = 1;

/** A point `[x, y]` in world metres. */
export const ReplayPointSchema = z.tuple([z.number(), z.number()]);
/** A point `[x, y]` in world metres. */
export type ReplayPoint = z.infer<typeof ReplayPointSchema>;

/** A lane as the viewer draws it (the `LaneSpec` fields it needs; others pass through). */
export const ReplayLaneSchema = z.looseObject({
  id: z.string().min(1),
  roadId: z.string().min(1),
  /** 0 = rightmost lane of its road. */
  index: z.number().int().nonnegative(),
  /** Centreline in driving direction (world metres). */
  shape: z.array(ReplayPointSchema).min(2),
  widthM: z.number().positive(),
});

/** A road: `normal` roads get lane markings; junction-internal kinds are drawn as plain surface. */
export const ReplayRoadSchema = z.looseObject({
  id: z.string().min(1),
  kind: z.string(),
  lanes: z.array(ReplayLaneSchema).min(1),
});

/** A junction outline (may be empty). */
export const ReplayJunctionSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  x: z.number(),
  y: z.number(),
  shape: z.array(ReplayPointSchema),
});

/** A lane-to-lane connection; those with `tlId` + `linkIndex` are drawn as signal heads. */
export const ReplayConnectionSchema = z.looseObject({
  fromLane: z.string().min(1),
  toLane: z.string().min(1),
  via: z.string().optional(),
  tlId: z.string().optional(),
  linkIndex: z.number().int().nonnegative().optional(),
});

/** A strip of roadside surface (OpenDRIVE shoulders, sidewalks, …): drawn beside the roads. */
export const ReplayRoadsideSchema = z.looseObject({
  /** Source lane type (shoulder, sidewalk, biking, …). */
  type: z.string(),
  /** Whether it counts as shoulder surface. */
  shoulder: z.boolean(),
  /** Centreline (world metres). */
  shape: z.array(ReplayPointSchema).min(2),
  widthM: z.number().positive(),
});

/** The map geometry: a road network spec (core/road/RoadNetworkSpec.ts), all fields kept. */
export const ReplayMapSchema = z.looseObject({
  roads: z.array(ReplayRoadSchema),
  junctions: z.array(ReplayJunctionSchema),
  connections: z.array(ReplayConnectionSchema),
  signals: z.array(z.unknown()),
  roadside: z.array(ReplayRoadsideSchema).optional(),
});
/** The map geometry of a replay. */
export type ReplayMap = z.infer<typeof ReplayMapSchema>;

/** Dimensions of a vehicle type, by the type id frames use. */
export const ReplayVehicleTypeSchema = z.object({
  id: z.string().min(1),
  /** SUMO-style class (`passenger`, `bus`, `truck`, `trailer`, `motorcycle`, `pedestrian`, …): picks the viewer's mesh. */
  vClass: z.string(),
  lengthM: z.number().positive(),
  widthM: z.number().positive(),
  heightM: z.number().positive(),
});
/** Dimensions of a vehicle type. */
export type ReplayVehicleType = z.infer<typeof ReplayVehicleTypeSchema>;

/** The replay header. */
export const ReplayHeaderSchema = z.object({
  format: z.literal("roadgym-replay"),
  schemaVersion: z.number().int().positive(),
  scenario: z.object({
    name: z.string(),
    /** sha256 of the compiled scenario (`CompiledScenario.contentHash`). */
    contentHash: z.string(),
  }),
  /** Episode seed. */
  seed: z.number().int().nonnegative(),
  /** Episode variation name ('' without variations). */
  variation: z.string(),
  /** Step length (s); a frame's time is `tick · dtS`. */
  dtS: z.number().positive(),
  /** A keyframe at least every this many ticks (seek cost). */
  keyframeInterval: z.number().int().positive(),
  vehicleTypes: z.array(ReplayVehicleTypeSchema),
  /** Learning-agent ids of the scenario, sorted. */
  agents: z.array(z.string()),
  /**
   * The planned route (road ids, start to end) of each learning agent with a route mission, by
   * agent id; the viewer draws the selected agent's path along it. Absent in older replays.
   */
  routes: z.record(z.string(), z.array(z.string())).optional(),
  map: ReplayMapSchema,
});
/** The replay header. */
export type ReplayHeader = z.infer<typeof ReplayHeaderSchema>;

/** A header as writers give it: format and version are filled in. */
export type ReplayHeaderInput = Omit<ReplayHeader, "format" | "schemaVersion">;

/** Validates a parsed header; a newer schema version or a bad field is an error that says so. */
export function parseReplayHeader(value: unknown): ReplayHeader {
  const v = value as { format?: unknown; schemaVersion?: unknown } | null;
  if (
    v &&
    typeof v === "object" &&
    v.format === "roadgym-replay" &&
    typeof v.schemaVersion === "number" &&
    v.schemaVersion > REPLAY_SCHEMA_VERSION
  ) {
    throw new Error(
      `replay schema version ${v.schemaVersion} is newer than this roadgym reads (${REPLAY_SCHEMA_VERSION}); update roadgym`,
    );
  }
  const r = ReplayHeaderSchema.safeParse(value);
  if (!r.success) throw new Error(`replay header: ${z.prettifyError(r.error)}`);
  return r.data;
}
