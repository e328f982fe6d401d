/**
 * Builds one agent's observation each step from its {@link ObservationInput} (DESIGN.md §4 phase 6,
 * §7): every enabled part of the agent's observation config as fixed-size typed arrays — zero-padded,
 * with masks — so that `observationSpace(config)` contains every result. Element meanings, units and
 * frames: `observationFeatures.ts`, `vectorLayout.ts` and `docs/observations.md`.
 *
 * Cost: everything is preallocated per builder (the neighbour heap, the vector's raw values, the
 * grid sensors); a step allocates only its output — views on one fresh ArrayBuffer — and not even
 * that with `reuseBuffers`. The standard observation (ego, 8 neighbours, 3 × 50 waypoints, events,
 * vector) costs ~5 µs with 50 vehicles (~3.5 µs reusing buffers; `observationBenchmark.ts`).
 */
import type { Observation } from "../../spec/CompiledScenario.js";
import type { Lane } from "../road/Lane.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";
import { signalMeaning } from "../road/SignalSchedule.js";
import { DrivableAreaGrid } from "../sensors/DrivableAreaGrid.js";
import type { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import { Lidar } from "../sensors/Lidar.js";
import { OccupancyGrid } from "../sensors/OccupancyGrid.js";
import { TopDownRgb } from "../sensors/TopDownRgb.js";
import type { AgentObservation, MaskedPaths, ObservationInfo, ObservationResult } from "./AgentObservation.js";
import { EgoFrame } from "./EgoFrame.js";
import { NearestSelector } from "./NearestSelector.js";
import type { ObservationInput } from "./ObservationInput.js";
import {
  EGO_FEATURES,
  EVENT_FEATURES,
  JUNCTION_FOE_FEATURES,
  NEIGHBOUR_FEATURES,
  ROAD_WAYPOINT_LANES,
  WAYPOINT_FEATURES,
  WAYPOINT_PATHS,
  columns,
  junctionFeatures,
  signalFeatures,
} from "./observationFeatures.js";
import { JunctionAhead } from "./junctionAhead.js";
import { signalAhead, type SignalAheadResult } from "./signalAhead.js";
import { vectorLayout, vectorWaypointSamples, type VectorElement } from "./vectorLayout.js";
import { POINT_FLOATS, writeLanePath } from "./writeLanePath.js";

/** Options for {@link ObservationBuilder}. */
export interface ObservationBuilderOptions {
  /**
   * Return the same arrays from every build, overwritten by the next one: no allocation per step.
   * Copy what you keep (a replay buffer must). Either way, the arrays of one observation are views
   * on one shared ArrayBuffer: read them through the views, never through `.buffer`.
   * @default false
   */
  reuseBuffers?: boolean;
}

const EGO_N = EGO_FEATURES.length;
const NB_N = NEIGHBOUR_FEATURES.length;
const SIGNAL_N = signalFeatures(1).length;
const JUNCTION_N = junctionFeatures(1).length;
const FOE_N = JUNCTION_FOE_FEATURES.length;
/** Column indices. */
const E = columns(EGO_FEATURES);
const N = columns(NEIGHBOUR_FEATURES);
const W = columns(WAYPOINT_FEATURES);

export class ObservationBuilder {
  /** The observation config this builder serves. */
  readonly config: Observation;
  /** The vector's layout (empty when the vector is off). */
  readonly vectorLayout: readonly VectorElement[];
  private readonly reuse: boolean;
  private reused: AgentObservation | undefined;
  private readonly ego = new EgoFrame();
  /** Ego features in `EGO_FEATURES` order, float64, every step (the vector reads them too). */
  private readonly egoRaw = new Float64Array(EGO_N);
  /** Last `goalLaneOffset` answer: the goal is fixed per episode, the lane changes rarely. */
  private readonly goalLaneCache: { lane: Lane | undefined; gx: number; gy: number; offsetM: number } = {
    lane: undefined,
    gx: Number.NaN,
    gy: Number.NaN,
    offsetM: 0,
  };
  private readonly selector: NearestSelector | undefined;
  private readonly junctionAhead: JunctionAhead | undefined;
  private readonly signal: SignalAheadResult = { connection: undefined, distanceM: 0 };
  private readonly vectorScale: Float64Array;
  private readonly vectorRaw: Float64Array;
  private readonly waypointSamples: readonly number[];
  private readonly occupancyGrid: OccupancyGrid | undefined;
  // Sensors that read the drivable-area map, rebuilt if a different map arrives.
  private sensorMap: DrivableAreaMap | undefined;
  private drivableGrid: DrivableAreaGrid | undefined;
  private rgbRaster: TopDownRgb | undefined;
  private lidar: Lidar | undefined;
  private sensorsReady = false;
  /** Bytes of one observation's arrays (0 until the first allocation measured them). */
  private arenaBytes = 0;

  constructor(config: Observation, options: ObservationBuilderOptions = {}) {
    this.config = config;
    this.reuse = options.reuseBuffers ?? false;
    this.vectorLayout = config.vector.enabled ? vectorLayout(config) : [];
    this.vectorScale = Float64Array.from(this.vectorLayout, (e) => e.scale);
    this.vectorRaw = new Float64Array(this.vectorLayout.length);
    this.waypointSamples = vectorWaypointSamples(config.waypoints.lookahead);
    if (config.neighbours.enabled) this.selector = new NearestSelector(config.neighbours.max);
    if (config.junction.enabled)
      this.junctionAhead = new JunctionAhead(config.junction.lookaheadM, config.junction.maxFoes);
    if (config.occupancy.enabled) {
      const g = config.occupancy;
      this.occupancyGrid = new OccupancyGrid({ width: g.width, height: g.height, cellM: g.resolutionM });
    }
  }

  /** The observation of `input` and its non-numeric side. */
  build(input: ObservationInput): ObservationResult {
    const out = this.outputs();
    const st = input.ego.state;
    this.ego.set(st.x, st.y, st.headingRad);
    this.computeEgo(input);
    const lane = input.lane;
    const info: ObservationInfo = {
      roadId: lane ? lane.road.id : null,
      laneId: lane ? lane.id : null,
      neighbourIds: [],
      signal: null,
    };

    if (out.ego) out.ego.set(this.egoRaw);
    if (out.neighbours) this.writeNeighbours(input, out.neighbours.features, out.neighbours.mask, info.neighbourIds);
    if (out.waypoints) this.writeWaypoints(input, out.waypoints);
    if (out.roadWaypoints) this.writeRoadWaypoints(input, out.roadWaypoints);
    if (out.signals) info.signal = this.writeSignal(input, out.signals);
    if (out.junction)
      this.junctionAhead!.write(
        input.net,
        input.lane,
        Math.max(0, finite(input.laneS)),
        input.routeRoads,
        input.frame,
        input.egoIndex,
        this.ego,
        out.junction.link,
        out.junction.foes.features,
        out.junction.foes.mask,
      );
    if (out.events) this.writeEvents(input, out.events);
    if (out.drivableArea || out.rgb || out.lidar) this.prepareMapSensors(input.drivableArea);
    if (out.drivableArea) this.drivableGrid!.render(st, out.drivableArea);
    if (out.occupancy) this.occupancyGrid!.render(st, input.frame, input.egoIndex, out.occupancy);
    if (out.rgb) this.rgbRaster!.render(st, input.frame, input.egoIndex, input.frame.roles, out.rgb);
    if (out.lidar) this.lidar!.scan(st, input.frame, input.egoIndex, out.lidar.distances, out.lidar.kinds);
    if (out.vector) this.writeVector(out);
    return { observation: out, info };
  }

  /** Fresh zeroed output arrays, or the reused ones with their padded parts zeroed. */
  private outputs(): AgentObservation {
    if (!this.reuse) return this.allocate();
    if (!this.reused) this.reused = this.allocate();
    const o = this.reused;
    // Parts with padding must start from zero; the others are overwritten whole.
    o.neighbours?.features.fill(0);
    o.neighbours?.mask.fill(0);
    o.waypoints?.points.fill(0);
    o.waypoints?.mask.fill(0);
    o.roadWaypoints?.points.fill(0);
    o.roadWaypoints?.mask.fill(0);
    o.junction?.link.fill(0);
    o.junction?.foes.features.fill(0);
    o.junction?.foes.mask.fill(0);
    return o;
  }

  private allocate(): AgentObservation {
    const c = this.config;
    const a = new ViewArena(this.arenaBytes);
    const o: AgentObservation = {};
    if (c.ego.enabled) o.ego = a.f32(EGO_N);
    if (c.neighbours.enabled) o.neighbours = { features: a.f32(c.neighbours.max * NB_N), mask: a.u8(c.neighbours.max) };
    if (c.waypoints.enabled) o.waypoints = paths(a, WAYPOINT_PATHS, c.waypoints.lookahead);
    if (c.roadWaypoints.enabled) o.roadWaypoints = paths(a, ROAD_WAYPOINT_LANES, c.roadWaypoints.horizon);
    if (c.signals.enabled) o.signals = a.f32(SIGNAL_N);
    if (c.junction.enabled)
      o.junction = {
        link: a.f32(JUNCTION_N),
        foes: { features: a.f32(c.junction.maxFoes * FOE_N), mask: a.u8(c.junction.maxFoes) },
      };
    if (c.events.enabled) o.events = a.u8(EVENT_FEATURES.length);
    if (c.drivableArea.enabled) o.drivableArea = a.u8(c.drivableArea.width * c.drivableArea.height);
    if (c.occupancy.enabled) o.occupancy = a.u8(c.occupancy.width * c.occupancy.height);
    if (c.rgb.enabled) o.rgb = a.u8(c.rgb.width * c.rgb.height * 3);
    if (c.lidar.enabled) o.lidar = { distances: a.f32(c.lidar.rays), kinds: a.u8(c.lidar.rays) };
    if (c.vector.enabled) o.vector = a.f32(this.vectorLayout.length);
    this.arenaBytes = a.used;
    return o;
  }

  /** `EGO_FEATURES` into `egoRaw` (unknown values 0, flags say which are known). */
  private computeEgo(input: ObservationInput): void {
    const e = this.egoRaw;
    const st = input.ego.state;
    const h = wrapAngleRad(st.headingRad);
    const sh = this.ego.sin,
      ch = this.ego.cos;
    e[E.x] = finite(st.x);
    e[E.y] = finite(st.y);
    e[E.headingRad] = finite(h);
    e[E.speedMps] = finite(st.speedMps);
    e[E.lateralSpeedMps] = finite(-st.vxMps * sh + st.vyMps * ch);
    e[E.accelerationMps2] = finite(st.accelerationMps2);
    e[E.jerkMps3] = finite(input.ego.jerkMps3);
    e[E.yawRateRadps] = finite(st.yawRateRadps);
    e[E.steeringRad] = finite(st.steeringRad);
    const lane = input.lane;
    const s = finite(input.laneS);
    if (lane) {
      const cl = lane.centreline;
      e[E.onLane] = 1;
      e[E.laneIndex] = lane.index;
      e[E.laneCount] = lane.road.lanes.length;
      e[E.inJunction] = lane.isInternal ? 1 : 0;
      e[E.laneS] = s;
      e[E.laneT] = finite(input.laneT);
      e[E.laneHeadingErrorRad] = finite(wrapAngleRad(h - cl.segmentHeading(cl.segmentAt(s))));
      e[E.laneWidthM] = lane.widthM;
      e[E.speedLimitMps] = lane.speedLimitMps;
    } else {
      e[E.onLane] =
        e[E.laneCount] =
        e[E.inJunction] =
        e[E.laneS] =
        e[E.laneT] =
        e[E.laneHeadingErrorRad] =
        e[E.laneWidthM] =
        e[E.speedLimitMps] =
          0;
      e[E.laneIndex] = -1;
    }
    const routeKnown = Number.isFinite(input.routeLengthM);
    const onRoute = routeKnown && Number.isFinite(input.routePositionM);
    e[E.onRoute] = onRoute ? 1 : 0;
    e[E.routePositionM] = onRoute ? input.routePositionM : 0;
    e[E.routeLengthM] = routeKnown ? Math.max(0, input.routeLengthM) : 0;
    e[E.routeRemainingM] = onRoute ? input.routeLengthM - input.routePositionM : 0;
    const goal = input.goal;
    if (goal && Number.isFinite(goal.x) && Number.isFinite(goal.y)) {
      e[E.hasGoal] = 1;
      e[E.goalX] = this.ego.forward(goal.x, goal.y);
      e[E.goalY] = this.ego.left(goal.x, goal.y);
      e[E.goalDistanceM] = Math.hypot(goal.x - st.x, goal.y - st.y);
      e[E.goalLaneOffsetM] = lane ? this.goalLaneOffset(lane, goal.x, goal.y) : 0;
    } else {
      e[E.hasGoal] = e[E.goalX] = e[E.goalY] = e[E.goalDistanceM] = e[E.goalLaneOffsetM] = 0;
    }
    const steps = Math.max(0, finite(input.stepsTaken));
    e[E.stepsTaken] = steps;
    e[E.stepsFraction] = input.maxSteps !== null && input.maxSteps > 0 ? Math.min(1, steps / input.maxSteps) : 0;
  }

  /**
   * The goal's lateral offset from `lane`'s centreline (m, left positive) when its foot point lies
   * within the lane's length (±1 m, as a goal at a lane's end projects just past it) and it is on
   * the lane's road (|t| ≤ (lanes − ½) · width, so a lane of the opposite road does not count);
   * 0 otherwise and inside junctions. The goal is fixed for an episode, so the projection is
   * cached per lane.
   */
  private goalLaneOffset(lane: Lane, gx: number, gy: number): number {
    const c = this.goalLaneCache;
    if (c.lane === lane && c.gx === gx && c.gy === gy) return c.offsetM;
    let offsetM = 0;
    if (!lane.isInternal) {
      const p = lane.toLane(gx, gy);
      const span = (lane.road.lanes.length - 0.5) * lane.widthM;
      if (p.s >= -1 && p.s <= lane.centreline.length + 1 && Math.abs(p.t) <= span) offsetM = finite(p.t);
    }
    c.lane = lane;
    c.gx = gx;
    c.gy = gy;
    c.offsetM = offsetM;
    return offsetM;
  }

  private writeNeighbours(input: ObservationInput, features: Float32Array, mask: Uint8Array, ids: string[]): void {
    const sel = this.selector!;
    const f = input.frame;
    const ex = this.ego.x,
      ey = this.ego.y;
    const r = this.config.neighbours.radiusM;
    const r2 = r * r;
    const xs = f.x,
      ys = f.y,
      egoIndex = input.egoIndex;
    sel.reset(f.ids);
    for (let i = 0; i < f.count; i++) {
      if (i === egoIndex) continue;
      const dx = xs[i] - ex,
        dy = ys[i] - ey;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) sel.offer(i, d2);
    }
    const n = sel.finish();
    const ego = this.ego;
    const egoSpeed = finite(input.ego.state.speedMps);
    for (let k = 0; k < n; k++) {
      const i = sel.order[k];
      const o = k * NB_N;
      const rel = f.headingRad[i] - ego.headingRad;
      const v = f.speedMps[i];
      features[o + N.x] = ego.forward(xs[i], ys[i]);
      features[o + N.y] = ego.left(xs[i], ys[i]);
      features[o + N.distanceM] = Math.hypot(xs[i] - ex, ys[i] - ey);
      features[o + N.relHeadingRad] = wrapAngleRad(rel);
      features[o + N.speedMps] = v;
      features[o + N.relVx] = v * Math.cos(rel) - egoSpeed;
      features[o + N.relVy] = v * Math.sin(rel);
      features[o + N.lengthM] = 2 * f.halfLength[i];
      features[o + N.widthM] = 2 * f.halfWidth[i];
      features[o + N.role] = f.roles[i];
      mask[k] = 1;
      ids.push(f.ids[i]);
    }
  }

  private writeWaypoints(input: ObservationInput, out: MaskedPaths): void {
    const lane = input.lane;
    if (!lane) return;
    const { lookahead, spacingM } = this.config.waypoints;
    const s = Math.max(0, finite(input.laneS));
    if (lane.isInternal) {
      writeLanePath(
        input.net,
        lane,
        s,
        input.routeRoads,
        spacingM,
        lookahead,
        this.ego,
        out.points,
        out.mask,
        lookahead,
      );
      return;
    }
    const p = lane.toWorld(s);
    for (let slot = 0; slot < WAYPOINT_PATHS; slot++) {
      const start = slot === 1 ? lane : slot === 0 ? lane.right : lane.left;
      if (!start) continue;
      const s0 = start === lane ? s : start.toLane(p.x, p.y).s;
      writeLanePath(
        input.net,
        start,
        Math.max(0, s0),
        input.routeRoads,
        spacingM,
        lookahead,
        this.ego,
        out.points,
        out.mask,
        slot * lookahead,
      );
    }
  }

  private writeRoadWaypoints(input: ObservationInput, out: MaskedPaths): void {
    const lane = input.lane;
    if (!lane) return;
    const horizon = this.config.roadWaypoints.horizon;
    const spacingM = this.config.waypoints.spacingM;
    const s = Math.max(0, finite(input.laneS));
    const p = lane.toWorld(s);
    const lanes = lane.road.lanes;
    for (let k = 0; k < lanes.length && k < ROAD_WAYPOINT_LANES; k++) {
      const start = lanes[k];
      const s0 = start === lane ? s : start.toLane(p.x, p.y).s;
      writeLanePath(
        input.net,
        start,
        Math.max(0, s0),
        NO_ROUTE,
        spacingM,
        horizon,
        this.ego,
        out.points,
        out.mask,
        k * horizon,
      );
    }
  }

  private writeSignal(input: ObservationInput, out: Float32Array): ObservationInfo["signal"] {
    const lookaheadM = this.config.signals.lookaheadM;
    out.fill(0);
    out[1] = lookaheadM;
    const lane = input.lane;
    if (!lane) return null;
    const found = signalAhead(
      input.net,
      lane,
      Math.max(0, finite(input.laneS)),
      input.routeRoads,
      lookaheadM,
      this.signal,
    );
    const c = found.connection;
    if (!c || c.tlId === undefined || c.linkIndex === undefined) return null;
    const state = input.frame.signals.get(c.tlId);
    const ch = state !== undefined && c.linkIndex < state.length ? state[c.linkIndex] : "";
    const meaning = ch === "" ? "off" : signalMeaning(ch);
    out[0] = 1;
    out[1] = Math.min(found.distanceM, lookaheadM);
    out[meaning === "go" ? 2 : meaning === "yield" ? 3 : meaning === "stop" ? 4 : 5] = 1;
    return { tlId: c.tlId, linkIndex: c.linkIndex, state: ch };
  }

  private writeEvents(input: ObservationInput, out: Uint8Array): void {
    const e = input.events;
    out[0] = e.collision ? 1 : 0;
    out[1] = e.offRoad ? 1 : 0;
    out[2] = e.onShoulder ? 1 : 0;
    out[3] = e.offRoute ? 1 : 0;
    out[4] = e.wrongWay ? 1 : 0;
    out[5] = e.notMoving ? 1 : 0;
    out[6] = e.reachedGoal ? 1 : 0;
    out[7] = e.reachedMaxSteps ? 1 : 0;
    out[8] = Math.min(255, e.viaPointsHit.length);
  }

  private prepareMapSensors(map: DrivableAreaMap | undefined): void {
    const c = this.config;
    if ((c.drivableArea.enabled || c.rgb.enabled) && !map) {
      throw new Error(
        "ObservationBuilder: drivableArea or rgb is enabled but the observation input carries no drivableArea map",
      );
    }
    if (this.sensorsReady && map === this.sensorMap) return;
    this.sensorMap = map;
    this.sensorsReady = true;
    if (map && c.drivableArea.enabled) {
      const g = c.drivableArea;
      this.drivableGrid = new DrivableAreaGrid(map, { width: g.width, height: g.height, cellM: g.resolutionM });
    }
    if (map && c.rgb.enabled) {
      const g = c.rgb;
      this.rgbRaster = new TopDownRgb(map, { width: g.width, height: g.height, cellM: g.resolutionM });
    }
    if (c.lidar.enabled) this.lidar = new Lidar(map, { rays: c.lidar.rays, rangeM: c.lidar.rangeM });
  }

  /** The vector in `vectorLayout` order: raw values, then scaled and clipped. */
  private writeVector(out: AgentObservation): void {
    const c = this.config;
    const raw = this.vectorRaw;
    const e = this.egoRaw;
    let k = 0;
    // ego (see vectorLayout for the order)
    raw[k++] = e[E.speedMps];
    raw[k++] = e[E.lateralSpeedMps];
    raw[k++] = e[E.accelerationMps2];
    raw[k++] = e[E.jerkMps3];
    raw[k++] = e[E.yawRateRadps];
    raw[k++] = e[E.steeringRad];
    raw[k++] = e[E.onLane];
    raw[k++] = Math.max(0, e[E.laneIndex]);
    raw[k++] = e[E.laneCount];
    raw[k++] = e[E.inJunction];
    raw[k++] = e[E.laneT];
    raw[k++] = e[E.laneHeadingErrorRad];
    raw[k++] = e[E.speedLimitMps];
    // route and goal
    const dist = e[E.goalDistanceM];
    raw[k++] = e[E.onRoute];
    raw[k++] = e[E.onRoute] && e[E.routeLengthM] > 0 ? e[E.routePositionM] / e[E.routeLengthM] : 0;
    raw[k++] = e[E.routeRemainingM];
    raw[k++] = e[E.hasGoal];
    raw[k++] = dist > 0 ? e[E.goalX] / dist : 0;
    raw[k++] = dist > 0 ? e[E.goalY] / dist : 0;
    raw[k++] = dist;
    raw[k++] = e[E.goalLaneOffsetM];
    raw[k++] = e[E.stepsFraction];
    if (c.neighbours.enabled) {
      const { features, mask } = out.neighbours!;
      for (let i = 0; i < c.neighbours.max; i++) {
        const o = i * NB_N;
        const present = mask[i];
        raw[k++] = present;
        raw[k++] = features[o + N.x];
        raw[k++] = features[o + N.y];
        raw[k++] = features[o + N.relVx];
        raw[k++] = features[o + N.relVy];
        raw[k++] = present ? Math.sin(features[o + N.relHeadingRad]) : 0;
        raw[k++] = present ? Math.cos(features[o + N.relHeadingRad]) : 0;
        raw[k++] = features[o + N.lengthM];
        raw[k++] = features[o + N.widthM];
      }
    }
    if (c.waypoints.enabled) {
      const { points, mask } = out.waypoints!;
      const L = c.waypoints.lookahead;
      for (let p = 0; p < WAYPOINT_PATHS; p++) {
        for (const j of this.waypointSamples) {
          const q = p * L + j;
          const o = q * POINT_FLOATS;
          raw[k++] = mask[q];
          raw[k++] = points[o + W.x];
          raw[k++] = points[o + W.y];
          raw[k++] = points[o + W.relHeadingRad];
        }
      }
    }
    if (c.signals.enabled) {
      const s = out.signals!;
      for (let i = 0; i < SIGNAL_N; i++) raw[k++] = s[i];
    }
    if (c.events.enabled) {
      const ev = out.events!;
      for (let i = 0; i < EVENT_FEATURES.length; i++) raw[k++] = ev[i];
    }
    if (k !== raw.length)
      throw new Error(`ObservationBuilder: vector filled ${k} of ${raw.length} elements (layout and builder disagree)`);
    const vec = out.vector!;
    const scale = this.vectorScale;
    for (let i = 0; i < k; i++) {
      const v = raw[i] / scale[i];
      vec[i] = v > 1 ? 1 : v < -1 ? -1 : v === v ? v : 0;
    }
  }
}

const NO_ROUTE: readonly never[] = [];

function paths(a: ViewArena, count: number, points: number): MaskedPaths {
  return { points: a.f32(count * points * POINT_FLOATS), mask: a.u8(count * points) };
}

/**
 * Typed-array views carved out of one zeroed ArrayBuffer: one backing store per observation instead
 * of one per array (each off-heap allocation costs about a microsecond). Sized by a first,
 * measuring pass (`bytes` 0: views get their own buffers while `used` counts).
 */
class ViewArena {
  private readonly buffer: ArrayBuffer | undefined;
  used = 0;

  constructor(bytes: number) {
    this.buffer = bytes > 0 ? new ArrayBuffer(bytes) : undefined;
  }

  f32(n: number): Float32Array {
    this.used = (this.used + 3) & ~3;
    const v = this.buffer ? new Float32Array(this.buffer, this.used, n) : new Float32Array(n);
    this.used += 4 * n;
    return v;
  }

  u8(n: number): Uint8Array {
    const v = this.buffer ? new Uint8Array(this.buffer, this.used, n) : new Uint8Array(n);
    this.used += n;
    return v;
  }
}

/** `v`, or 0 when NaN or infinite (the spaces require finite numbers). */
function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}
