/**
 * The road network as plain, JSON-serialisable data: what importers (SUMO `.net.xml`, OpenDRIVE `.xodr`) and procedural
 * generators produce, what a replay header carries, and what `buildRoadNetwork` turns into the
 * runtime {@link RoadNetwork}. Nothing here has behaviour; coordinates are world metres
 * (x east, y north), headings radians, speeds m/s.
 *
 * The shape follows SUMO's network model because the real maps come from SUMO:
 * - a road (SUMO edge) has lanes, index 0 the rightmost;
 * - junction-internal roads (SUMO `:J_0` edges) hold the connector lanes that cross a junction;
 * - a connection links an incoming lane to an outgoing lane, optionally `via` an internal lane,
 *   and optionally controlled by a traffic light (`tlId` + `linkIndex` into the phase state string);
 * - right of way at a junction follows SUMO's `<request>` table: the junction's links (the connections
 *   entering it from a normal road) are numbered 0…n−1 (`junctionLinkIndex`), and each link lists the
 *   links it conflicts with (`foes`) and the ones it must yield to (`response`) by that number.
 */
import { z } from "zod";

/** A 2-D point `[x, y]` in world metres. */
export const Point2Schema = z.tuple([z.number(), z.number()]);
export type Point2 = z.infer<typeof Point2Schema>;

/**
 * Road kinds. `normal` roads are what SUMO counts as edges; `internal` roads are junction connectors;
 * `crossing` and `walkingarea` are SUMO pedestrian structures inside junctions (kept for drawing).
 */
export const RoadKindSchema = z.enum(["normal", "internal", "crossing", "walkingarea", "connector"]);
export type RoadKind = z.infer<typeof RoadKindSchema>;

export const LaneSpecSchema = z.object({
  /** Globally unique lane id; SUMO's (`gneE1_0`, `:J3_0_0`) or `<roadId>_<index>` from generators. */
  id: z.string().min(1),
  /** Id of the road this lane belongs to. */
  roadId: z.string().min(1),
  /** 0 is the rightmost lane in driving direction. */
  index: z.number().int().nonnegative(),
  /** Centreline polyline, at least two points, in driving direction (world metres). */
  shape: z.array(Point2Schema).min(2),
  /** Lane width in metres. */
  widthM: z.number().positive(),
  /** Speed limit in m/s. */
  speedLimitMps: z.number().positive(),
  /**
   * Length in metres as the source states it (SUMO's `length` attribute, which can differ slightly
   * from the shape's polyline length); generators write the polyline length.
   */
  lengthM: z.number().nonnegative(),
  /** SUMO vehicle classes allowed; absent means all (unless `disallow`). */
  allow: z.array(z.string()).optional(),
  /** SUMO vehicle classes disallowed; only read when `allow` is absent. */
  disallow: z.array(z.string()).optional(),
  /**
   * The opposite-direction lane next to this one's left edge, usable for overtaking (SUMO
   * `<neigh lane="…"/>`, written for roads with `spreadType`/`--opposites.guess`); absent if none.
   */
  neighLaneId: z.string().min(1).optional(),
});
export type LaneSpec = z.infer<typeof LaneSpecSchema>;

export const RoadSpecSchema = z.object({
  id: z.string().min(1),
  kind: RoadKindSchema,
  /** Junction the road leaves (for internal roads: the junction it lies in). */
  fromJunction: z.string().optional(),
  /** Junction the road enters (for internal roads: the junction it lies in). */
  toJunction: z.string().optional(),
  /** SUMO edge priority; higher wins right of way at priority junctions. */
  priority: z.number().int().optional(),
  /** Human-readable street name, if any. */
  name: z.string().optional(),
  /** SUMO edge type id, if any. */
  type: z.string().optional(),
  /** Lanes ordered by index (rightmost first). */
  lanes: z.array(LaneSpecSchema).min(1),
  /**
   * Set where a source road became several consecutive roads here (an OpenDRIVE road's direction,
   * cut where its lanes change): `of` is the id positions name the whole source road by (the first
   * part's own id), `index` this road's place along it in driving order (0 first). A position's
   * offset past one part's end goes on into the next.
   */
  part: z.object({ of: z.string().min(1), index: z.number().int().nonnegative() }).optional(),
});
export type RoadSpec = z.infer<typeof RoadSpecSchema>;

export const JunctionSpecSchema = z.object({
  id: z.string().min(1),
  /** SUMO junction type: priority, traffic_light, right_before_left, allway_stop, dead_end, internal, … */
  type: z.string(),
  /** Junction centre (world metres). */
  x: z.number(),
  y: z.number(),
  /** Outline polygon (may be empty for dead ends and SUMO's internal nodes). */
  shape: z.array(Point2Schema),
});
export type JunctionSpec = z.infer<typeof JunctionSpecSchema>;

export const ConnectionSpecSchema = z.object({
  /** Incoming lane id (a normal or an internal lane). */
  fromLane: z.string().min(1),
  /** Outgoing lane id. */
  toLane: z.string().min(1),
  /** Internal connector lane crossing the junction, if any; traffic drives fromLane → via → … → toLane. */
  via: z.string().optional(),
  /** Traffic-light id controlling this connection. */
  tlId: z.string().optional(),
  /** Index of this connection's signal in the light's phase state string. */
  linkIndex: z.number().int().nonnegative().optional(),
  /** SUMO direction: s straight, l left, r right, t turn, L/R partial, invalid. */
  dir: z.string().optional(),
  /** SUMO link state: M major, m minor, = equal, s stop, w allway stop, O off, … */
  state: z.string().optional(),
  /**
   * Junction whose right-of-way table numbers this link (set together with `junctionLinkIndex`).
   * Only links entering a junction from a normal road carry it, never connections that leave an
   * internal lane.
   */
  junction: z.string().min(1).optional(),
  /**
   * This link's number in its junction's right-of-way table, 0…n−1 — SUMO's `<request index>`.
   * SUMO numbers a junction's links by incoming lane in `incLanes` order, then by connection order
   * within the lane; generators number them in the order they were laid out. Independent of
   * `linkIndex`, which indexes a traffic light's phase strings (often, not always, the same number).
   */
  junctionLinkIndex: z.number().int().nonnegative().optional(),
  /**
   * `junctionLinkIndex`es of the links at the same junction whose paths cross or merge with this
   * one's, ascending (SUMO `<request foes>`). An index without a connection is a link this model
   * does not hold (a SUMO pedestrian crossing).
   */
  foes: z.array(z.number().int().nonnegative()).optional(),
  /**
   * `junctionLinkIndex`es of the links this one must yield to, ascending (SUMO `<request response>`):
   * a vehicle may enter only when none of them has a vehicle approaching. Usually a subset of `foes`.
   */
  response: z.array(z.number().int().nonnegative()).optional(),
  /**
   * SUMO `<request cont>`: the link has an internal junction, so a yielding vehicle may drive into
   * the junction and wait there (a left turn waiting for oncoming traffic) instead of at the stop line.
   */
  cont: z.boolean().optional(),
});
export type ConnectionSpec = z.infer<typeof ConnectionSpecSchema>;

export const SignalPhaseSpecSchema = z.object({
  /** Phase duration in seconds. */
  durationS: z.number().positive(),
  /** One character per link index: r red, y yellow, g green (minor), G green (major), s, u, o, O. */
  state: z.string().min(1),
});

export const SignalProgramSpecSchema = z.object({
  /** Traffic-light id (connections refer to it with `tlId`). */
  id: z.string().min(1),
  /** SUMO program id. */
  programId: z.string(),
  /** Time offset of the cycle in seconds. */
  offsetS: z.number(),
  /** SUMO type: static, actuated, delay_based (run as fixed-time here). */
  type: z.string(),
  phases: z.array(SignalPhaseSpecSchema).min(1),
});
export type SignalProgramSpec = z.infer<typeof SignalProgramSpecSchema>;

/**
 * A strip of road surface that is not a drivable lane (an OpenDRIVE shoulder, border, parking lane,
 * sidewalk, …): drawn, and where it is `shoulder` surface, a vehicle on it is on the shoulder rather
 * than off the road.
 */
export const RoadsideLaneSpecSchema = z.object({
  /** Unique among roadside lanes. */
  id: z.string().min(1),
  /** The source road it belongs to. */
  roadId: z.string().min(1),
  /** Source lane type (OpenDRIVE: shoulder, border, sidewalk, parking, biking, curb, median, …). */
  type: z.string(),
  /** Whether it counts as shoulder (paved, next to the drivable lanes). */
  shoulder: z.boolean(),
  /** Centreline, at least two points (world metres). */
  shape: z.array(Point2Schema).min(2),
  /** Mean width in metres. */
  widthM: z.number().positive(),
});
export type RoadsideLaneSpec = z.infer<typeof RoadsideLaneSpecSchema>;

export const MapSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sumo"), path: z.string() }),
  z.object({ kind: z.literal("opendrive"), path: z.string() }),
  z.object({ kind: z.literal("generator"), generator: z.string(), params: z.record(z.string(), z.unknown()) }),
]);

export const RoadNetworkSpecSchema = z.object({
  /** Where the network came from (for the record; never read back). */
  source: MapSourceSchema,
  /**
   * SUMO `<location>`: `netOffset` was added to the original projected coordinates to get the
   * network (world) coordinates used everywhere here.
   */
  location: z
    .object({
      netOffset: Point2Schema,
      convBoundary: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      origBoundary: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
      projParameter: z.string().optional(),
    })
    .optional(),
  /** Roads, normal and internal. */
  roads: z.array(RoadSpecSchema),
  junctions: z.array(JunctionSpecSchema),
  connections: z.array(ConnectionSpecSchema),
  signals: z.array(SignalProgramSpecSchema),
  /** Non-drivable surface beside the roads (OpenDRIVE imports); absent where the source has none. */
  roadside: z.array(RoadsideLaneSpecSchema).optional(),
});
export type RoadNetworkSpec = z.infer<typeof RoadNetworkSpecSchema>;
export type MapSource = z.infer<typeof MapSourceSchema>;
