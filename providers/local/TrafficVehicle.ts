/**
 * One vehicle the local provider drives: type limits, drawn driver parameters, route and planned
 * lane path, position on its lane, lane-change and junction state, and the reused objects it is
 * reported and registered with. Plain mutable fields on one class shape, so the per-step loops stay
 * monomorphic and allocation-free.
 *
 * Position: `lane` + `s` is the box *centre* along the lane's centreline (m), `t` the lateral offset
 * from it (m, left positive) — non-zero only while a lane change (or a hand-over from off-centre)
 * settles.
 */
import type { Sweep } from "./BodySweep.js";
import type { Registration } from "./JunctionArbiter.js";
import type { Road } from "../../core/road/Road.js";
import type { ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import type { IdmParams } from "./IdmModel.js";
import { Occupant } from "./LaneOccupancy.js";
import type { JunctionLink, LaneData } from "./LocalNetwork.js";
import type { DriverProfile } from "./DriverProfile.js";

/** Why a planned path stops where it does. */
export const PathEnd = {
  /** The plan reaches as far ahead as needed; more is planned later. */
  Horizon: 0,
  /** The route ends on the last lane (arrival). */
  RouteEnd: 1,
  /** The last lane has no connection towards the next route road: stop before its end. */
  Dead: 2,
} as const;
export type PathEnd = (typeof PathEnd)[keyof typeof PathEnd];

/** Most lanes a path holds. */
export const PATH_CAPACITY = 48;
/** Most lanes kept of the lane a lane change leaves and its continuation. */
export const SIDE_PATH_CAPACITY = 6;

/** Static data a vehicle is created with. */
export interface VehicleInit {
  id: string;
  seq: number;
  typeId: string;
  vClass: string;
  lengthM: number;
  widthM: number;
  maxSpeedMps: number;
  /** The type's maximum emergency-free deceleration (m/s²). */
  maxDecelMps2: number;
  driver: DriverProfile;
}

export class TrafficVehicle implements IdmParams {
  readonly id: string;
  /** Creation sequence number: unique, the tie-break of every ordering (set for good on insertion). */
  seq: number;
  readonly typeId: string;
  readonly vClass: string;
  readonly lengthM: number;
  readonly widthM: number;
  readonly halfLength: number;
  readonly maxSpeedMps: number;
  readonly maxDecelMps2: number;
  // Driver (IdmParams + MOBIL + noise).
  readonly speedFactor: number;
  readonly headwayS: number;
  readonly minGapM: number;
  readonly accelMps2: number;
  readonly decelMps2: number;
  readonly politeness: number;
  readonly thresholdMps2: number;
  readonly imperfection: number;

  // Route: normal roads; `routeIndex` is the road the vehicle is on (or last left, inside a junction).
  route: Road[] = [];
  routeIndex = 0;
  /** Random route: extended with random next roads, never arrives except at a dead end. */
  endless = false;
  /** Arrival: when the front passes this offset on the route's last road (m). */
  arrivalS = Infinity;

  // Kinematics.
  lane!: LaneData;
  s = 0;
  t = 0;
  speedMps = 0;
  /** Acceleration applied over the last step (m/s²). */
  lastAccelMps2 = 0;
  /** The lane before `lane` (for the tail occupant), or null. */
  prevLane: LaneData | null = null;

  // Planned lanes ahead: path[0] is `lane`; pathLinks[i] is the link entered at the start of path[i].
  readonly path: LaneData[] = new Array(PATH_CAPACITY);
  readonly pathLinks: (JunctionLink | null)[] = new Array(PATH_CAPACITY).fill(null);
  pathLen = 0;
  /** Summed length of path[0 … pathLen−1] (m). */
  pathDistM = 0;
  pathEnd: PathEnd = PathEnd.Horizon;

  // Lateral motion: offset t decays from lcT0 to 0 over the lane-change duration.
  lcFrom: LaneData | null = null;
  lcT0 = 0;
  /** Progress 0 … 1; 1 when no lateral motion is under way. */
  lcProgress = 1;
  /** Heading offset from the lane direction due to lateral motion (rad). */
  lcAngleRad = 0;
  /** Distance the lateral motion is spread over (m). */
  lcDistM = 20;
  /** During a lane change: `lcFrom` and the lanes the route would take after it (fixed at the start). */
  readonly sidePath: LaneData[] = new Array(SIDE_PATH_CAPACITY);
  sidePathLen = 0;
  /** Whether `sidePath` ends at a lane without a way on. */
  sidePathDead = false;
  /** `s` on `lcFrom` minus `s` on `lane` during a lane change (m). */
  sideOffsetM = 0;

  // Strategic lane choice on the current road: driveable distance per lane index (m).
  readonly contM = new Float64Array(16);
  bestContM = 0;
  /** Time spent stopped at a dead lane end (s). */
  stuckS = 0;
  /** Time standing at the head of a jam (s); see Jams.ts. */
  jamS = 0;
  /** What the reported pose was computed from (see writeState). */
  private readonly written = {
    lane: null as LaneData | null,
    s: NaN,
    t: NaN,
    lcAngleRad: NaN,
    prevLane: null as LaneData | null,
    pathLen: 0,
    path: [null, null, null, null, null, null] as (LaneData | null)[],
    pathUsed: 0,
  };
  /** Sampled body poses along the path, kept while the vehicle stays where it is (BodySweep). */
  sweep: Sweep | null = null;

  // Junctions.
  /** The link whose junction the vehicle is in (until its rear clears the exit), or null. */
  curLink: JunctionLink | null = null;
  /** This step's registration at `curLink` (when contested), or null. */
  curReg: Registration | null = null;
  /** Distance the centre travelled since the link's stop line (m). */
  sinceLinkM = 0;
  /** Time waiting (stopped) at a stop line (s). */
  waitS = 0;
  /** The link ahead the vehicle must stop at this step, or null; with the distance front → stop line (m). */
  stopLink: JunctionLink | null = null;
  stopDistM = Infinity;
  /** Contested links this far ahead are decided this step (m). */
  decideLookM = 0;

  // Perception, per step.
  /** Position in the provider's vehicle list this step. */
  stepIndex = 0;
  leaderGapM = Infinity;
  leaderSpeedMps = 0;
  /** Acceleration limit from slower lanes ahead (m/s²). */
  limitAccelMps2 = Infinity;

  // Occupancy.
  readonly occ = new Occupant();
  readonly tailOcc = new Occupant();
  readonly sideOcc = new Occupant();

  /** What `vehicles()` reports (reused). */
  readonly state: ProviderVehicleState;

  constructor(init: VehicleInit) {
    this.id = init.id;
    this.seq = init.seq;
    this.typeId = init.typeId;
    this.vClass = init.vClass;
    this.lengthM = init.lengthM;
    this.widthM = init.widthM;
    this.halfLength = init.lengthM / 2;
    this.maxSpeedMps = init.maxSpeedMps;
    this.maxDecelMps2 = init.maxDecelMps2;
    const d = init.driver;
    this.speedFactor = d.speedFactor;
    this.headwayS = d.headwayS;
    this.minGapM = d.minGapM;
    this.accelMps2 = d.accelMps2;
    this.decelMps2 = d.decelMps2;
    this.politeness = d.politeness;
    this.thresholdMps2 = d.laneChangeThresholdMps2;
    this.imperfection = d.imperfection;
    for (const o of [this.occ, this.tailOcc, this.sideOcc]) {
      o.veh = this;
      o.seq = init.seq;
      o.halfLength = this.halfLength;
      o.halfWidth = this.widthM / 2;
    }
    this.state = {
      id: init.id,
      typeId: init.typeId,
      x: 0,
      y: 0,
      headingRad: 0,
      speedMps: 0,
      accelerationMps2: 0,
      laneId: "",
    };
  }

  /** Sets the sequence number (and its occupants'). */
  setSeq(seq: number): void {
    this.seq = seq;
    this.occ.seq = seq;
    this.tailOcc.seq = seq;
    this.sideOcc.seq = seq;
  }

  /** What the vehicle was made with, but its sequence number (for snapshots and teleports). */
  made(): Omit<VehicleInit, "seq"> {
    return {
      id: this.id,
      typeId: this.typeId,
      vClass: this.vClass,
      lengthM: this.lengthM,
      widthM: this.widthM,
      maxSpeedMps: this.maxSpeedMps,
      maxDecelMps2: this.maxDecelMps2,
      driver: this.driver(),
    };
  }

  /** The driver profile (for snapshots). */
  driver(): DriverProfile {
    return {
      speedFactor: this.speedFactor,
      headwayS: this.headwayS,
      minGapM: this.minGapM,
      accelMps2: this.accelMps2,
      decelMps2: this.decelMps2,
      politeness: this.politeness,
      laneChangeThresholdMps2: this.thresholdMps2,
      imperfection: this.imperfection,
    };
  }

  /** Desired speed on `lane` (m/s): its limit × speed factor, capped by the type's top speed. */
  desiredSpeed(lane: LaneData): number {
    const v = lane.speedLimitMps * this.speedFactor;
    return v < this.maxSpeedMps ? v : this.maxSpeedMps;
  }

  /** Whether a lateral motion is under way. */
  get changingLane(): boolean {
    return this.lcProgress < 1;
  }

  /**
   * Writes the reported state. The body's rear and front bumpers are on the centreline path
   * (previous lane, lane, planned lanes) half a length behind and ahead of `s`: the box is the one
   * between them — heading along that chord, centre at its middle — shifted sideways by `t`, plus the
   * lane-change angle. On a straight stretch that is the point at `s`; round a bend or a sharp
   * polyline corner the body cuts the inside, as a long vehicle's does (a bus turning a 90° corner
   * would otherwise stick out 2.5 m over the outside — the oncoming lane). Where the path folds back
   * on itself the chord means nothing: the centre stays at `s` and the heading is the road's
   * ({@link foldedHeading}).
   */
  writeState(): void {
    const st = this.state;
    st.speedMps = this.speedMps;
    st.accelerationMps2 = this.lastAccelMps2;
    // A vehicle that has not moved (standing in a queue) keeps its pose: nothing it depends on changed.
    const w = this.written;
    if (
      w.lane === this.lane &&
      w.s === this.s &&
      w.t === this.t &&
      w.lcAngleRad === this.lcAngleRad &&
      w.prevLane === this.prevLane &&
      w.pathLen === this.pathLen
    ) {
      let same = true;
      for (let k = 1; k <= w.pathUsed; k++) if (this.path[k] !== w.path[k - 1]) same = false;
      if (same) return;
    }
    this.writePose();
  }

  /** {@link writeState}'s pose part, recording what it depended on in {@link written}. */
  private writePose(): void {
    const st = this.state;
    const w = this.written;
    w.lane = this.lane;
    w.s = this.s;
    w.t = this.t;
    w.lcAngleRad = this.lcAngleRad;
    w.prevLane = this.prevLane;
    w.pathLen = this.pathLen;
    w.pathUsed = 0;
    const seg = pointOn(this.lane, this.s, this.t, _p);
    st.laneId = this.lane.id;
    const hl = this.halfLength;
    const cum = this.lane.lane.centreline.cum;
    if (this.s - hl >= cum[seg] && this.s + hl <= cum[seg + 1]) {
      // The whole body on one segment (the usual case): the point at s, the segment's heading.
      st.x = _p.x;
      st.y = _p.y;
      st.headingRad = this.lane.segHeading[seg] + this.lcAngleRad;
      return;
    }
    // Record every lane up to the front bumper's: the pose depends on no others.
    const front = bodyPose(this, this.s, _at, _pose);
    for (let k = 1; k <= front && k <= w.path.length; k++) w.path[k - 1] = this.path[k];
    w.pathUsed = front > 0 ? front : 0;
    if (front > w.path.length) w.lane = null; // reached further than recorded: never reused
    st.x = _pose.x + (_p.x - _pose.cx);
    st.y = _pose.y + (_p.y - _pose.cy);
    st.headingRad = _pose.headingRad + this.lcAngleRad;
  }
}

/**
 * The pose of `v`'s body centred at `s` along its path, as reported (without the sideways offset and
 * the lane-change angle): bumpers on the path, or near a fold the pose of {@link FOLD_CHORD_M}.
 * `at` receives the centreline point at `s`. Returns the path index of the lane the front bumper is
 * on (the pose depends on the path no further).
 */
export function bodyPose(v: TrafficVehicle, s: number, at: { x: number; y: number }, out: ChordPose): number {
  const hl = v.halfLength;
  if (chordPose(v, s, hl, true, at, out)) return frontIndex;
  const front = frontIndex;
  chordPose(v, s, hl < FOLD_CHORD_M ? hl : FOLD_CHORD_M, false, at, out);
  return front;
}

/**
 * Near a fold the reported body keeps to the pose it had before bumpers were put on the path: centre
 * at `s`, heading along a chord this long either side (m).
 */
export const FOLD_CHORD_M = 2;

/** A body pose along a vehicle's path: centre, heading, and the centreline point at `s` it belongs to. */
export interface ChordPose {
  x: number;
  y: number;
  headingRad: number;
  /** The centreline point at `s` (a sideways offset is applied relative to it). */
  cx: number;
  cy: number;
}

/**
 * The pose of `v`'s body centred at `s` along its path (previous lane, lane, planned lanes; `s` on its
 * current lane), from the chord between the path points `hc` behind and ahead, into `out`:
 * - `middle`: bumpers on the path — centre in the chord's middle, heading along it; returns false
 *   (writing nothing) where that cannot be trusted: a fold lane (LaneData.foldM) under the body, or a
 *   chord shorter than `hc`;
 * - otherwise: centre on the centreline at `s`, heading along the chord, or where the chord folds the
 *   road's ({@link foldedHeading}).
 * `at` receives the centreline point at `s`.
 */
export function chordPose(
  v: TrafficVehicle,
  s: number,
  hc: number,
  middle: boolean,
  at: { x: number; y: number },
  out: ChordPose,
): boolean {
  const kr = locate(v, s - hc);
  const rearLane = _loc.lane!,
    rearS = _loc.s;
  const kf = locate(v, s + hc);
  frontIndex = kf;
  const frontLane = _loc.lane!,
    frontS = _loc.s;
  if (middle) {
    if (kr < 0 && rearLane.foldM > 0) return false;
    for (let k = kr < 0 ? 0 : kr; k <= kf; k++) if (v.path[k].foldM > 0) return false;
  }
  pointOn(frontLane, frontS, 0, _f);
  pointOn(rearLane, rearS, 0, _r);
  const dx = _f.x - _r.x,
    dy = _f.y - _r.y;
  const folded = dx * dx + dy * dy < hc * hc;
  if (middle && folded) return false;
  locate(v, s);
  const midLane = _loc.lane!,
    midS = _loc.s;
  pointOn(midLane, midS, 0, at);
  out.cx = at.x;
  out.cy = at.y;
  if (middle) {
    out.x = 0.5 * (_f.x + _r.x);
    out.y = 0.5 * (_f.y + _r.y);
    out.headingRad = Math.atan2(dy, dx);
  } else {
    out.x = at.x;
    out.y = at.y;
    out.headingRad = folded ? foldedHeading(rearLane, rearS, midLane, midS, frontLane, frontS) : Math.atan2(dy, dx);
  }
  return true;
}

/**
 * Where arc length `s` (measured on `v`'s current lane) lies on its path, into {@link _loc}: back onto
 * the previous lane below 0, along the planned lanes beyond the lane's end (extrapolated past either
 * end of what there is). Returns the path index (−1: the previous lane).
 */
function locate(v: TrafficVehicle, s: number): number {
  if (s < 0 && v.prevLane !== null) {
    _loc.lane = v.prevLane;
    _loc.s = s + v.prevLane.lengthM;
    return -1;
  }
  let lane = v.lane;
  let k = 0;
  while (s > lane.lengthM && k + 1 < v.pathLen) {
    s -= lane.lengthM;
    lane = v.path[++k];
  }
  _loc.lane = lane;
  _loc.s = s;
  return k;
}
const _loc = { lane: null as LaneData | null, s: 0 };
/** The path index of the front end of the last {@link chordPose}'s chord. */
let frontIndex = 0;
const _pose: ChordPose = { x: 0, y: 0, headingRad: 0, cx: 0, cy: 0 };
const _at = { x: 0, y: 0 };

/**
 * The heading of a body whose chord folds: where the path turns back on itself — SUMO junction
 * shapes in which a short internal lane points backwards — the chord's two ends (`2·hc` apart along
 * the path) come closer than `hc` and their direction means nothing. The body then takes the
 * direction of the longest of the lanes the chord touches (the rear's, the centre's, the front's), at
 * the point it touches: the road's.
 */
export function foldedHeading(
  rearLane: LaneData,
  rearS: number,
  midLane: LaneData,
  midS: number,
  frontLane: LaneData,
  frontS: number,
): number {
  let lane = rearLane,
    s = rearS;
  if (midLane.lengthM > lane.lengthM) {
    lane = midLane;
    s = midS;
  }
  if (frontLane.lengthM > lane.lengthM) {
    lane = frontLane;
    s = frontS;
  }
  return lane.segHeading[lane.lane.centreline.segmentAt(s < 0 ? 0 : s > lane.lengthM ? lane.lengthM : s)];
}

const _p = { x: 0, y: 0 };
const _f = { x: 0, y: 0 };
const _r = { x: 0, y: 0 };

/**
 * World point of lane coordinates (s, t) into `out` (allocation-free `Lane.toWorld`; extrapolates
 * beyond the ends); returns the segment index.
 */
export function pointOn(lane: LaneData, s: number, t: number, out: { x: number; y: number }): number {
  const c = lane.lane.centreline;
  const i = c.segmentAt(s);
  const x0 = c.xs[i];
  const y0 = c.ys[i];
  const len = c.cum[i + 1] - c.cum[i];
  const ux = len > 0 ? (c.xs[i + 1] - x0) / len : 1;
  const uy = len > 0 ? (c.ys[i + 1] - y0) / len : 0;
  const u = s - c.cum[i];
  out.x = x0 + ux * u - uy * t;
  out.y = y0 + uy * u + ux * t;
  return i;
}
