/**
 * Every vehicle the engine knows, as columns of typed arrays indexed by a dense *slot* (struct of
 * arrays, STYLE.md §18): what the vehicle is (type limits, drawn driver), where it is (lane, arc
 * length `s` of its box centre, lateral offset `t`, speed), where it goes (route cursor, planned lane
 * path), its lane-change and junction state, this step's perception and plan, and its published pose.
 *
 * Slots are stable for a vehicle's life and reused after it leaves (last freed, first reused — a
 * deterministic order). Which slots are live, and in which order the step visits them (creation
 * order), is kept by the engine ({@link TrafficState.order}). Foreign vehicles (agents, other
 * providers' traffic) take slots too, for the step they are seen in, so that leaders, followers and
 * junction claims find every body the same way.
 *
 * The arrays are plain or, for parallel stepping, over `SharedArrayBuffer`s; capacity doubles when the
 * slots run out (the arrays are then replaced: never keep a column across a call that may add a vehicle).
 */

/** Most lanes a planned path holds (PATH_CAPACITY lanes from the current one). */
export const PATH_CAPACITY = 48;
/** Most lanes kept of the lane a lane change leaves and its continuation. */
export const SIDE_PATH_CAPACITY = 6;
/** Most junction registrations per vehicle and step. */
export const MAX_REGS = 6;
/** Lanes per road whose strategic continuation is kept (wider roads count as unlimited beyond). */
export const CONT_LANES = 16;

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

/** What a slot holds. */
export const SlotKind = {
  Free: 0,
  /** A vehicle the engine drives. */
  Driven: 1,
  /** A vehicle of the frame the engine does not drive: an obstacle and a junction claimant. */
  Foreign: 2,
} as const;

/** Allocates typed arrays, over shared memory when asked. */
export class ColumnAllocator {
  constructor(readonly shared: boolean) {}
  f64(n: number): Float64Array {
    return this.shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  }
  i32(n: number, fill = 0): Int32Array {
    const a = this.shared ? new Int32Array(new SharedArrayBuffer(4 * n)) : new Int32Array(n);
    if (fill !== 0) a.fill(fill);
    return a;
  }
  u8(n: number): Uint8Array {
    return this.shared ? new Uint8Array(new SharedArrayBuffer(n)) : new Uint8Array(n);
  }
}

/** Every per-slot column, by name: what a worker thread receives (the buffers, shared). */
export type ColumnSet = Record<string, Float64Array | Int32Array | Uint8Array>;

export class VehicleColumns {
  /** Number of slots. */
  capacity: number;

  // What the slot holds.
  kind!: Uint8Array;
  /** Creation sequence number: unique, the tie-break of every ordering. */
  seq!: Float64Array;

  // The vehicle (type limits).
  lengthM!: Float64Array;
  halfLengthM!: Float64Array;
  widthM!: Float64Array;
  maxSpeedMps!: Float64Array;
  /** The type's deceleration limit (m/s², positive). */
  maxDecelMps2!: Float64Array;

  // The driver (drawn once; see DriverProfile).
  speedFactor!: Float64Array;
  headwayS!: Float64Array;
  minGapM!: Float64Array;
  accelMps2!: Float64Array;
  decelMps2!: Float64Array;
  politeness!: Float64Array;
  thresholdMps2!: Float64Array;
  imperfection!: Float64Array;
  /** 2·√(accel · decel), the IDM's braking term's denominator (derived from the two). */
  idmRootMps2!: Float64Array;

  // Where it is.
  /** Lane ordinal of the box centre. */
  lane!: Int32Array;
  /** Arc length of the box centre along `lane` (m). */
  s!: Float64Array;
  /** Lateral offset from the lane centre (m, left positive); non-zero only while a change settles. */
  t!: Float64Array;
  speedMps!: Float64Array;
  /** Acceleration applied over the last step (m/s²). */
  lastAccelMps2!: Float64Array;
  /** The lane before `lane` (its tail may still be there), or −1. */
  prevLane!: Int32Array;

  // Where it goes.
  /** Index in its route of the road it is on (or last left, inside a junction). */
  routeIndex!: Int32Array;
  /** 1: a random route, extended as it drives; it arrives only at a dead end. */
  endless!: Uint8Array;
  /** Arrival when the front passes this offset on the route's last road (m; Infinity: its end). */
  arrivalS!: Float64Array;
  /** Planned lanes: `pathLane[slot · PATH_CAPACITY + k]`, k < pathLen; k = 0 is `lane`. */
  pathLane!: Int32Array;
  /** The junction link entered at the start of path lane k, or −1. */
  pathLink!: Int32Array;
  pathLen!: Int32Array;
  /** Summed length of the path's lanes (m). */
  pathDistM!: Float64Array;
  pathEnd!: Uint8Array;

  // Lateral motion and lane changes.
  /** The lane a change leaves (the vehicle is still partly on it), or −1. */
  lcFrom!: Int32Array;
  lcT0!: Float64Array;
  /** Progress 0 … 1 of the lateral motion; 1: none under way. */
  lcProgress!: Float64Array;
  lcAngleRad!: Float64Array;
  /** Distance the lateral motion is spread over (m). */
  lcDistM!: Float64Array;
  /** `s` on `lcFrom` minus `s` on `lane` (m). */
  sideOffsetM!: Float64Array;
  /** `lcFrom` and the lanes the route would take after it: `sidePath[slot · SIDE_PATH_CAPACITY + k]`. */
  sidePath!: Int32Array;
  sidePathLen!: Int32Array;
  sidePathDead!: Uint8Array;
  /** Drivable distance on the route per lane index of the current road, without changing lanes (m). */
  contM!: Float64Array;
  bestContM!: Float64Array;
  /** `contM` of the lane the vehicle is on (read every step; the table only when a change is considered). */
  contHereM!: Float64Array;

  // Junctions and jams.
  /** The link whose junction the vehicle is in (until its rear clears it), or −1. */
  curLink!: Int32Array;
  /** Distance the centre travelled since that link's stop line (m). */
  sinceLinkM!: Float64Array;
  /** Time waiting at a stop line (s). */
  waitS!: Float64Array;
  /** Time standing at a dead lane end (s). */
  stuckS!: Float64Array;
  /** Time standing at the head of a jam (s). */
  jamS!: Float64Array;
  /** Sequence number of the vehicle whose claim last stopped this one at a junction, or −1. */
  blockedBySeq!: Float64Array;
  /** The link the vehicle decided to enter at the last step's decision, or −1 (it keeps its turn). */
  passLink!: Int32Array;

  // This step's perception and plan (recomputed every step; not part of snapshots).
  leaderGapM!: Float64Array;
  leaderSpeedMps!: Float64Array;
  /** Leader on the lane being left: gap (m) and speed (m/s). */
  gap2M!: Float64Array;
  speed2Mps!: Float64Array;
  /** Acceleration limit from slower lanes ahead (m/s²). */
  limitAccelMps2!: Float64Array;
  /** The link ahead it must stop at this step, or −1, and the distance front → its stop line (m). */
  stopLink!: Int32Array;
  stopDistM!: Float64Array;
  /** How far the front may go before meeting a long vehicle's swing over its stop line (m). */
  swingGapM!: Float64Array;
  /** Contested links this far ahead are decided this step (m). */
  decideLookM!: Float64Array;
  /** Planned acceleration (m/s²). */
  accelPlanMps2!: Float64Array;
  /** Junction registrations: `regLink[slot · MAX_REGS + k]`, `regDFrontM`, k < regCount. */
  regLink!: Int32Array;
  regDFrontM!: Float64Array;
  /** Bit 0: committed (cannot stop between this link and the junction before it). */
  regFlags!: Uint8Array;
  regCount!: Int32Array;
  /** The registration decided this step (index k), or −1. */
  decider!: Int32Array;
  /** A wanted lane change: target lane (−1: none), its arc length and lateral offset there, and whether strategic. */
  lcWantLane!: Int32Array;
  lcWantS!: Float64Array;
  lcWantT!: Float64Array;
  /**
   * A vehicle beside and ahead that asked this one to let it in (cooperative lane changing), made in
   * the lane-change phase and perceived in the next step's perceive, or −1.
   */
  yieldTo!: Int32Array;
  /** The last tick the request in `yieldTo` holds for. */
  yieldUntilTick!: Int32Array;

  // What is reported.
  x!: Float64Array;
  y!: Float64Array;
  headingRad!: Float64Array;
  /** Whether the pose must be recomputed (the vehicle moved, or what its pose depends on changed). */
  poseDirty!: Uint8Array;
  /** The centreline segment of `lane` the centre was on at the last pose, and that lane (−1: none yet). */
  segIndex!: Int32Array;
  segLane!: Int32Array;

  private readonly alloc: ColumnAllocator;

  constructor(capacity: number, shared: boolean) {
    this.capacity = capacity;
    this.alloc = new ColumnAllocator(shared);
    this.allocate(capacity);
  }

  /** Whether the columns are in shared memory. */
  get shared(): boolean {
    return this.alloc.shared;
  }

  /** Doubles the capacity (at least to `needed`), keeping every slot's data. */
  grow(needed: number): void {
    let cap = this.capacity;
    while (cap < needed) cap *= 2;
    if (cap === this.capacity) return;
    const old = this.columns();
    this.capacity = cap;
    this.allocate(cap);
    const now = this.columns();
    // Columns of several entries per slot keep slot k's entries at the same offsets.
    for (const name of Object.keys(old)) (now[name] as Float64Array).set(old[name] as Float64Array, 0);
  }

  /** Every column by name (for worker threads and growth). */
  columns(): ColumnSet {
    const out: ColumnSet = {};
    for (const [name, value] of Object.entries(this))
      if (value instanceof Float64Array || value instanceof Int32Array || value instanceof Uint8Array)
        out[name] = value;
    return out;
  }

  /** Every column with its number of entries per slot (for moving slots). */
  fields(): { array: Float64Array | Int32Array | Uint8Array; width: number }[] {
    return Object.values(this.columns()).map((array) => ({ array, width: array.length / this.capacity }));
  }

  /** Takes over columns made elsewhere (a worker receiving the engine's shared buffers). */
  adopt(columns: ColumnSet, capacity: number): void {
    this.capacity = capacity;
    Object.assign(this, columns);
  }

  private allocate(n: number): void {
    const a = this.alloc;
    this.kind = a.u8(n);
    this.seq = a.f64(n);
    this.lengthM = a.f64(n);
    this.halfLengthM = a.f64(n);
    this.widthM = a.f64(n);
    this.maxSpeedMps = a.f64(n);
    this.maxDecelMps2 = a.f64(n);
    this.speedFactor = a.f64(n);
    this.headwayS = a.f64(n);
    this.minGapM = a.f64(n);
    this.accelMps2 = a.f64(n);
    this.decelMps2 = a.f64(n);
    this.politeness = a.f64(n);
    this.thresholdMps2 = a.f64(n);
    this.imperfection = a.f64(n);
    this.idmRootMps2 = a.f64(n);
    this.lane = a.i32(n, -1);
    this.s = a.f64(n);
    this.t = a.f64(n);
    this.speedMps = a.f64(n);
    this.lastAccelMps2 = a.f64(n);
    this.prevLane = a.i32(n, -1);
    this.routeIndex = a.i32(n);
    this.endless = a.u8(n);
    this.arrivalS = a.f64(n);
    this.pathLane = a.i32(n * PATH_CAPACITY, -1);
    this.pathLink = a.i32(n * PATH_CAPACITY, -1);
    this.pathLen = a.i32(n);
    this.pathDistM = a.f64(n);
    this.pathEnd = a.u8(n);
    this.lcFrom = a.i32(n, -1);
    this.lcT0 = a.f64(n);
    this.lcProgress = a.f64(n);
    this.lcAngleRad = a.f64(n);
    this.lcDistM = a.f64(n);
    this.sideOffsetM = a.f64(n);
    this.sidePath = a.i32(n * SIDE_PATH_CAPACITY, -1);
    this.sidePathLen = a.i32(n);
    this.sidePathDead = a.u8(n);
    this.contM = a.f64(n * CONT_LANES);
    this.bestContM = a.f64(n);
    this.contHereM = a.f64(n);
    this.curLink = a.i32(n, -1);
    this.sinceLinkM = a.f64(n);
    this.waitS = a.f64(n);
    this.stuckS = a.f64(n);
    this.jamS = a.f64(n);
    this.blockedBySeq = a.f64(n);
    this.passLink = a.i32(n, -1);
    this.leaderGapM = a.f64(n);
    this.leaderSpeedMps = a.f64(n);
    this.gap2M = a.f64(n);
    this.speed2Mps = a.f64(n);
    this.limitAccelMps2 = a.f64(n);
    this.stopLink = a.i32(n, -1);
    this.stopDistM = a.f64(n);
    this.swingGapM = a.f64(n);
    this.decideLookM = a.f64(n);
    this.accelPlanMps2 = a.f64(n);
    this.regLink = a.i32(n * MAX_REGS, -1);
    this.regDFrontM = a.f64(n * MAX_REGS);
    this.regFlags = a.u8(n * MAX_REGS);
    this.regCount = a.i32(n);
    this.decider = a.i32(n, -1);
    this.lcWantLane = a.i32(n, -1);
    this.lcWantS = a.f64(n);
    this.lcWantT = a.f64(n);
    this.yieldTo = a.i32(n, -1);
    this.yieldUntilTick = a.i32(n, -1);
    this.x = a.f64(n);
    this.y = a.f64(n);
    this.headingRad = a.f64(n);
    this.poseDirty = a.u8(n);
    this.segIndex = a.i32(n);
    this.segLane = a.i32(n, -1);
  }
}
