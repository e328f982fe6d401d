/**
 * Step phase 4 (DESIGN.md §4), second half: turns each step's contacts into collision *events*.
 *
 * A collision is one continuous contact between two vehicles: it begins at the first tick the pair
 * touches and lasts while the pair touches at every update; only after the pair has been apart for at
 * least one update can a new collision between them begin. Pairs are keyed by stable vehicle ids,
 * never by positions in a step's box list (those shift as vehicles come and go). A vehicle that
 * leaves the simulation simply stops appearing in contacts; its open contacts close.
 */
import type { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import type { CollisionPairs } from "./CollisionPairs.js";

/** A stable vehicle id: a per-simulation integer or a scenario name. */
export type VehicleId = number | string;

/** A collision that began at `tick` between vehicles `a` and `b` (`a < b`). */
export interface CollisionEvent<Id extends VehicleId = number> {
  /** Tick at which the contact began (integer). */
  tick: number;
  /** The smaller vehicle id of the pair. */
  a: Id;
  /** The larger vehicle id of the pair. */
  b: Id;
}

/** A contact still going on at the last update. */
export interface CollisionContact<Id extends VehicleId = number> {
  a: Id;
  b: Id;
  /** Tick at which this contact began (integer). */
  sinceTick: number;
}

/** The tracker's state as plain JSON data, for snapshot/restore. */
export interface CollisionTrackerState<Id extends VehicleId = number> {
  /** Tick of the last update, or null before the first. */
  lastTick: number | null;
  /** Open contacts, sorted by `a` then `b`. */
  contacts: CollisionContact<Id>[];
}

interface OpenContact {
  sinceTick: number;
  /** Tick of the last update that saw this contact. */
  seenTick: number;
}

/** Tracks contacts across steps and reports each collision once, when it begins. */
export class CollisionTracker<Id extends VehicleId = number> {
  private _lastTick: number | null = null;
  /** Open contacts: smaller id → larger id → contact. */
  private readonly _open = new Map<Id, Map<Id, OpenContact>>();

  /** Tick of the last update, or null before the first. */
  get lastTick(): number | null {
    return this._lastTick;
  }

  /**
   * Feeds the contacts of one step (each pair in either order; repeats ignored) and returns the
   * collisions that began at this tick, sorted by `a` then `b`.
   * @param tick this step's tick; must be greater than the previous update's
   * @throws when ticks do not increase or a pair names one vehicle twice
   */
  update(tick: number, contacts: Iterable<readonly [Id, Id]>): CollisionEvent<Id>[] {
    if (!Number.isInteger(tick)) throw new Error(`CollisionTracker: tick must be an integer, got ${tick}`);
    if (this._lastTick !== null && tick <= this._lastTick) {
      throw new Error(`CollisionTracker: tick ${tick} is not after the previous update's tick ${this._lastTick}`);
    }
    const began: CollisionEvent<Id>[] = [];
    for (const [p, q] of contacts) {
      if (p === q)
        throw new Error(`CollisionTracker: vehicle ${String(p)} is reported in contact with itself at tick ${tick}`);
      const a = p < q ? p : q,
        b = p < q ? q : p;
      let partners = this._open.get(a);
      if (partners === undefined) {
        partners = new Map();
        this._open.set(a, partners);
      }
      const open = partners.get(b);
      if (open === undefined) {
        partners.set(b, { sinceTick: tick, seenTick: tick });
        began.push({ tick, a, b });
      } else {
        open.seenTick = tick; // still touching since the last update (or a repeat this tick)
      }
    }
    // Contacts not seen this tick have ended.
    for (const [a, partners] of this._open) {
      for (const [b, open] of partners) if (open.seenTick !== tick) partners.delete(b);
      if (partners.size === 0) this._open.delete(a);
    }
    this._lastTick = tick;
    return began.sort(byPair);
  }

  /**
   * {@link update} from `detectCollisions`'s output: positions in `pairs` are mapped to ids
   * through `boxes.ids` (integer vehicle ids).
   */
  updateFromPairs(
    this: CollisionTracker<number>,
    tick: number,
    pairs: CollisionPairs,
    boxes: VehicleBoxes,
  ): CollisionEvent<number>[] {
    const contacts: [number, number][] = [];
    for (let k = 0; k < pairs.count; k++) contacts.push([boxes.ids[pairs.first(k)], boxes.ids[pairs.second(k)]]);
    return this.update(tick, contacts);
  }

  /** Contacts open at the last update, sorted by `a` then `b`. */
  activeContacts(): CollisionContact<Id>[] {
    const out: CollisionContact<Id>[] = [];
    for (const [a, partners] of this._open)
      for (const [b, open] of partners) out.push({ a, b, sinceTick: open.sinceTick });
    return out.sort(byPair);
  }

  /** The state as plain JSON data. */
  getState(): CollisionTrackerState<Id> {
    return { lastTick: this._lastTick, contacts: this.activeContacts() };
  }

  /** Restores a state from {@link getState}; the next update continues exactly as the original would. */
  setState(state: CollisionTrackerState<Id>): void {
    this._open.clear();
    this._lastTick = state.lastTick;
    for (const { a, b, sinceTick } of state.contacts) {
      let partners = this._open.get(a);
      if (partners === undefined) {
        partners = new Map();
        this._open.set(a, partners);
      }
      partners.set(b, { sinceTick, seenTick: state.lastTick ?? sinceTick });
    }
  }
}

function byPair<Id extends VehicleId>(u: { a: Id; b: Id }, v: { a: Id; b: Id }): number {
  if (u.a !== v.a) return u.a < v.a ? -1 : 1;
  if (u.b !== v.b) return u.b < v.b ? -1 : 1;
  return 0;
}
