/**
 * The traffic-history provider (DESIGN.md §5): replays recorded vehicles (a {@link TrajectorySet},
 * or a trajectory file in our format, NGSIM or INTERACTION) as traffic. At tick k, dataset time
 * `startS + k · dt` (computed from the integer tick, never accumulated), every recorded vehicle
 * active then and not released is reported with its interpolated pose (box centre), speed,
 * acceleration and nearest lane. A vehicle appears at the first tick inside its recorded span and
 * leaves (the simulation sees an arrival) at the first tick after it. The replay ignores everyone
 * else: recorded drivers cannot react to agents.
 *
 * Replacing a recorded vehicle by an agent: `release(id)` stops reporting the vehicle for the rest of
 * the episode, however long its track goes on (a released vehicle is never revived), and may come
 * before the vehicle appears (see `historyVehicleStart`). Hand-back is refused (`canAccept` is false):
 * a recorded track cannot continue from an arbitrary pose, so the simulation offers such a vehicle
 * to the next provider (the local one).
 *
 * - Acceleration is the finite difference of speed over the step, `(v(k) − v(k−1)) / dt`, with
 *   v(k−1) the speed reported at the previous tick, or read from the recording when the vehicle was
 *   not reported then (the first tick of an episode); 0 when the track had not begun at k−1.
 * - Lane: the nearest lane centreline within {@link LANE_SEARCH_RADIUS_M} (internal lanes included),
 *   '' when none: `network.nearestLane(x, y, { maxDistM: 5 })`, through the allocation-free segment
 *   query of the same index.
 * - Type: the recorded type when the scenario defines it, otherwise `passenger`; which recorded
 *   types fell back is kept ({@link TrafficHistoryProvider.fallbackTypes}). The simulation sizes
 *   boxes by type, so a vehicle's recorded length and width are not used.
 * - Order: sorted by recorded id (UTF-16 code units), which is the order of the simulation ids too
 *   since all share the prefix.
 * - Allocation: one state object per recorded vehicle, made at setup and reused every tick; one
 *   reused output array; per tick only the active-id list of {@link TrajectorySet.activeAt}.
 */
import { createHash } from "node:crypto";
import { InputFileError, readInputText } from "../../spec/readInputFile.js";
import { resolve } from "node:path";
import { z } from "zod";
import { createKinematicPose } from "../../spec/KinematicPose.js";
import type { LaneSpatialIndex } from "../../core/road/LaneSpatialIndex.js";
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../../core/simulation/TrafficProvider.js";
import { readTrajectoryFile, readTrajectoryText } from "../../spec/trajectory/readTrajectoryFile.js";
import {
  resolveTrafficHistoryProviderOptions,
  type ResolvedTrafficHistoryProviderOptions,
  type TrafficHistoryProviderOptions,
} from "./TrafficHistoryProviderOptions.js";
import { TrajectorySet } from "../../spec/trajectory/TrajectorySet.js";

/** How far from a lane centreline (m) a replayed vehicle still counts as on that lane. */
export const LANE_SEARCH_RADIUS_M = 5;

/** The vehicle type that recorded types unknown to the scenario become. */
export const FALLBACK_VEHICLE_TYPE = "passenger";

/** Schema of {@link TrafficHistorySnapshot}: restore's input is checked, it may come from a file. */
export const TrafficHistorySnapshotSchema = z.object({
  /** The tick of the reported state. */
  tick: z.number().int().nonnegative(),
  /** Simulation ids of the released vehicles, sorted. */
  released: z.array(z.string()),
  /** The reported vehicles: `[simulation id, speed (m/s), acceleration (m/s²)]`, in report order. */
  vehicles: z.array(z.tuple([z.string(), z.number(), z.number()])),
});

/** The provider's state as plain data (see {@link TrafficHistoryProvider.snapshot}). */
export type TrafficHistorySnapshot = z.infer<typeof TrafficHistorySnapshotSchema>;

/** `Tracked.reportedTick` of a vehicle not reported yet: never `tick − 1`, not even at tick 0. */
const NEVER = Number.NEGATIVE_INFINITY;

/** One recorded vehicle's runtime state. */
interface Tracked {
  /** What `vehicles()` reports; the same object all episode. */
  readonly state: ProviderVehicleState;
  /** Last tick it was reported at; {@link NEVER}: not reported yet (or not since a restore). */
  reportedTick: number;
  /** Released to another owner: never reported again this episode. */
  released: boolean;
}

/** The recording as replayed: filtered, with its time origin. */
interface Recording {
  readonly set: TrajectorySet;
  /** Dataset time of tick 0 (s). */
  readonly startS: number;
  /** Added to every recorded position (m). */
  readonly offsetM: readonly [number, number];
}

/** Which vehicles of a recording are replayed, and where and when. */
interface Placement {
  idFilter?: string;
  startS?: number;
  offsetM?: readonly [number, number];
}

/** Replays recorded trajectories as traffic. */
export class TrafficHistoryProvider implements TrafficProvider {
  readonly name: string;
  private readonly options: ResolvedTrafficHistoryProviderOptions;
  /** The recording, once loaded (at construction for `set`, at the first setup for `file`). */
  private recordingValue: Recording | undefined;
  /** Resolved path the recording was read from (a scenario folder change re-reads); from the scenario, the path and placement. */
  private loadedPath: string | undefined;
  private lanes: LaneSpatialIndex | undefined;
  private dtS = 0.1;
  private tickValue = 0;
  private readonly tracked = new Map<string, Tracked>();
  private readonly list: ProviderVehicleState[] = [];
  private fallbacks: string[] = [];
  private readonly _pose = createKinematicPose();

  /**
   * @param options the recording (`set`, or `file` + `format`) and how to place it; see
   *   {@link TrafficHistoryProviderOptions}
   * @throws Error listing invalid options, or when `idFilter` selects no vehicle of `set`
   */
  constructor(options: TrafficHistoryProviderOptions) {
    this.options = resolveTrafficHistoryProviderOptions(options);
    this.name = this.options.name;
    if (this.options.set) this.recordingValue = this.select(this.options.set, this.options);
  }

  /** The replayed recording (after `idFilter`); throws before a `file` recording was loaded by setup. */
  get recording(): TrajectorySet {
    return this.loaded().set;
  }

  /** Dataset time (s) that simulation time 0 maps to; throws before a `file` recording was loaded. */
  get startS(): number {
    return this.loaded().startS;
  }

  /** The tick of the reported state. */
  get tick(): number {
    return this.tickValue;
  }

  /** Recorded type names the scenario does not define, replayed as `passenger` (sorted; set at setup). */
  fallbackTypes(): readonly string[] {
    return this.fallbacks;
  }

  /** The simulation id of recorded vehicle `recordedId`. */
  vehicleId(recordedId: string): string {
    return this.options.idPrefix + recordedId;
  }

  /**
   * Loads the recording (first time only, for a file), maps types, and reports the vehicles of tick 0.
   * @throws FileFormatError (`file:line:col`) for a malformed file; Error for an unreadable one, or
   *   when `idFilter` selects no vehicle
   */
  async setup(setup: ProviderSetup): Promise<void> {
    const o = this.options;
    if (o.file !== undefined) {
      const path = resolve(setup.scenarioDir, o.file);
      if (this.loadedPath !== path) {
        this.recordingValue = this.select(await readTrajectoryFile(path, o.format!), o);
        this.loadedPath = path;
      }
    } else if (o.fromScenario) await this.loadFromScenario(setup);
    const { set } = this.loaded();
    this.lanes = setup.network.spatialIndex(true);
    this.dtS = setup.dtS;
    const known = new Set(setup.vehicleTypes.map((t) => t.name));
    if (!known.has(FALLBACK_VEHICLE_TYPE)) {
      throw new Error(
        `history provider "${this.name}": the scenario has no "${FALLBACK_VEHICLE_TYPE}" vehicle type to replay unknown types as`,
      );
    }
    const fallbacks = new Set<string>();
    this.tracked.clear();
    for (const id of set.vehicleIds()) {
      const type = set.track(id).type;
      let typeId = type;
      if (!known.has(type)) {
        fallbacks.add(type);
        typeId = FALLBACK_VEHICLE_TYPE;
      }
      const state: ProviderVehicleState = {
        id: this.vehicleId(id),
        typeId,
        x: 0,
        y: 0,
        headingRad: 0,
        speedMps: 0,
        accelerationMps2: 0,
        laneId: "",
      };
      this.tracked.set(id, { state, reportedTick: NEVER, released: false });
    }
    this.fallbacks = [...fallbacks].sort();
    // Vehicles agents drive instead: released before they appear.
    for (const id of setup.excludedIds ?? []) {
      const t = this.trackedBySimId(id);
      if (t) t.released = true;
    }
    this.report(0);
  }

  /** Moves to tick `step.tick`: vehicles whose track has begun appear, those whose track has ended leave. */
  step(step: ProviderStep): void {
    this.report(step.tick);
  }

  /** The vehicles of the current tick, sorted by id. The array is reused. */
  vehicles(): readonly ProviderVehicleState[] {
    return this.list;
  }

  /** Always false: a recorded track cannot continue from an arbitrary pose. */
  canAccept(_vehicle: HandoverVehicle): boolean {
    return false;
  }

  /** Always throws: the provider takes no vehicles (see {@link canAccept}). */
  add(vehicle: HandoverVehicle): void {
    throw new Error(
      `history provider "${this.name}" cannot take over vehicle "${vehicle.id}": recorded tracks cannot continue from another pose (canAccept is always false)`,
    );
  }

  /**
   * Stops reporting vehicle `id` (a simulation id) for the rest of the episode, whether it is on the
   * road now or appears later.
   * @throws Error when no recorded vehicle has that id
   */
  release(id: string): void {
    const t = this.trackedBySimId(id);
    if (!t) throw new Error(`history provider "${this.name}": cannot release "${id}": no recorded vehicle has that id`);
    if (t.released) return;
    t.released = true;
    const i = this.list.indexOf(t.state);
    if (i >= 0) this.list.splice(i, 1);
  }

  /** The tick, the released vehicles and the reported speeds and accelerations, as plain data. */
  snapshot(): TrafficHistorySnapshot {
    const released: string[] = [];
    for (const t of this.tracked.values()) if (t.released) released.push(t.state.id);
    released.sort();
    return { tick: this.tickValue, released, vehicles: this.list.map((v) => [v.id, v.speedMps, v.accelerationMps2]) };
  }

  /**
   * Returns to a {@link snapshot} of this provider (after `setup`, on the same recording): poses and
   * lanes are recomputed from the recording, speeds and accelerations taken from the snapshot.
   * @throws Error when the state is malformed or does not fit the recording
   */
  restore(state: unknown): void {
    const r = TrafficHistorySnapshotSchema.safeParse(state);
    if (!r.success)
      throw new Error(`history provider "${this.name}": not a snapshot of this provider:\n${z.prettifyError(r.error)}`);
    if (!this.lanes) throw new Error(`history provider "${this.name}": setup() before restore()`);
    const s = r.data;
    for (const t of this.tracked.values()) {
      t.released = false;
      t.reportedTick = NEVER;
    }
    for (const id of s.released) {
      const t = this.trackedBySimId(id);
      if (!t)
        throw new Error(
          `history provider "${this.name}": snapshot releases "${id}", which the recording does not have`,
        );
      t.released = true;
    }
    this.report(s.tick);
    const list = this.list;
    if (list.length !== s.vehicles.length || list.some((v, i) => v.id !== s.vehicles[i][0])) {
      throw new Error(
        `history provider "${this.name}": snapshot's vehicles at tick ${s.tick} (${s.vehicles.length}) are not the recording's (${list.length}); was it taken on another recording or start time?`,
      );
    }
    for (let i = 0; i < list.length; i++) {
      list[i].speedMps = s.vehicles[i][1];
      list[i].accelerationMps2 = s.vehicles[i][2];
    }
  }

  /** Reports nothing until the next setup; the loaded recording is kept for the next episode. */
  teardown(): void {
    this.list.length = 0;
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Fills `list` with the vehicles of `tick` (see the file comment for each field). */
  private report(tick: number): void {
    const { set, startS } = this.loaded();
    const lanes = this.lanes!;
    const dtS = this.dtS;
    const [ox, oy] = this.loaded().offsetM;
    const pose = this._pose;
    const timeS = startS + tick * dtS;
    const prevTimeS = startS + (tick - 1) * dtS;
    const list = this.list;
    list.length = 0;
    for (const id of set.activeAt(timeS)) {
      const t = this.tracked.get(id)!;
      if (t.released) continue;
      const v = t.state;
      let prevSpeed: number;
      if (t.reportedTick === tick - 1) prevSpeed = v.speedMps;
      else if (set.sampleAt(id, prevTimeS, pose)) prevSpeed = pose.speedMps;
      else prevSpeed = NaN;
      set.sampleAt(id, timeS, pose);
      v.x = pose.xM + ox;
      v.y = pose.yM + oy;
      v.headingRad = pose.headingRad;
      v.speedMps = pose.speedMps;
      v.accelerationMps2 = Number.isNaN(prevSpeed) ? 0 : (pose.speedMps - prevSpeed) / dtS;
      const seg = lanes.nearestSegment(v.x, v.y, LANE_SEARCH_RADIUS_M);
      v.laneId = seg < 0 ? "" : lanes.laneOfSegment(seg).id;
      t.reportedTick = tick;
      list.push(v);
    }
    this.tickValue = tick;
  }

  private loaded(): Recording {
    if (!this.recordingValue)
      throw new Error(
        `history provider "${this.name}": the recording ${this.options.file ?? ""} is read at setup(); call setup() first`,
      );
    return this.recordingValue;
  }

  /**
   * The recording this episode's traffic set names (none: no vehicles), read when it differs from the
   * last episode's; the file must be the one the scenario was compiled with.
   */
  private async loadFromScenario(setup: ProviderSetup): Promise<void> {
    const h = setup.traffic.history;
    if (h === null) {
      this.recordingValue = { set: new TrajectorySet([]), startS: 0, offsetM: [0, 0] };
      this.loadedPath = undefined;
      return;
    }
    const path = resolve(setup.scenarioDir, h.path);
    const key = JSON.stringify([path, h]);
    if (this.loadedPath === key) return;
    let text: string;
    try {
      text = readInputText(path);
    } catch (e) {
      throw new Error(
        `history provider "${this.name}": cannot read the ${h.format} trajectory file ${path}: ${e instanceof InputFileError ? e.reason : (e as Error).message}`,
        { cause: e },
      );
    }
    if (createHash("sha256").update(text).digest("hex") !== h.sha256) {
      throw new Error(
        `history provider "${this.name}": the trajectory file ${path} changed since the scenario was compiled; compile the scenario again`,
      );
    }
    this.recordingValue = this.select(readTrajectoryText(text, path, h.format), {
      idFilter: h.idFilter ?? undefined,
      startS: h.startS ?? undefined,
      offsetM: h.offsetM,
    });
    this.loadedPath = key;
  }

  /** `set` narrowed to `o.idFilter`, with its time origin and offset. */
  private select(set: TrajectorySet, o: Placement): Recording {
    let chosen = set;
    if (o.idFilter !== undefined) {
      const prefix = o.idFilter;
      const ids = set.vehicleIds().filter((id) => id.startsWith(prefix));
      if (ids.length === 0) {
        const some = set.vehicleIds().slice(0, 5).join(", ");
        throw new Error(
          `history provider "${this.name}": no recorded vehicle id starts with "${prefix}" (${set.size} vehicles${some ? `, e.g. ${some}` : ""})`,
        );
      }
      chosen = new TrajectorySet(ids.map((id) => set.track(id)));
    }
    return { set: chosen, startS: o.startS ?? chosen.timeSpanS()?.startS ?? 0, offsetM: o.offsetM ?? [0, 0] };
  }

  private trackedBySimId(id: string): Tracked | undefined {
    const prefix = this.options.idPrefix;
    return id.startsWith(prefix) ? this.tracked.get(id.slice(prefix.length)) : undefined;
  }
}
