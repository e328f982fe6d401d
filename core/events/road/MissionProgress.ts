/**
 * One agent vehicle's mission progress and road events, updated once per step (DESIGN.md §4,
 * phase 4; §7 done criteria and default reward).
 *
 * Each step the vehicle is localised on the network: the lane it was on last step is kept while the
 * vehicle's centre still lies on that lane's surface (so a vehicle in the overlap of two junction
 * connectors keeps its connector), otherwise the nearest lane, internal lanes included, is taken.
 * From the pose and that lane come the events ({@link Events}) and the route position: metres along
 * the route (road lengths plus junction connector lengths, see {@link RouteArcLength}), whose change
 * this step is the default reward.
 *
 * Definitions (all distances in metres, in the world frame):
 * - road surface: a point within `width / 2 + roadEdgeToleranceM` of the centreline of its nearest
 *   lane, where that lane admits the vehicle's class, or inside the outline of a junction at either
 *   end of that lane's road;
 * - shoulder surface: a point on a roadside strip that counts as shoulder (OpenDRIVE shoulder,
 *   border and restricted lanes; `RoadNetwork.onShoulder`);
 * - offRoad: the vehicle's centre is on neither;
 * - onShoulder: the centre is on the shoulder surface, or on the road surface with a corner of the
 *   vehicle's box off it;
 * - offRoute: on the surface, on a normal road that is not one of the route's roads (inside a
 *   junction it is never set: a wrong turn shows once the vehicle reaches the wrong road; endless
 *   missions have no route);
 * - wrongWay: on the surface, on a normal lane and outside every junction outline, the heading
 *   differs from the lane's direction by more than 90°;
 * - notMoving: the path driven over the last `notMovingWindowS` seconds (the sum of per-step
 *   displacements) is below `notMovingMinDistanceM`; needs that much history since `reset`. The
 *   odometer is sampled every step while the window holds at most {@link NOT_MOVING_SAMPLES} steps
 *   (600 at the default 0.1 s), else every `ceil(window steps / NOT_MOVING_SAMPLES)` steps, the
 *   window then reaching back to the last sample at or before its start — so the buffer stays
 *   small at any step length (a few KB, not 60 s ÷ step entries);
 * - reachedGoal: the centre is within `goalRadiusM` of the mission's end point;
 * - viaPointsHit: a via point not hit before, with the centre within its radius and the speed within
 *   `viaSpeedToleranceMps` of its required speed;
 * - reachedMaxSteps: `tick − reset tick ≥ maxSteps`.
 *
 * `step` allocates nothing: typed-array ring buffer, scratch fields, one reused {@link Events}.
 */
import type { Lane } from "../../road/Lane.js";
import type { LaneSpatialIndex } from "../../road/LaneSpatialIndex.js";
import type { Road } from "../../road/Road.js";
import type { RoadNetwork } from "../../road/RoadNetwork.js";
import { nextPathLane } from "../../road/nextLaneOnRoute.js";
import { copyEvents, emptyEvents, type Events } from "./Events.js";
import { RouteArcLength } from "./RouteArcLength.js";

/** A place on the map, as the compiled scenario writes it (`LanePosition`). */
export interface MissionLanePosition {
  roadId: string;
  /** 0 = rightmost lane; `random` must be resolved by {@link MissionProgressOptions.resolvePosition}. */
  laneIndex: number | "random";
  /** Metres from the lane start, `end`, or `random` (resolved as above). */
  offsetM: number | "random" | "end";
}

/** The parts of a compiled scenario's `Mission` this class reads (a compiled `Mission` is one). */
export interface MissionTarget {
  kind: "route" | "endless";
  /** The planned roads, start to end inclusive (route missions). */
  roadIds?: readonly string[];
  /** The goal (route missions). */
  end?: MissionLanePosition;
  /** Points to pass at a required speed (m/s). */
  viaPoints: readonly { position: MissionLanePosition; speedMps: number }[];
}

/** Which events end an agent's episode; the same fields as the compiled scenario's `DoneCriteria`. */
export interface DoneFlags {
  collision: boolean;
  offRoad: boolean;
  offRoute: boolean;
  onShoulder: boolean;
  wrongWay: boolean;
  notMoving: boolean;
  goal: boolean;
  maxSteps: boolean;
}

/** Why an episode ended: a {@link DoneFlags} field. */
export type DoneReason = keyof DoneFlags;

/** The most odometer samples the not-moving test keeps (its window's resolution at short steps). */
export const NOT_MOVING_SAMPLES = 1024;

const DONE_ORDER: readonly DoneReason[] = [
  "collision",
  "offRoad",
  "offRoute",
  "onShoulder",
  "wrongWay",
  "notMoving",
  "goal",
  "maxSteps",
];

/** A vehicle's state as the step reports it. */
export interface MissionPose {
  /** Centre of the vehicle's box (metres, world frame). */
  x: number;
  y: number;
  /** Radians counter-clockwise from +x. */
  headingRad: number;
  /** Signed speed along the heading (m/s). */
  speedMps: number;
}

/** Options for {@link MissionProgress}. */
export interface MissionProgressOptions {
  /** The agent's id, for error messages. */
  agentId: string;
  /** Fixed step length of the scenario (s). */
  dtS: number;
  /** Vehicle box length (m). */
  vehicleLengthM: number;
  /** Vehicle box width (m). */
  vehicleWidthM: number;
  /**
   * Episode step limit; null: none.
   * @default null
   */
  maxSteps?: number | null;
  /**
   * SUMO vehicle class; lanes that refuse it (sidewalks) are not road surface.
   * @default "passenger"
   */
  vehicleClass?: string;
  /**
   * Goal radius (m).
   * @default 2
   */
  goalRadiusM?: number;
  /**
   * Largest |speed − required speed| at which a via point counts as hit (m/s).
   * @default 1.5
   */
  viaSpeedToleranceMps?: number;
  /**
   * Via point hit radius (m); by default half the width of the via point's lane (as SMARTS).
   * @default undefined
   */
  viaRadiusM?: number;
  /**
   * Window of the not-moving test (s).
   * @default 60
   */
  notMovingWindowS?: number;
  /**
   * Path length the vehicle must drive within the window to count as moving (m).
   * @default 1
   */
  notMovingMinDistanceM?: number;
  /**
   * Slack beyond a lane's edge that still counts as on the lane (m); closes SUMO's 1 cm seams.
   * @default 0.05
   */
  roadEdgeToleranceM?: number;
  /** World point of a position with `random` parts (the simulation resolves these with its RNG). */
  resolvePosition?: (position: MissionLanePosition) => { x: number; y: number };
}

/** {@link MissionProgress}'s episode state as plain data (see `getState`). */
export interface MissionProgressState {
  started: boolean;
  startTick: number;
  lastX: number;
  lastY: number;
  odometerM: number;
  routePosM: number;
  progressM: number;
  laneId: string | null;
  laneS: number;
  laneT: number;
  segment: number;
  ringTick: number[];
  ringOdometerM: number[];
  viaHit: number[];
  events: Events;
}

export class MissionProgress {
  readonly agentId: string;
  private readonly net: RoadNetwork;
  private readonly index: LaneSpatialIndex;
  private readonly vClass: string;
  private readonly halfLengthM: number;
  private readonly halfWidthM: number;
  private readonly maxSteps: number | null;
  private readonly edgeTolM: number;
  private readonly goalRadiusM: number;
  private readonly viaTolMps: number;
  private readonly minMoveM: number;
  /** Route roads (route missions), for offRoute. */
  private readonly routeRoads: ReadonlySet<Road> | undefined;
  /** The route's roads in order (empty for endless missions), for the path's next lane. */
  private readonly routeList: readonly Road[];
  private readonly arc: RouteArcLength | undefined;
  private readonly goalX: number;
  private readonly goalY: number;
  private readonly hasGoal: boolean;
  private readonly viaX: Float64Array;
  private readonly viaY: Float64Array;
  private readonly viaRadiusM: Float64Array;
  private readonly viaSpeedMps: Float64Array;
  private readonly viaHit: Uint8Array;
  /** Junction outlines as flat `x0, y0, x1, y1, …` (metres); only those with ≥ 3 points. */
  private readonly junctionShapes = new Map<string, Float64Array>();

  // Not-moving ring buffer: the tick and odometer reading of the samples covering the last
  // `windowTicks` steps, one every `sampleEvery` steps from the reset tick.
  private readonly windowTicks: number;
  private readonly sampleEvery: number;
  private readonly ringTick: Float64Array;
  private readonly ringOdometerM: Float64Array;

  private readonly events: Events = emptyEvents();
  private started = false;
  private startTick = 0;
  private lastX = 0;
  private lastY = 0;
  private odometer = 0;
  private routePosM = Number.NaN;
  private progress = 0;

  // Localisation result (scratch, overwritten every query).
  private curLane: Lane | undefined;
  private curS = 0;
  private curT = 0;
  private curSeg = 0;
  // Projection scratch.
  private pS = 0;
  private pT = 0;
  private pDist = 0;
  private pSeg = 0;

  constructor(net: RoadNetwork, mission: MissionTarget, options: MissionProgressOptions) {
    this.agentId = options.agentId;
    this.net = net;
    this.index = net.spatialIndex(true);
    this.vClass = options.vehicleClass ?? "passenger";
    this.halfLengthM = options.vehicleLengthM / 2;
    this.halfWidthM = options.vehicleWidthM / 2;
    this.maxSteps = options.maxSteps ?? null;
    this.edgeTolM = options.roadEdgeToleranceM ?? 0.05;
    this.goalRadiusM = options.goalRadiusM ?? 2;
    this.viaTolMps = options.viaSpeedToleranceMps ?? 1.5;
    this.minMoveM = options.notMovingMinDistanceM ?? 1;
    if (!(options.dtS > 0))
      throw new Error(`MissionProgress "${this.agentId}": dtS must be positive, got ${options.dtS}`);
    this.windowTicks = Math.max(1, Math.round((options.notMovingWindowS ?? 60) / options.dtS));
    this.sampleEvery = Math.ceil(this.windowTicks / NOT_MOVING_SAMPLES);
    const samples = Math.ceil(this.windowTicks / this.sampleEvery) + 1;
    this.ringTick = new Float64Array(samples).fill(-1);
    this.ringOdometerM = new Float64Array(samples);

    const at = (p: MissionLanePosition): { x: number; y: number; lane: Lane } =>
      this.placeOf(p, options.resolvePosition);
    if (mission.kind === "route") {
      if (!mission.roadIds?.length || !mission.end)
        throw new Error(`MissionProgress "${this.agentId}": a route mission needs roadIds and end`);
      const roads = mission.roadIds.map((id) => {
        const road = net.road(id);
        if (!road || road.kind !== "normal")
          throw new Error(`MissionProgress "${this.agentId}": route road "${id}" is not a road of this network`);
        return road;
      });
      this.routeRoads = new Set(roads);
      this.routeList = roads;
      this.arc = new RouteArcLength(roads);
      const goal = at(mission.end);
      this.goalX = goal.x;
      this.goalY = goal.y;
      this.hasGoal = true;
    } else {
      this.routeList = [];
      this.goalX = this.goalY = 0;
      this.hasGoal = false;
    }
    const n = mission.viaPoints.length;
    this.viaX = new Float64Array(n);
    this.viaY = new Float64Array(n);
    this.viaRadiusM = new Float64Array(n);
    this.viaSpeedMps = new Float64Array(n);
    this.viaHit = new Uint8Array(n);
    mission.viaPoints.forEach((v, i) => {
      const p = at(v.position);
      this.viaX[i] = p.x;
      this.viaY[i] = p.y;
      this.viaRadiusM[i] = options.viaRadiusM ?? p.lane.widthM / 2;
      this.viaSpeedMps[i] = v.speedMps;
    });
    for (const j of net.junctions.values()) {
      if (j.shape.length >= 3) this.junctionShapes.set(j.id, Float64Array.from(j.shape.flat()));
    }
  }

  private placeOf(
    p: MissionLanePosition,
    resolve: MissionProgressOptions["resolvePosition"],
  ): { x: number; y: number; lane: Lane } {
    const road = this.net.road(p.roadId);
    if (!road) throw new Error(`MissionProgress "${this.agentId}": road "${p.roadId}" does not exist`);
    if (p.laneIndex === "random" || p.offsetM === "random") {
      if (!resolve)
        throw new Error(
          `MissionProgress "${this.agentId}": position on road "${p.roadId}" is random; pass resolvePosition`,
        );
      const { x, y } = resolve(p);
      const lane = typeof p.laneIndex === "number" ? road.lanes[p.laneIndex] : this.index.nearest(x, y)?.lane;
      if (!lane)
        throw new Error(`MissionProgress "${this.agentId}": road "${p.roadId}" has no lane ${String(p.laneIndex)}`);
      return { x, y, lane };
    }
    const lane = road.lanes[p.laneIndex];
    if (!lane) throw new Error(`MissionProgress "${this.agentId}": road "${p.roadId}" has no lane ${p.laneIndex}`);
    const len = lane.centreline.length;
    const s = p.offsetM === "end" ? len : Math.min(p.offsetM, len);
    const { x, y } = lane.toWorld(s, 0);
    return { x, y, lane };
  }

  /** Starts an episode at `pose` on `tick`: clears history and via points, sets the route reference. */
  reset(pose: MissionPose, tick: number): void {
    this.started = true;
    this.startTick = tick;
    this.lastX = pose.x;
    this.lastY = pose.y;
    this.odometer = 0;
    this.progress = 0;
    this.curLane = undefined;
    this.ringTick.fill(-1);
    this.viaHit.fill(0);
    this.record(tick);
    this.locate(pose.x, pose.y);
    this.routePosM = this.onRoadSurface(pose.x, pose.y) ? this.routePosition(Number.NaN) : Number.NaN;
    this.clearEvents();
  }

  /**
   * Advances to `tick` with the vehicle at `pose`; `collided` comes from the collision phase.
   * Returns this step's events (one object reused every step: copy it with `copyEvents` to keep it).
   */
  step(pose: MissionPose, tick: number, collided = false): Readonly<Events> {
    if (!this.started) throw new Error(`MissionProgress "${this.agentId}": step before reset`);
    const { x, y, headingRad, speedMps } = pose;
    this.odometer += Math.hypot(x - this.lastX, y - this.lastY);
    this.lastX = x;
    this.lastY = y;
    this.record(tick);

    this.locate(x, y);
    const lane = this.curLane!;
    const e = this.events;
    this.clearEvents();
    e.collision = collided;
    const onLane =
      Math.abs(this.curT) <= lane.widthM / 2 + this.edgeTolM &&
      this.curS >= 0 &&
      this.curS <= lane.centreline.length &&
      lane.allows(this.vClass);
    const inJunction = this.inJunctionOf(lane.road, x, y);
    const onSurface = onLane || inJunction || this.onRoadSurface(x, y);
    const onShoulderOnly = !onSurface && this.net.onShoulder(x, y);
    const onRoad = onSurface || onShoulderOnly;
    e.offRoad = !onRoad;
    e.onShoulder = onShoulderOnly || (onSurface && !this.boxOnSurface(x, y, headingRad));
    e.offRoute = onRoad && this.routeRoads !== undefined && !lane.isInternal && !this.routeRoads.has(lane.road);
    if (onRoad && !lane.isInternal && !inJunction) {
      let d = headingRad - lane.centreline.segmentHeading(this.curSeg);
      d = Math.atan2(Math.sin(d), Math.cos(d));
      e.wrongWay = Math.abs(d) > Math.PI / 2;
    }
    const backSample = Math.floor((tick - this.windowTicks - this.startTick) / this.sampleEvery);
    const back = this.ringIndex(backSample);
    e.notMoving =
      backSample >= 0 &&
      this.ringTick[back] === this.startTick + backSample * this.sampleEvery &&
      this.odometer - this.ringOdometerM[back] < this.minMoveM;
    e.reachedGoal = this.hasGoal && Math.hypot(x - this.goalX, y - this.goalY) <= this.goalRadiusM;
    e.reachedMaxSteps = this.maxSteps !== null && tick - this.startTick >= this.maxSteps;
    for (let i = 0; i < this.viaHit.length; i++) {
      if (this.viaHit[i]) continue;
      if (
        Math.hypot(x - this.viaX[i], y - this.viaY[i]) <= this.viaRadiusM[i] &&
        Math.abs(speedMps - this.viaSpeedMps[i]) <= this.viaTolMps
      ) {
        this.viaHit[i] = 1;
        e.viaPointsHit.push(i);
      }
    }

    this.progress = 0;
    if (onRoad) {
      const pos = this.routePosition(this.routePosM);
      if (!Number.isNaN(pos)) {
        if (!Number.isNaN(this.routePosM)) this.progress = pos - this.routePosM;
        this.routePosM = pos;
      }
    }
    return e;
  }

  /**
   * The reasons, in {@link DoneFlags} field order, for which the last step's events end the episode
   * under `criteria`; empty while it goes on. `maxSteps` is a truncation, the others terminations.
   */
  done(criteria: Readonly<DoneFlags>): DoneReason[] {
    const e = this.events;
    const happened: Record<DoneReason, boolean> = {
      collision: e.collision,
      offRoad: e.offRoad,
      offRoute: e.offRoute,
      onShoulder: e.onShoulder,
      wrongWay: e.wrongWay,
      notMoving: e.notMoving,
      goal: e.reachedGoal,
      maxSteps: e.reachedMaxSteps,
    };
    return DONE_ORDER.filter((r) => criteria[r] && happened[r]);
  }

  /** The last step's events (reused object). */
  get lastEvents(): Readonly<Events> {
    return this.events;
  }

  /** Distance progressed along the route at the last step (metres; negative when going back, 0 off the route). */
  get progressM(): number {
    return this.progress;
  }

  /** Position along the route (metres from the start of its first road); NaN before the vehicle was first on it. */
  get routePositionM(): number {
    return this.routePosM;
  }

  /** Total route length (metres); NaN for endless missions. */
  get routeLengthM(): number {
    return this.arc ? this.arc.lengthM : Number.NaN;
  }

  /** The lane the vehicle was localised on at the last step or reset. */
  get lane(): Lane | undefined {
    return this.curLane;
  }

  /** Lane coordinates at the last step (metres along the lane centreline, metres left of it). */
  get laneS(): number {
    return this.curS;
  }
  get laneT(): number {
    return this.curT;
  }

  /** Path length driven since reset (metres). */
  get odometerM(): number {
    return this.odometer;
  }

  /** The goal point (world m), or null for endless missions. */
  get goal(): { x: number; y: number } | null {
    return this.hasGoal ? { x: this.goalX, y: this.goalY } : null;
  }

  /** The episode state as plain data (snapshot); the lane is stored by id. */
  getState(): MissionProgressState {
    return {
      started: this.started,
      startTick: this.startTick,
      lastX: this.lastX,
      lastY: this.lastY,
      odometerM: this.odometer,
      routePosM: this.routePosM,
      progressM: this.progress,
      laneId: this.curLane?.id ?? null,
      laneS: this.curS,
      laneT: this.curT,
      segment: this.curSeg,
      ringTick: Array.from(this.ringTick),
      ringOdometerM: Array.from(this.ringOdometerM),
      viaHit: Array.from(this.viaHit),
      events: copyEvents(this.events),
    };
  }

  /** Returns to a state from {@link getState}. */
  setState(st: MissionProgressState): void {
    this.started = st.started;
    this.startTick = st.startTick;
    this.lastX = st.lastX;
    this.lastY = st.lastY;
    this.odometer = st.odometerM;
    this.routePosM = st.routePosM;
    this.progress = st.progressM;
    this.curLane = st.laneId === null ? undefined : this.net.lane(st.laneId);
    this.curS = st.laneS;
    this.curT = st.laneT;
    this.curSeg = st.segment;
    this.ringTick.set(st.ringTick);
    this.ringOdometerM.set(st.ringOdometerM);
    this.viaHit.set(st.viaHit);
    Object.assign(this.events, copyEvents(st.events));
  }

  /** Whether via point `i` has been hit this episode. */
  viaPointHit(i: number): boolean {
    return this.viaHit[i] === 1;
  }

  private clearEvents(): void {
    const e = this.events;
    e.collision =
      e.offRoad =
      e.onShoulder =
      e.offRoute =
      e.wrongWay =
      e.notMoving =
      e.reachedGoal =
      e.reachedMaxSteps =
        false;
    e.viaPointsHit.length = 0;
  }

  /** The ring slot of sample `k` (the odometer at tick `startTick + k · sampleEvery`). */
  private ringIndex(k: number): number {
    const n = this.ringTick.length;
    return ((k % n) + n) % n;
  }

  private record(tick: number): void {
    const since = tick - this.startTick;
    if (since % this.sampleEvery !== 0) return;
    const i = this.ringIndex(since / this.sampleEvery);
    this.ringTick[i] = tick;
    this.ringOdometerM[i] = this.odometer;
  }

  /** Route position of the current localisation, nearest `nearM`; NaN off the route or without one. */
  private routePosition(nearM: number): number {
    return this.arc && this.curLane ? this.arc.position(this.curLane, this.curS, nearM) : Number.NaN;
  }

  /**
   * Localises `(x, y)`: keeps the previous lane while the point lies on its surface; else the lane it
   * led to (a junction connector, the next road's lane; where connectors overlap, the one the path
   * takes — the route's, or straight on — then the route's way) or a lane beside it, when the point
   * lies on one; else, on a junction connector, that connector while the point is within a lane
   * width of its centreline (a turning vehicle that swings wide keeps its connector rather than
   * jumping to an overlapping one it is not following); else the nearest lane.
   */
  private locate(x: number, y: number): void {
    const hint = this.curLane;
    if (hint) {
      this.project(hint, x, y);
      const len = hint.centreline.length;
      if (this.pS >= 0 && this.pS <= len && Math.abs(this.pT) <= hint.widthM / 2) {
        this.setCurrent(hint);
        return;
      }
      const keepWide = hint.isInternal && this.pS >= 0 && this.pS <= len && Math.abs(this.pT) <= hint.widthM;
      const next = this.nextLaneAt(hint, x, y);
      if (next) {
        this.project(next, x, y);
        this.setCurrent(next);
        return;
      }
      if (keepWide) {
        this.project(hint, x, y);
        this.setCurrent(hint);
        return;
      }
    }
    const seg = this.index.nearestSegment(x, y);
    if (seg < 0) throw new Error(`MissionProgress "${this.agentId}": the road network has no lanes`);
    const lane = this.index.laneOfSegment(seg);
    this.project(lane, x, y);
    this.setCurrent(lane);
  }

  /**
   * Among the lanes `hint` leads to (two deep) and the lanes beside it, the one `(x, y)` lies on:
   * the lanes the path takes from `hint` first (`nextPathLane`: the route's connector, or straight
   * on), then route lanes, then the nearest; undefined if none.
   */
  private nextLaneAt(hint: Lane, x: number, y: number): Lane | undefined {
    let best: Lane | undefined;
    let bestScore = Infinity;
    const route = this.routeList;
    const path1 = nextPathLane(this.net, hint, route, hint.isInternal ? -1 : route.indexOf(hint.road));
    // Two deep: a lane shorter than a step (a road of a metre between two junctions) is passed over.
    const path2 = path1 && nextPathLane(this.net, path1, route, path1.isInternal ? -1 : route.indexOf(path1.road));
    const consider = (lane: Lane | undefined) => {
      if (!lane) return;
      this.project(lane, x, y);
      const len = lane.centreline.length;
      if (this.pS < -0.5 || this.pS > len + 0.5 || Math.abs(this.pT) > lane.widthM / 2 + this.edgeTolM) return;
      const onPath = lane === path1 || lane === path2;
      const score = Math.abs(this.pT) + (onPath ? 0 : 2) + (this.leadsAlongRoute(lane, 4) ? 0 : 1);
      if (score < bestScore) {
        bestScore = score;
        best = lane;
      }
    };
    for (const a of hint.successors) {
      consider(a);
      for (const b of a.successors) consider(b);
    }
    if (!hint.isInternal) {
      consider(hint.left);
      consider(hint.right);
    }
    return best;
  }

  /** Whether `lane` is on the route (any lane without a route), or a junction connector leading onto it within `depth` connectors. */
  private leadsAlongRoute(lane: Lane, depth: number): boolean {
    if (!this.routeRoads) return true;
    if (!lane.isInternal) return this.routeRoads.has(lane.road);
    if (depth <= 0) return false;
    for (const next of lane.successors) if (this.leadsAlongRoute(next, depth - 1)) return true;
    return false;
  }

  private setCurrent(lane: Lane): void {
    this.curLane = lane;
    this.curS = this.pS;
    this.curT = this.pT;
    this.curSeg = this.pSeg;
  }

  /** Whether `(x, y)` is on a lane surface (of a lane admitting the vehicle class) or in a junction outline. */
  private onRoadSurface(x: number, y: number): boolean {
    const seg = this.index.nearestSegment(x, y);
    if (seg < 0) return false;
    const lane = this.index.laneOfSegment(seg);
    this.project(lane, x, y);
    if (this.pDist <= lane.widthM / 2 + this.edgeTolM && lane.allows(this.vClass)) return true;
    return this.inJunctionOf(lane.road, x, y);
  }

  /** Whether all four corners of the vehicle's box lie on the road surface. */
  private boxOnSurface(x: number, y: number, headingRad: number): boolean {
    const c = Math.cos(headingRad);
    const s = Math.sin(headingRad);
    for (let k = 0; k < 4; k++) {
      const a = k < 2 ? this.halfLengthM : -this.halfLengthM;
      const b = k % 2 === 0 ? this.halfWidthM : -this.halfWidthM;
      if (!this.onRoadSurface(x + c * a - s * b, y + s * a + c * b)) return false;
    }
    return true;
  }

  /** Whether `(x, y)` is inside the outline of a junction at either end of `road`. */
  private inJunctionOf(road: Road, x: number, y: number): boolean {
    return (
      this.inJunction(road.fromJunction, x, y) ||
      (road.toJunction !== road.fromJunction && this.inJunction(road.toJunction, x, y))
    );
  }

  private inJunction(id: string | undefined, x: number, y: number): boolean {
    if (id === undefined) return false;
    const p = this.junctionShapes.get(id);
    if (!p) return false;
    // Even-odd ray crossing.
    let inside = false;
    const n = p.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = p[2 * i],
        yi = p[2 * i + 1],
        xj = p[2 * j],
        yj = p[2 * j + 1];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  /**
   * Projects `(x, y)` onto `lane`'s centreline into the scratch fields `pS`, `pT`, `pDist`, `pSeg`,
   * with the semantics of `Polyline.project` (ends extrapolate; `pDist` is clamped to the ends).
   */
  private project(lane: Lane, x: number, y: number): void {
    const line = lane.centreline;
    const n = line.size;
    let best = Infinity;
    let i = 0;
    for (let k = 0; k < n - 1; k++) {
      const d2 = line.segmentDistance2(k, x, y);
      if (d2 < best) {
        best = d2;
        i = k;
      }
    }
    const xs = line.xs,
      ys = line.ys;
    const dx = xs[i + 1] - xs[i];
    const dy = ys[i + 1] - ys[i];
    const len = line.cum[i + 1] - line.cum[i];
    const ux = len > 0 ? dx / len : 1;
    const uy = len > 0 ? dy / len : 0;
    const px = x - xs[i];
    const py = y - ys[i];
    const along = px * ux + py * uy;
    let u = along;
    if (u < 0 && i > 0) u = 0;
    if (u > len && i < n - 2) u = len;
    const ex = px - ux * u;
    const ey = py - uy * u;
    // At a clamped interior vertex the offset is the distance to it, signed by side.
    this.pT = u === along ? ux * py - uy * px : Math.sign(ux * ey - uy * ex) * Math.hypot(ex, ey);
    this.pDist = Math.sqrt(best);
    this.pS = line.cum[i] + u;
    this.pSeg = i;
  }
}
