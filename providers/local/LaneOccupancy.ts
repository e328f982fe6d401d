/**
 * Who is on each lane: per lane, a list of occupants sorted by their centre's arc length `s` along
 * that lane (ties by sequence number, so the order is total and a rebuilt list equals the kept one).
 *
 * A provider vehicle has one occupant on the lane its centre is on, and while it straddles a
 * boundary it has more: a *tail* on the previous lane while its rear is still there, and a *side*
 * occupant on the lane it is leaving during a lane change — so followers on every lane it covers see
 * it. Vehicles of the frame that the provider does not drive (agents) are *foreign* occupants,
 * placed afresh every step. Lists are kept sorted incrementally: occupants move forward a little each
 * step, so one insertion-sort pass (linear on a nearly sorted list) restores the order.
 */
import type { TrafficVehicle } from "./TrafficVehicle.js";

/** What a query reads of the vehicle asking: its own occupant, whose place in the list answers own-lane queries. */
export type OccupantOwner = Pick<TrafficVehicle, "occ">;

/** One vehicle's presence on one lane. */
export class Occupant {
  /** The provider vehicle, or null for a foreign vehicle. */
  veh: TrafficVehicle | null = null;
  /** Tie-break key: the vehicle's sequence number (foreign: 2^40 + frame index). */
  seq = 0;
  /** Centre's arc length along this lane (m); may lie beyond the lane's ends for tails. */
  s = 0;
  /** Half the vehicle's length (m). */
  halfLength = 0;
  /** Half the vehicle's width (m). */
  halfWidth = 0;
  /** Speed along the lane (m/s). */
  speedMps = 0;
  /** The lane list this occupant is in, or null. */
  list: OccupantList | null = null;
  /** Its position in that list (kept by the list). */
  idx = -1;
}

/** The sorted occupants of one lane. */
export class OccupantList {
  readonly items: Occupant[] = [];
  /** Tick of the last sort pass (avoids sorting a lane twice per step). */
  sortedAt = -1;

  get size(): number {
    return this.items.length;
  }

  /** Inserts `o` at its sorted place. */
  insert(o: Occupant): void {
    const items = this.items;
    const i = this.upperBound(o.s, o.seq);
    items.splice(i, 0, o);
    o.list = this;
    for (let k = i; k < items.length; k++) items[k].idx = k;
  }

  /** Removes `o` (no-op when absent). Leaving vehicles are near the end, so search from there. */
  remove(o: Occupant): void {
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) {
      if (items[i] === o) {
        items.splice(i, 1);
        for (let k = i; k < items.length; k++) items[k].idx = k;
        break;
      }
    }
    if (o.list === this) {
      o.list = null;
      o.idx = -1;
    }
  }

  /** Restores the order after positions changed (insertion sort; linear when nearly sorted). */
  sort(): void {
    const items = this.items;
    for (let i = 1; i < items.length; i++) {
      const o = items[i];
      let j = i - 1;
      if (!before(o, items[j])) continue;
      while (j >= 0 && before(o, items[j])) {
        const m = items[j];
        items[j + 1] = m;
        m.idx = j + 1;
        j--;
      }
      items[j + 1] = o;
      o.idx = j + 1;
    }
  }

  /** Index of the first occupant strictly after key (s, seq). */
  upperBound(s: number, seq: number): number {
    const items = this.items;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = items[mid];
      if (m.s < s || (m.s === s && m.seq <= seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Index of the first occupant strictly after key (s, seq): {@link upperBound}, found at once when
   * the key is `self`'s own occupant here (a vehicle looking ahead of or behind itself on its lane).
   */
  private after(s: number, seq: number, self: OccupantOwner | null): number {
    if (s === -Infinity) return 0;
    if (self !== null) {
      const o = self.occ;
      if (o.list === this && o.s === s && o.seq === seq) return o.idx + 1;
    }
    return this.upperBound(s, seq);
  }

  /** First occupant ahead of key (s, seq) that is not vehicle `self`'s, or null. */
  ahead(s: number, seq: number, self: OccupantOwner | null): Occupant | null {
    const items = this.items;
    for (let i = this.after(s, seq, self); i < items.length; i++) {
      const o = items[i];
      if (o.veh === null || o.veh !== self) return o;
    }
    return null;
  }

  /** Last occupant behind key (s, seq) that is not vehicle `self`'s, or null. */
  behind(s: number, seq: number, self: OccupantOwner | null): Occupant | null {
    const items = this.items;
    for (let i = this.after(s, seq, self) - 1; i >= 0; i--) {
      const o = items[i];
      if (o.s === s && o.seq === seq) continue;
      if (o.veh === null || o.veh !== self) return o;
    }
    return null;
  }

  /** First occupant from the lane start that is not vehicle `self`'s, or null. */
  first(self: OccupantOwner | null): Occupant | null {
    const items = this.items;
    for (let i = 0; i < items.length; i++) {
      const o = items[i];
      if (o.veh === null || o.veh !== self) return o;
    }
    return null;
  }

  /** Last occupant towards the lane end that is not vehicle `self`'s, or null. */
  last(self: OccupantOwner | null): Occupant | null {
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const o = items[i];
      if (o.veh === null || o.veh !== self) return o;
    }
    return null;
  }

  /** Forgets every occupant. */
  clear(): void {
    for (const o of this.items) {
      o.list = null;
      o.idx = -1;
    }
    this.items.length = 0;
  }
}

/** Sort order: by s, then by sequence number. */
function before(a: Occupant, b: Occupant): boolean {
  return a.s < b.s || (a.s === b.s && a.seq < b.seq);
}
