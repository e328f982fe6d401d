/**
 * Who is on each lane: per lane, a doubly linked list of *occupants* ordered by the arc length `s` of
 * their box centre along that lane (ties by the vehicle's sequence number: a total order), from the
 * back of the lane to its front. Neighbours in the list are a vehicle's leader and follower on the
 * lane, so those queries cost one array read, and a lane's last vehicle (the one a vehicle arriving
 * from behind meets first) is `back[lane]`.
 *
 * A vehicle in slot v has up to three occupants: `3v` on the lane its centre is on, `3v + 1` (the
 * *tail*) on the previous lane while its rear is still there, `3v + 2` (the *side*) on the lane it is
 * leaving during a lane change — so followers on every lane it covers see it. Foreign vehicles
 * (agents) have occupants the same way, placed afresh every step.
 *
 * Vehicles on one lane never pass each other (car following forbids it), so positions change without
 * changing the order; {@link LaneLists.moved} restores it locally where a tie or a tail says otherwise.
 */
import { ColumnAllocator, type ColumnSet } from "./VehicleColumns.js";

/** Occupant kinds: the offset from `3 · slot`. */
export const OccKind = { Primary: 0, Tail: 1, Side: 2 } as const;

export class LaneLists {
  /** Front-most and back-most occupant per lane ordinal, or −1. */
  front: Int32Array;
  back: Int32Array;
  /** Occupants per lane. */
  count: Int32Array;
  /** Per occupant: its lane (−1: in no list), its centre's arc length on that lane (m), its neighbours. */
  occLane: Int32Array;
  occS: Float64Array;
  /** The occupant ahead (higher s), or −1. */
  occNext: Int32Array;
  /** The occupant behind (lower s), or −1. */
  occPrev: Int32Array;
  /** Sequence number per slot (the engine's column: the order's tie-break). */
  seq: Float64Array;

  private readonly alloc: ColumnAllocator;

  constructor(laneCount: number, capacity: number, seq: Float64Array, shared: boolean) {
    this.alloc = new ColumnAllocator(shared);
    const a = this.alloc;
    this.front = a.i32(laneCount, -1);
    this.back = a.i32(laneCount, -1);
    this.count = a.i32(laneCount);
    this.occLane = a.i32(3 * capacity, -1);
    this.occS = a.f64(3 * capacity);
    this.occNext = a.i32(3 * capacity, -1);
    this.occPrev = a.i32(3 * capacity, -1);
    this.seq = seq;
  }

  /** Grows the occupant arrays to `capacity` slots (keeping them), and takes the new sequence column. */
  grow(capacity: number, seq: Float64Array): void {
    this.seq = seq;
    const n = 3 * capacity;
    if (this.occLane.length >= n) return;
    const a = this.alloc;
    const lane = a.i32(n, -1);
    lane.set(this.occLane);
    const s = a.f64(n);
    s.set(this.occS);
    const next = a.i32(n, -1);
    next.set(this.occNext);
    const prev = a.i32(n, -1);
    prev.set(this.occPrev);
    this.occLane = lane;
    this.occS = s;
    this.occNext = next;
    this.occPrev = prev;
  }

  /** Every array by name (for worker threads). */
  columns(): ColumnSet {
    return {
      front: this.front,
      back: this.back,
      count: this.count,
      occLane: this.occLane,
      occS: this.occS,
      occNext: this.occNext,
      occPrev: this.occPrev,
    };
  }

  /** Takes over arrays made elsewhere (a worker receiving the engine's shared buffers). */
  adopt(columns: ColumnSet, seq: Float64Array): void {
    Object.assign(this, columns);
    this.seq = seq;
  }

  /** Empties every list. */
  clear(): void {
    this.front.fill(-1);
    this.back.fill(-1);
    this.count.fill(0);
    this.occLane.fill(-1);
    this.occNext.fill(-1);
    this.occPrev.fill(-1);
  }

  /** Whether occupant a comes before (behind) occupant b in a lane's order. */
  before(a: number, b: number): boolean {
    const sa = this.occS[a],
      sb = this.occS[b];
    return sa < sb || (sa === sb && this.seq[(a / 3) | 0] < this.seq[(b / 3) | 0]);
  }

  /** Puts occupant `o` on `lane` at arc length `s`, in order. */
  insert(o: number, lane: number, s: number): void {
    if (this.occLane[o] >= 0) this.remove(o);
    this.occLane[o] = lane;
    this.occS[o] = s;
    this.count[lane]++;
    const back = this.back[lane];
    if (back < 0) {
      this.front[lane] = this.back[lane] = o;
      this.occNext[o] = this.occPrev[o] = -1;
      return;
    }
    // From whichever end is nearer in the usual cases: entering at a lane's start or its end.
    let ahead: number;
    if (!this.before(back, o)) ahead = back;
    else {
      let behind = this.front[lane];
      while (behind >= 0 && this.before(o, behind)) behind = this.occPrev[behind];
      ahead = behind < 0 ? this.back[lane] : this.occNext[behind];
    }
    this.link(o, lane, ahead);
  }

  /** Takes occupant `o` out of its list (no-op when in none). */
  remove(o: number): void {
    const lane = this.occLane[o];
    if (lane < 0) return;
    const next = this.occNext[o],
      prev = this.occPrev[o];
    if (next >= 0) this.occPrev[next] = prev;
    else this.front[lane] = prev;
    if (prev >= 0) this.occNext[prev] = next;
    else this.back[lane] = next;
    this.occLane[o] = -1;
    this.occNext[o] = this.occPrev[o] = -1;
    this.count[lane]--;
  }

  /** Sets occupant `o`'s arc length to `s` (greater or equal: it moved forward) and restores the order. */
  moved(o: number, s: number): void {
    this.occS[o] = s;
    let next = this.occNext[o];
    if (next < 0 || this.before(next, o) === false) return;
    const lane = this.occLane[o];
    // Passed one or more occupants ahead (a tie resolved, or a tail placed beyond a slower one).
    this.remove(o);
    while (next >= 0 && this.before(next, o)) next = this.occNext[next];
    this.relink(o, lane, next);
  }

  /** Puts occupant `o` (in no list) back into `lane`'s list right behind `ahead` (−1: at the front), at its `occS`. */
  relink(o: number, lane: number, ahead: number): void {
    this.occLane[o] = lane;
    this.count[lane]++;
    this.link(o, lane, ahead);
  }

  /** Links `o` into `lane`'s list right behind `ahead` (−1: at the front). */
  private link(o: number, lane: number, ahead: number): void {
    const behind = ahead < 0 ? this.front[lane] : this.occPrev[ahead];
    this.occNext[o] = ahead;
    this.occPrev[o] = behind;
    if (ahead >= 0) this.occPrev[ahead] = o;
    else this.front[lane] = o;
    if (behind >= 0) this.occNext[behind] = o;
    else this.back[lane] = o;
  }

  /** The first occupant on `lane` ahead of key (s, seq) whose slot is not `self`, or −1. */
  aheadOf(lane: number, s: number, seq: number, self: number): number {
    let o = this.back[lane];
    const occS = this.occS;
    while (o >= 0) {
      const so = occS[o];
      if ((so > s || (so === s && this.seq[(o / 3) | 0] > seq)) && ((o / 3) | 0) !== self) return o;
      o = this.occNext[o];
    }
    return -1;
  }

  /** The last occupant on `lane` behind key (s, seq) whose slot is not `self`, or −1. */
  behindOf(lane: number, s: number, seq: number, self: number): number {
    let o = this.front[lane];
    const occS = this.occS;
    while (o >= 0) {
      const so = occS[o];
      if ((so < s || (so === s && this.seq[(o / 3) | 0] < seq)) && ((o / 3) | 0) !== self) return o;
      o = this.occPrev[o];
    }
    return -1;
  }

  /** The back-most occupant on `lane` whose slot is not `self`, or −1. */
  backOf(lane: number, self: number): number {
    let o = this.back[lane];
    while (o >= 0 && ((o / 3) | 0) === self) o = this.occNext[o];
    return o;
  }

  /** The front-most occupant on `lane` whose slot is not `self`, or −1. */
  frontOf(lane: number, self: number): number {
    let o = this.front[lane];
    while (o >= 0 && ((o / 3) | 0) === self) o = this.occPrev[o];
    return o;
  }
}
