/**
 * The state one traffic engine steps: the network's tables (LocalNetwork, read-only) with the few
 * numbers the hot loops read per lane and per link copied into typed arrays, the vehicle columns,
 * the lane lists, the live slots in creation order (the order every sequential phase visits them in),
 * and the per-slot data that stays on the main thread (ids, routes).
 *
 * The columns and lists can live in shared memory (`shared`), so that a runner on other threads could
 * step the parallel phases over them; ids and routes stay on the calling thread.
 */
import type { Road } from "../../../core/road/Road.js";
import type { DriverProfile } from "../DriverProfile.js";
import type { JunctionLink, LaneData, LocalNetwork } from "../LocalNetwork.js";
import { LaneLists } from "./LaneLists.js";
import { SlotKind, VehicleColumns } from "./VehicleColumns.js";

/** Numbers per centreline point in {@link NetIndex.laneGeo}: x, y, arc length, segment heading. */
export const GEO_STRIDE = 4;

/**
 * Per-lane and per-link numbers of the hot loops, by lane ordinal and link index, in typed arrays: on a
 * city-sized network the lane and link objects lie scattered over a large heap, and every object read
 * in a vehicle's step is a likely cache miss.
 */
export class NetIndex {
  readonly laneLength: Float64Array;
  readonly laneSpeed: Float64Array;
  /** Length of a lane that folds the path back on itself (LaneData.foldM), else 0 (m). */
  readonly laneFold: Float64Array;
  readonly laneInternal: Uint8Array;
  readonly linkContested: Uint8Array;
  readonly linkViaLength: Float64Array;
  /** Speed limit of the link's first lane (m/s). */
  readonly linkFirstSpeed: Float64Array;
  /**
   * Siblings of each lane (LaneData.siblings) as flat lists: lane `l`'s are entries
   * `laneSibStart[l] … laneSibStart[l + 1] − 1` of `laneSibLane` (ordinal) and `laneSibOverlap` (m).
   */
  readonly laneSibStart: Int32Array;
  readonly laneSibLane: Int32Array;
  readonly laneSibOverlap: Float64Array;
  /** Foe and response links of each link (JunctionLink.conflictIndex) as one flat list, by `linkConflictStart`. */
  readonly linkConflictStart: Int32Array;
  readonly linkConflicts: Int32Array;
  /**
   * Each lane's centreline in one array: point i of lane `l` is at `laneGeoStart[l] + GEO_STRIDE · i` —
   * x, y, arc length (LaneData.xs, ys, cum) and the heading of the segment from it (segHeading; 0 at
   * the last point). The pose of a vehicle reads one contiguous stretch instead of four arrays.
   */
  readonly laneGeoStart: Int32Array;
  readonly laneGeo: Float64Array;

  constructor(readonly net: LocalNetwork) {
    const lanes = net.lanes;
    this.laneLength = Float64Array.from(lanes, (d) => d.lengthM);
    this.laneSpeed = Float64Array.from(lanes, (d) => d.speedLimitMps);
    this.laneFold = Float64Array.from(lanes, (d) => d.foldM);
    this.laneInternal = Uint8Array.from(lanes, (d) => (d.internal ? 1 : 0));
    const links = net.links;
    this.linkContested = Uint8Array.from(links, (l) => (l.contested ? 1 : 0));
    this.linkViaLength = Float64Array.from(links, (l) => l.viaLengthM);
    this.linkFirstSpeed = Float64Array.from(links, (l) => l.first.speedLimitMps);
    this.laneSibStart = offsets(lanes.length, (l) => lanes[l].siblings.length);
    const sibs = this.laneSibStart[lanes.length];
    this.laneSibLane = new Int32Array(sibs);
    this.laneSibOverlap = new Float64Array(sibs);
    for (let l = 0; l < lanes.length; l++) {
      const list = lanes[l].siblings;
      for (let k = 0; k < list.length; k++) {
        this.laneSibLane[this.laneSibStart[l] + k] = list[k].lane.ordinal;
        this.laneSibOverlap[this.laneSibStart[l] + k] = list[k].overlapM;
      }
    }
    this.linkConflictStart = offsets(links.length, (i) => links[i].conflictIndex.length);
    this.linkConflicts = new Int32Array(this.linkConflictStart[links.length]);
    for (let i = 0; i < links.length; i++) this.linkConflicts.set(links[i].conflictIndex, this.linkConflictStart[i]);
    this.laneGeoStart = offsets(lanes.length, (l) => GEO_STRIDE * lanes[l].cum.length);
    this.laneGeo = new Float64Array(this.laneGeoStart[lanes.length]);
    for (let l = 0; l < lanes.length; l++) {
      const d = lanes[l];
      const at = this.laneGeoStart[l];
      for (let i = 0; i < d.cum.length; i++) {
        this.laneGeo[at + GEO_STRIDE * i] = d.xs[i];
        this.laneGeo[at + GEO_STRIDE * i + 1] = d.ys[i];
        this.laneGeo[at + GEO_STRIDE * i + 2] = d.cum[i];
        this.laneGeo[at + GEO_STRIDE * i + 3] = i < d.segHeading.length ? d.segHeading[i] : 0;
      }
    }
  }

  lane(ordinal: number): LaneData {
    return this.net.lanes[ordinal];
  }

  link(index: number): JunctionLink {
    return this.net.links[index];
  }
}

/**
 * Start offsets of `count` variable-length rows packed into one flat array (compressed-row layout):
 * row i occupies [start[i], start[i + 1]); start[count] is the total length.
 */
function offsets(count: number, rowLength: (i: number) => number): Int32Array {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) start[i + 1] = start[i] + rowLength(i);
  return start;
}

/** Slots a fresh engine starts with (grown by doubling). */
const INITIAL_CAPACITY = 256;

export class TrafficState {
  readonly index: NetIndex;
  cols: VehicleColumns;
  readonly lists: LaneLists;
  /** Live driven slots in creation order: `order[0 … count − 1]`. */
  order: Int32Array;
  count = 0;
  /** Foreign slots of this step (agents). */
  foreign: number[] = [];
  /** Highest slot in use + 1: new vehicles take the next slot, so slot order is creation order. */
  private used = 0;
  /** Free slots below `used` (left by vehicles that have gone). */
  private holes = 0;

  // Per slot, main thread only.
  ids: string[] = [];
  typeIds: string[] = [];
  vClasses: string[] = [];
  routes: Road[][] = [];

  /** Step length (s) and the last tick computed. */
  readonly dtS: number;
  tick = 0;
  /** Next sequence number. */
  nextSeq = 0;
  /** Lateral acceleration drivers keep to in bends (m/s²; LocalTrafficOptions.bendLateralAccelMps2). */
  bendLateralMps2 = 0;
  /** Key of the counter-based random numbers of driver imperfection (two 32-bit words). */
  noiseKey0: number;
  noiseKey1: number;

  constructor(net: LocalNetwork, dtS: number, noiseKey: readonly number[], shared: boolean) {
    this.index = new NetIndex(net);
    this.dtS = dtS;
    this.cols = new VehicleColumns(INITIAL_CAPACITY, shared);
    this.lists = new LaneLists(net.lanes.length, INITIAL_CAPACITY, this.cols.seq, shared);
    this.order = new Int32Array(INITIAL_CAPACITY);
    this.noiseKey0 = noiseKey[0] | 0;
    this.noiseKey1 = noiseKey[1] | 0;
  }

  get net(): LocalNetwork {
    return this.index.net;
  }

  /**
   * The next slot, for a vehicle of `kind` (growing the columns when none is left). Slots are handed
   * out in order, so the step, visiting vehicles in creation order, reads every column front to back
   * (the memory order); {@link compactIfSparse} closes the holes vehicles leave.
   */
  allocate(kind: number): number {
    if (this.used >= this.cols.capacity) this.grow(this.used + 1);
    const slot = this.used++;
    this.cols.kind[slot] = kind;
    return slot;
  }

  /** Highest slot in use + 1 (every slot below may hold a vehicle). */
  get highestSlot(): number {
    return this.used;
  }

  /** Frees `slot` (its occupants must be off their lanes already). */
  release(slot: number): void {
    const kind = this.cols.kind;
    kind[slot] = SlotKind.Free;
    this.ids[slot] = "";
    this.routes[slot] = [];
    if (slot !== this.used - 1) {
      this.holes++;
      return;
    }
    this.used--;
    while (this.used > 0 && this.holes > 0 && kind[this.used - 1] === SlotKind.Free) {
      this.used--;
      this.holes--;
    }
  }

  /**
   * Moves the driven vehicles down into the holes when more than a quarter of the used slots are
   * free, so that slot k is the k-th vehicle in creation order again. Only between steps, with no
   * foreign vehicle placed: lane lists are renumbered, nothing else may hold a slot across it.
   * Returns whether it compacted.
   */
  compactIfSparse(): boolean {
    if (this.holes <= 32 || 4 * this.holes <= this.used) return false;
    if (this.foreign.length > 0) throw new Error("local traffic: slots compacted while foreign vehicles are placed");
    const c = this.cols;
    const lists = this.lists;
    const remap = new Int32Array(this.used).fill(-1);
    for (let i = 0; i < this.count; i++) remap[this.order[i]] = i;
    const fields = c.fields();
    for (let i = 0; i < this.count; i++) {
      const from = this.order[i];
      this.order[i] = i;
      if (from === i) continue;
      for (const { array, width } of fields) {
        if (width === 1) array[i] = array[from];
        else array.copyWithin(i * width, from * width, (from + 1) * width);
      }
      this.ids[i] = this.ids[from];
      this.typeIds[i] = this.typeIds[from];
      this.vClasses[i] = this.vClasses[from];
      this.routes[i] = this.routes[from];
      for (let k = 0; k < 3; k++) {
        lists.occLane[3 * i + k] = lists.occLane[3 * from + k];
        lists.occS[3 * i + k] = lists.occS[3 * from + k];
        lists.occNext[3 * i + k] = lists.occNext[3 * from + k];
        lists.occPrev[3 * i + k] = lists.occPrev[3 * from + k];
      }
    }
    // The one column that holds slots across steps: cooperation requests (LaneChanger.askForGap).
    for (let i = 0; i < this.count; i++) {
      const y = c.yieldTo[i];
      c.yieldTo[i] = y < 0 ? -1 : remap[y];
    }
    const renumber = (o: number) => (o < 0 ? o : 3 * remap[(o / 3) | 0] + (o % 3));
    const n = 3 * this.count;
    for (let o = 0; o < n; o++) {
      lists.occNext[o] = renumber(lists.occNext[o]);
      lists.occPrev[o] = renumber(lists.occPrev[o]);
    }
    for (let lane = 0; lane < lists.front.length; lane++) {
      lists.front[lane] = renumber(lists.front[lane]);
      lists.back[lane] = renumber(lists.back[lane]);
    }
    lists.occLane.fill(-1, n, 3 * this.used);
    c.kind.fill(SlotKind.Free, this.count, this.used);
    this.ids.length = this.typeIds.length = this.vClasses.length = this.routes.length = this.count;
    this.used = this.count;
    this.holes = 0;
    return true;
  }

  /** Appends a driven slot to the step order. */
  push(slot: number): void {
    if (this.count >= this.order.length) {
      const bigger = new Int32Array(2 * this.order.length);
      bigger.set(this.order);
      this.order = bigger;
    }
    this.order[this.count++] = slot;
  }

  /** Drops the slots marked free from the step order, keeping the order of the rest. */
  compact(): void {
    const order = this.order;
    const kind = this.cols.kind;
    let k = 0;
    for (let i = 0; i < this.count; i++) if (kind[order[i]] === SlotKind.Driven) order[k++] = order[i];
    this.count = k;
  }

  /** Forgets every vehicle (a new episode, or a restore). */
  reset(): void {
    this.count = 0;
    this.foreign = [];
    this.used = 0;
    this.holes = 0;
    this.cols.kind.fill(SlotKind.Free);
    this.lists.clear();
    this.ids = [];
    this.typeIds = [];
    this.vClasses = [];
    this.routes = [];
    this.nextSeq = 0;
  }

  /** Sets `slot`'s driver columns from a drawn profile. */
  setDriver(slot: number, d: DriverProfile): void {
    const c = this.cols;
    c.speedFactor[slot] = d.speedFactor;
    c.headwayS[slot] = d.headwayS;
    c.minGapM[slot] = d.minGapM;
    c.accelMps2[slot] = d.accelMps2;
    c.decelMps2[slot] = d.decelMps2;
    c.politeness[slot] = d.politeness;
    c.thresholdMps2[slot] = d.laneChangeThresholdMps2;
    c.imperfection[slot] = d.imperfection;
    c.idmRootMps2[slot] = 2 * Math.sqrt(d.accelMps2 * d.decelMps2);
  }

  /** Desired speed of `slot` on lane `lane` (m/s): the limit × its speed factor, capped by its top speed. */
  desiredSpeed(slot: number, lane: number): number {
    const v = this.index.laneSpeed[lane] * this.cols.speedFactor[slot];
    const max = this.cols.maxSpeedMps[slot];
    return v < max ? v : max;
  }

  private grow(needed: number): void {
    this.cols.grow(needed);
    this.lists.grow(this.cols.capacity, this.cols.seq);
  }
}
