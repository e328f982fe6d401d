import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { NearestSelector } from "./NearestSelector.js";

/** The reference: a full sort by (distance², id). */
function bruteForce(ids: string[], d2: number[], k: number): number[] {
  return ids
    .map((_, i) => i)
    .sort((a, b) => d2[a] - d2[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0))
    .slice(0, k);
}

describe("NearestSelector", () => {
  it("selects the k nearest, nearest first, ties by id, for random inputs", () => {
    const rng = new Rng("nearest-selector");
    for (let trial = 0; trial < 200; trial++) {
      const n = rng.int(60);
      const k = 1 + rng.int(12);
      // Few distinct distances, so that ties are common; ids shuffled against frame order.
      const d2 = Array.from({ length: n }, () => rng.int(8));
      const ids = Array.from({ length: n }, (_, i) => `v${(i * 37) % 101}`);
      const sel = new NearestSelector(k);
      sel.reset(ids);
      for (let i = 0; i < n; i++) sel.offer(i, d2[i]);
      const count = sel.finish();
      expect([...sel.order.subarray(0, count)]).toEqual(bruteForce(ids, d2, k));
    }
  });

  it("can be reused, and finish empties it", () => {
    const sel = new NearestSelector(2);
    sel.reset(["a", "b", "c"]);
    sel.offer(0, 9);
    sel.offer(1, 1);
    sel.offer(2, 4);
    expect(sel.finish()).toBe(2);
    expect([...sel.order]).toEqual([1, 2]);
    expect(sel.size).toBe(0);
    sel.reset(["x"]);
    sel.offer(0, 100);
    expect(sel.finish()).toBe(1);
    expect(sel.order[0]).toBe(0);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new NearestSelector(0)).toThrow(/positive integer/);
  });
});
