/**
 * The immutable record of one simulation tick (DESIGN.md §2, §4 phase 6): every vehicle's box and
 * motion, the signal states, and what happened. Observations, rewards, metrics, replays and the
 * live viewer all read frames; nothing writes to one after the simulation has built it.
 *
 * Vehicles are stored as a struct of arrays in the simulation's vehicle order (creation order, which
 * is deterministic), so a frame is also a {@link VehicleBoxView} that sensors and collision queries
 * read without copying. Index `i` is a position in this frame only; `ids[i]` is the stable id.
 */
import type { VehicleBoxView } from "../sensors/VehicleBoxView.js";
import type { BubbleZoneView } from "./BubblePhase.js";
import type { CollisionRecord, SimEvent } from "./SimEvent.js";

/** Who drives a vehicle, as frames record it (the same codes as `core/sensors/VehicleRoleCode`). */
export type VehicleRole = "traffic" | "social" | "agent";

/** Column data of a frame, as the simulation fills it. */
export interface SimFrameData {
  tick: number;
  timeS: number;
  ids: string[];
  /** Vehicle type ids. */
  typeIds: string[];
  /** Owner of each vehicle: a provider name (`local`, `sumo`, `history`) or `agent:<id>` / `social:<id>`. */
  owners: string[];
  /** `VehicleRoleCode` per vehicle. */
  roles: Uint8Array;
  x: Float64Array;
  y: Float64Array;
  headingRad: Float64Array;
  speedMps: Float64Array;
  accelerationMps2: Float64Array;
  halfLength: Float64Array;
  halfWidth: Float64Array;
  heightM: Float64Array;
  /** Lane id per vehicle where known ('' otherwise). */
  laneIds: string[];
  /** Traffic-light id → SUMO-style state string (one character per link index). */
  signals: ReadonlyMap<string, string>;
  /** Collisions that began this tick. */
  collisions: CollisionRecord[];
  /** Everything else that happened this tick, in the order it happened. */
  events: SimEvent[];
  /** Outlines of the active bubbles at this tick. @default [] */
  bubbles?: readonly BubbleZoneView[];
}

/** One tick of the simulation, read-only. */
export class SimFrame implements VehicleBoxView {
  /** Integer tick; tick 0 is the state right after reset. */
  readonly tick: number;
  /** Simulated time, `tick · dt` (s). */
  readonly timeS: number;
  readonly count: number;
  readonly ids: readonly string[];
  readonly typeIds: readonly string[];
  readonly owners: readonly string[];
  readonly roles: Uint8Array;
  /** Box centre, east (m). */
  readonly x: Float64Array;
  /** Box centre, north (m). */
  readonly y: Float64Array;
  /** Heading, counter-clockwise from east (rad). */
  readonly headingRad: Float64Array;
  /** Speed along the heading (m/s). */
  readonly speedMps: Float64Array;
  /** Longitudinal acceleration (m/s²). */
  readonly accelerationMps2: Float64Array;
  /** Half box length (m). */
  readonly halfLength: Float64Array;
  /** Half box width (m). */
  readonly halfWidth: Float64Array;
  /** Box height (m). */
  readonly heightM: Float64Array;
  readonly laneIds: readonly string[];
  readonly signals: ReadonlyMap<string, string>;
  readonly collisions: readonly CollisionRecord[];
  readonly events: readonly SimEvent[];
  /** Outlines of the active bubbles at this tick (world polygons, for viewers and replays). */
  readonly bubbles: readonly BubbleZoneView[];
  private indexById: Map<string, number> | undefined;

  constructor(data: SimFrameData) {
    this.tick = data.tick;
    this.timeS = data.timeS;
    this.count = data.ids.length;
    this.ids = data.ids;
    this.typeIds = data.typeIds;
    this.owners = data.owners;
    this.roles = data.roles;
    this.x = data.x;
    this.y = data.y;
    this.headingRad = data.headingRad;
    this.speedMps = data.speedMps;
    this.accelerationMps2 = data.accelerationMps2;
    this.halfLength = data.halfLength;
    this.halfWidth = data.halfWidth;
    this.heightM = data.heightM;
    this.laneIds = data.laneIds;
    this.signals = data.signals;
    this.collisions = data.collisions;
    this.events = data.events;
    this.bubbles = data.bubbles ?? [];
  }

  /** Position of vehicle `id` in this frame, or −1. The index map is built on first use. */
  indexOf(id: string): number {
    if (!this.indexById) {
      this.indexById = new Map();
      for (let i = 0; i < this.count; i++) this.indexById.set(this.ids[i], i);
    }
    return this.indexById.get(id) ?? -1;
  }
}
