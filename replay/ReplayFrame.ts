/**
 * One decoded replay frame (docs/replay-format.md): the vehicles of a tick as columns (index `i` is
 * a position in this frame only; `ids[i]` the stable id), traffic-light states, what happened, the
 * bubble zones and each agent's reward and done flag. Writers encode it, readers and the viewer
 * decode it; positions come back quantised (1 cm, 1/65,536 turn, 1 cm/s). Pure: the viewer bundles it.
 */
import { z } from "zod";
import { ReplayPointSchema } from "./ReplayHeader.js";

/** Who drives a vehicle: the codes of `core/sensors/VehicleRoleCode` (0 traffic, 1 social agent, 2 learning agent). */
export const ReplayRole = {
  traffic: 0,
  socialAgent: 1,
  learningAgent: 2,
} as const;

/** A collision that began this tick (`a < b`). */
export const ReplayCollisionSchema = z.object({ a: z.string(), b: z.string() });

/**
 * A simulation event (`core/simulation/SimEvent`): `kind` plus its fields, kept as written so that
 * kinds added later still round-trip. Known kinds: vehicleAdded, vehicleRemoved, ownerChanged, agentDone.
 */
export const ReplayEventSchema = z.looseObject({ kind: z.string().min(1) });
/** A simulation event. */
export type ReplayEvent = z.infer<typeof ReplayEventSchema>;

/** A bubble's zone (and airlock ring) at this tick, as world polygons. */
export const ReplayBubbleSchema = z.object({
  id: z.string().min(1),
  /** The zone outline (world metres). */
  zone: z.array(ReplayPointSchema).min(3),
  /** The outer outline of the airlock margin, if any. */
  airlock: z.array(ReplayPointSchema).min(3).optional(),
});
/** A bubble zone. */
export type ReplayBubble = z.infer<typeof ReplayBubbleSchema>;

/** One agent's reward and done flag at this tick. */
export const ReplayAgentSchema = z.object({
  id: z.string().min(1),
  /** The vehicle it drives (its own id for learning agents). */
  vehicleId: z.string(),
  /** Reward of this step. */
  reward: z.number(),
  /** Sum of rewards since the agent appeared. */
  totalReward: z.number(),
  /** The agent's episode ended at this tick (terminated or truncated). */
  done: z.boolean(),
  /** Why it ended (empty while it goes on). */
  reasons: z.array(z.string()),
});
/** One agent's reward and done flag. */
export type ReplayAgent = z.infer<typeof ReplayAgentSchema>;

/** A decoded frame. */
export const ReplayFrameSchema = z
  .object({
    tick: z.number().int().nonnegative(),
    /** `tick · dtS` (s). */
    timeS: z.number(),
    ids: z.array(z.string()),
    typeIds: z.array(z.string()),
    /** Provider name (`local`, `sumo`, …) or `agent:<id>` / `social:<id>`. */
    owners: z.array(z.string()),
    /** Lane id ('' when unknown). */
    laneIds: z.array(z.string()),
    /** {@link ReplayRole} codes. */
    roles: z.instanceof(Uint8Array),
    /** Box centre east (m). */
    x: z.instanceof(Float64Array),
    /** Box centre north (m). */
    y: z.instanceof(Float64Array),
    /** Counter-clockwise from east (rad, in (−π, π]). */
    headingRad: z.instanceof(Float64Array),
    /** Speed along the heading (m/s). */
    speedMps: z.instanceof(Float64Array),
    /** Traffic-light id → state string (one character per link index, SUMO style). */
    signals: z.record(z.string(), z.string()),
    collisions: z.array(ReplayCollisionSchema),
    events: z.array(ReplayEventSchema),
    bubbles: z.array(ReplayBubbleSchema),
    agents: z.array(ReplayAgentSchema),
  })
  .check((ctx) => {
    const f = ctx.value;
    const n = f.ids.length;
    for (const [name, len] of [
      ["typeIds", f.typeIds.length],
      ["owners", f.owners.length],
      ["laneIds", f.laneIds.length],
      ["roles", f.roles.length],
      ["x", f.x.length],
      ["y", f.y.length],
      ["headingRad", f.headingRad.length],
      ["speedMps", f.speedMps.length],
    ] as const) {
      if (len !== n)
        ctx.issues.push({
          code: "custom",
          message: `${name} has ${len} entries but ids has ${n}`,
          input: f,
          path: [name],
        });
    }
  });
/** A decoded frame. */
export type ReplayFrame = z.infer<typeof ReplayFrameSchema>;

/** The frame-level data a record carries as JSON after the vehicle columns (keys omitted when empty/unchanged). */
export const FrameExtrasSchema = z.object({
  /** Signal states: all of them in a keyframe, the changed ones in a delta (null: the light is gone). */
  s: z.record(z.string(), z.string().nullable()).optional(),
  e: z.array(ReplayEventSchema).optional(),
  c: z.array(ReplayCollisionSchema).optional(),
  /** Bubbles: present in a keyframe when any, in a delta when they changed. */
  b: z.array(ReplayBubbleSchema).optional(),
  a: z.array(ReplayAgentSchema).optional(),
});
/** The frame-level JSON part of a record. */
export type FrameExtras = z.infer<typeof FrameExtrasSchema>;
