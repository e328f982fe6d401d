import { describe, expect, it } from "vitest";
import { Occupant, OccupantList, type OccupantOwner } from "./LaneOccupancy.js";

function occ(s: number, seq: number): Occupant {
  const o = new Occupant();
  o.s = s;
  o.seq = seq;
  o.halfLength = 2;
  return o;
}

describe("OccupantList", () => {
  it("keeps occupants sorted by s, ties by sequence number", () => {
    const list = new OccupantList();
    const [a, b, c, d] = [occ(10, 3), occ(5, 1), occ(10, 2), occ(20, 0)];
    for (const o of [a, b, c, d]) list.insert(o);
    expect(list.items).toEqual([b, c, a, d]);
    expect(a.list).toBe(list);
    list.remove(c);
    expect(list.items).toEqual([b, a, d]);
    expect(c.list).toBeNull();
  });

  it("keeps every occupant's place in its list through inserts, removals and re-sorts, and answers a vehicle's own-lane queries from it as a search would", () => {
    const list = new OccupantList();
    const os: Occupant[] = [];
    // A deterministic shuffle of positions: inserts, moves (with re-sorts) and removals.
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const r = next();
      if (r < 0.4 || os.length < 3) {
        const o = occ(100 * next(), round);
        os.push(o);
        list.insert(o);
      } else if (r < 0.6) {
        list.remove(os.splice(Math.floor(next() * os.length), 1)[0]);
      } else {
        for (const o of os) o.s += 5 * next();
        list.sort();
      }
      list.items.forEach((o, i) => expect(o.idx).toBe(i));
      for (const o of os) {
        // A vehicle whose own occupant is `o`: the place-based answer equals the binary search's.
        const self: OccupantOwner = { occ: o };
        const byIdx = list.ahead(o.s, o.seq, self);
        const bySearch = list.items[list.upperBound(o.s, o.seq)] ?? null;
        expect(byIdx).toBe(bySearch);
        expect(list.behind(o.s, o.seq, self)).toBe(list.behind(o.s, o.seq, null));
      }
    }
    expect(os.length).toBeGreaterThan(10);
  });

  it("re-sorts after positions change", () => {
    const list = new OccupantList();
    const os = [occ(1, 0), occ(2, 1), occ(3, 2), occ(4, 3)];
    for (const o of os) list.insert(o);
    os[0].s = 3.5; // overtook two (a lane change, say)
    list.sort();
    expect(list.items.map((o) => o.seq)).toEqual([1, 2, 0, 3]);
  });

  it("finds the occupant ahead and behind a position", () => {
    const list = new OccupantList();
    const [a, b, c] = [occ(5, 0), occ(15, 1), occ(25, 2)];
    for (const o of [a, b, c]) list.insert(o);
    expect(list.ahead(15, 1, null)).toBe(c); // strictly after the key (b itself excluded)
    expect(list.ahead(14, 99, null)).toBe(b);
    expect(list.behind(15, 1, null)).toBe(a);
    expect(list.ahead(26, 0, null)).toBeNull();
    expect(list.first(null)).toBe(a);
    expect(list.last(null)).toBe(c);
    expect(list.upperBound(15, 1)).toBe(2);
  });
});
